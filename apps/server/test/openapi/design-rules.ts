/**
 * The NL API Design Rules 2.0 (Logius, "pas toe of leg uit") that a machine can check in an OpenAPI document,
 * written for this project from the published rules. Logius publishes a Spectral ruleset for the same purpose;
 * `@stoplight/spectral-*` is not a dependency here, so the rules are plain functions over the document,
 * each tested in design-rules.test.ts on a document that breaks it.
 */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** The design rule (its id in the published rules) or the project's own rule. */
  rule: string;
  severity: Severity;
  /** Where in the document, as a JSON-pointer-like path. */
  at: string;
  message: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the rules read any document, however malformed
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const ALLOWED_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const KEBAB_SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARAMETER_SEGMENT = /^\{[A-Za-z0-9_]+\}$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/** Collective nouns that name a collection in the singular in Dutch ("de checklist" holds the items). */
const COLLECTIVE_NOUNS = new Set(['checklist']);

/** Dutch and English plural endings: trajecten, fasen, uren, auditregels, items, foto's. */
function looksPlural(segment: string): boolean {
  const last = segment.split('-').at(-1) ?? segment;
  return /(en|s|'s|a)$/.test(last) || COLLECTIVE_NOUNS.has(segment);
}

/** Why `value` is not an instance of a simple (scalar) JSON Schema, or undefined when it is. */
function exampleProblem(value: unknown, schema: Json): string | undefined {
  const types: string[] = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : [];
  const actual =
    value === null
      ? 'null'
      : Number.isInteger(value)
        ? 'integer'
        : Array.isArray(value)
          ? 'array'
          : typeof value;
  const fits =
    types.length === 0 ||
    types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
  if (!fits) return `${JSON.stringify(value)} is geen ${types.join(' of ')}`;
  if (Array.isArray(schema?.enum) && !schema.enum.includes(value))
    return `${JSON.stringify(value)} staat niet in enum`;
  if (typeof value === 'number') {
    if (typeof schema?.minimum === 'number' && value < schema.minimum)
      return `${value} < minimum ${schema.minimum}`;
    if (typeof schema?.maximum === 'number' && value > schema.maximum)
      return `${value} > maximum ${schema.maximum}`;
  }
  return undefined;
}

function operationsOf(document: Json): Array<{ path: string; method: string; operation: Json }> {
  const found: Array<{ path: string; method: string; operation: Json }> = [];
  for (const [path, item] of Object.entries<Json>(document?.paths ?? {})) {
    for (const method of Object.keys(item ?? {})) {
      if ((METHODS as readonly string[]).includes(method))
        found.push({ path, method, operation: item[method] });
    }
  }
  return found;
}

function resolve(document: Json, value: Json): Json {
  if (value && typeof value.$ref === 'string' && value.$ref.startsWith('#/')) {
    return value.$ref
      .slice(2)
      .split('/')
      .reduce((node: Json, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  }
  return value;
}

type Rule = (document: Json) => Finding[];

const rules: Record<
  string,
  { severity: Severity; check: (document: Json, report: (at: string, message: string) => void) => void }
> = {
  // API-16 (/core/doc-openapi): document the API in OpenAPI 3.
  'API-16 OpenAPI 3': {
    severity: 'error',
    check(document, report) {
      if (typeof document?.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(document.openapi)) {
        report('/openapi', 'het document moet OpenAPI 3.x zijn');
      }
    },
  },
  // API-51 (/core/publish-openapi): the document is published at <base>/openapi.json.
  'API-51 openapi.json': {
    severity: 'error',
    check(document, report) {
      if (!document?.paths?.['/openapi.json']?.get) report('/paths', 'GET /openapi.json ontbreekt');
    },
  },
  // API-20 (/core/uri-version): the major version, and only that, in the URI (in the servers' URLs).
  'API-20 major version in the URI': {
    severity: 'error',
    check(document, report) {
      const servers: Json[] = document?.servers ?? [];
      if (servers.length === 0) report('/servers', 'geen servers: de hoofdversie moet in het adres staan');
      servers.forEach((server, index) => {
        if (!/\/v\d+$/.test(String(server?.url ?? ''))) {
          report(`/servers/${index}/url`, `"${server?.url}" eindigt niet op de hoofdversie (/v1)`);
        }
      });
      for (const path of Object.keys(document?.paths ?? {})) {
        if (/\/v\d+(\/|$)/.test(path))
          report(`/paths/${path}`, 'de versie hoort in servers, niet in elk pad');
      }
    },
  },
  // API-56 (/core/semver): semantic versioning.
  'API-56 semver': {
    severity: 'error',
    check(document, report) {
      if (!SEMVER.test(String(document?.info?.version ?? ''))) {
        report('/info/version', `"${document?.info?.version}" is geen semver (MAJOR.MINOR.PATCH)`);
      }
    },
  },
  // API-57 (/core/version-header): every response carries API-Version.
  'API-57 API-Version header': {
    severity: 'error',
    check(document, report) {
      for (const { path, method, operation } of operationsOf(document)) {
        for (const [status, response] of Object.entries<Json>(operation?.responses ?? {})) {
          const headers = resolve(document, response)?.headers ?? {};
          if (!Object.keys(headers).some((name) => name.toLowerCase() === 'api-version')) {
            report(`/paths/${path}/${method}/responses/${status}`, 'de header API-Version ontbreekt');
          }
        }
      }
    },
  },
  // API-48 (/core/no-trailing-slash): no trailing slashes.
  'API-48 no trailing slash': {
    severity: 'error',
    check(document, report) {
      for (const path of Object.keys(document?.paths ?? {})) {
        if (path !== '/' && path.endsWith('/')) report(`/paths/${path}`, 'het pad eindigt op een slash');
      }
    },
  },
  // API-03 (/core/http-methods): only the standard methods with their meaning.
  'API-03 standard HTTP methods': {
    severity: 'error',
    check(document, report) {
      for (const { path, method } of operationsOf(document)) {
        if (!ALLOWED_METHODS.has(method))
          report(`/paths/${path}/${method}`, `${method.toUpperCase()} is geen toegestane methode`);
      }
    },
  },
  // API-05/API-54 with the naming conventions: resources are nouns, lower-case kebab-case.
  'API-05 kebab-case resource names': {
    severity: 'error',
    check(document, report) {
      for (const path of Object.keys(document?.paths ?? {})) {
        for (const segment of path.split('/').filter(Boolean)) {
          if (PARAMETER_SEGMENT.test(segment)) continue;
          // A file extension (openapi.json; a .php is API-53's business) is not part of the name.
          if (!KEBAB_SEGMENT.test(segment.replace(/\.[a-z0-9]+$/, '')))
            report(`/paths/${path}`, `"${segment}" is geen kebab-case in kleine letters`);
        }
      }
    },
  },
  // API-54 (/core/naming-collections): a collection (a name followed by an id) is a plural noun.
  'API-54 plural collection names': {
    severity: 'warning',
    check(document, report) {
      for (const path of Object.keys(document?.paths ?? {})) {
        const segments = path.split('/').filter(Boolean);
        segments.forEach((segment, index) => {
          const next = segments[index + 1];
          if (
            next &&
            PARAMETER_SEGMENT.test(next) &&
            !PARAMETER_SEGMENT.test(segment) &&
            !looksPlural(segment)
          ) {
            report(`/paths/${path}`, `"${segment}" lijkt geen meervoud`);
          }
        });
      }
    },
  },
  // API-53 (/core/hide-implementation): no technology in the URI.
  'API-53 no implementation details': {
    severity: 'error',
    check(document, report) {
      for (const path of Object.keys(document?.paths ?? {})) {
        if (/\.(php|asp|aspx|jsp|cgi|do|action)(\/|$)/i.test(path))
          report(`/paths/${path}`, 'het pad verraadt de techniek');
      }
    },
  },
  // The rules' documentation requirements (info.contact; API-17 documentation): who to call.
  'contact name, url and e-mail': {
    severity: 'error',
    check(document, report) {
      for (const field of ['name', 'url', 'email']) {
        if (typeof document?.info?.contact?.[field] !== 'string' || !document.info.contact[field]) {
          report(`/info/contact/${field}`, `info.contact.${field} ontbreekt`);
        }
      }
    },
  },
  // The problem details module (RFC 9457): every error answer is application/problem+json.
  'problem details for errors': {
    severity: 'error',
    check(document, report) {
      for (const { path, method, operation } of operationsOf(document)) {
        for (const [status, response] of Object.entries<Json>(operation?.responses ?? {})) {
          if (!/^[45]/.test(status)) continue;
          const content = resolve(document, response)?.content ?? {};
          if (!content['application/problem+json']) {
            report(
              `/paths/${path}/${method}/responses/${status}`,
              'een fout moet application/problem+json zijn',
            );
          }
        }
      }
    },
  },
  // The project's bar (issue 13): every operation explains itself and shows an example.
  'description and example per operation': {
    severity: 'error',
    check(document, report) {
      for (const { path, method, operation } of operationsOf(document)) {
        const at = `/paths/${path}/${method}`;
        for (const field of ['operationId', 'summary', 'description']) {
          if (typeof operation?.[field] !== 'string' || !operation[field].trim())
            report(at, `${field} ontbreekt`);
        }
        const body = operation?.requestBody?.content ?? {};
        for (const [type, media] of Object.entries<Json>(body)) {
          if (media?.example === undefined && media?.examples === undefined)
            report(`${at}/requestBody/${type}`, 'voorbeeld ontbreekt');
        }
        const success = Object.entries<Json>(operation?.responses ?? {}).filter(([status]) =>
          /^2/.test(status),
        );
        if (success.length === 0) report(at, 'geen succesantwoord');
        for (const [status, response] of success) {
          for (const [type, media] of Object.entries<Json>(resolve(document, response)?.content ?? {})) {
            if (media?.example === undefined && media?.examples === undefined) {
              report(`${at}/responses/${status}/${type}`, 'voorbeeld ontbreekt');
            }
          }
        }
      }
    },
  },
  // Logius' Spectral ruleset (oas3-valid-schema-example): a parameter's example must be a valid value, so
  // `limit: "20"` (a string) for an integer is an error.
  'parameter examples fit their schema': {
    severity: 'error',
    check(document, report) {
      for (const { path, method, operation } of operationsOf(document)) {
        for (const [index, parameter] of (operation?.parameters ?? []).entries()) {
          const resolved = resolve(document, parameter);
          if (resolved?.example === undefined) continue;
          const problem = exampleProblem(resolved.example, resolve(document, resolved.schema) ?? {});
          if (problem)
            report(
              `/paths/${path}/${method}/parameters/${index}`,
              `voorbeeld van ${resolved.name}: ${problem}`,
            );
        }
      }
    },
  },
  // The project's bar: every section of the API page (a tag) says what it holds.
  'tags described': {
    severity: 'error',
    check(document, report) {
      const described = new Map<string, string>(
        (document?.tags ?? []).map((tag: Json) => [String(tag?.name), String(tag?.description ?? '')]),
      );
      for (const { path, method, operation } of operationsOf(document)) {
        for (const tag of operation?.tags ?? []) {
          const description = described.get(tag);
          if (!description || description === tag)
            report(`/paths/${path}/${method}/tags`, `tag "${tag}" heeft geen beschrijving`);
        }
      }
    },
  },
  // Naming conventions: properties in camelCase (the rules' field naming; a warning, as in Logius' linter).
  'camelCase properties': {
    severity: 'warning',
    check(document, report) {
      const visit = (schema: Json, at: string) => {
        if (!schema || typeof schema !== 'object') return;
        for (const name of Object.keys(schema.properties ?? {})) {
          if (!CAMEL_CASE.test(name)) report(at, `eigenschap "${name}" is geen camelCase`);
          visit(schema.properties[name], `${at}/${name}`);
        }
        for (const key of ['items', 'additionalProperties']) visit(schema[key], `${at}/${key}`);
        for (const key of ['anyOf', 'oneOf', 'allOf']) for (const part of schema[key] ?? []) visit(part, at);
      };
      for (const [name, schema] of Object.entries<Json>(document?.components?.schemas ?? {})) {
        visit(schema, `/components/schemas/${name}`);
      }
      for (const { path, method, operation } of operationsOf(document)) {
        for (const media of Object.values<Json>(operation?.requestBody?.content ?? {}))
          visit(media?.schema, `/paths/${path}/${method}/requestBody`);
        for (const [status, response] of Object.entries<Json>(operation?.responses ?? {})) {
          for (const media of Object.values<Json>(resolve(document, response)?.content ?? {})) {
            visit(media?.schema, `/paths/${path}/${method}/responses/${status}`);
          }
        }
      }
    },
  },
};

export const RULE_NAMES = Object.keys(rules);

export const checkApiDesignRules: Rule = (document) => {
  const findings: Finding[] = [];
  for (const [rule, { severity, check }] of Object.entries(rules)) {
    check(document, (at, message) => findings.push({ rule, severity, at, message }));
  }
  return findings;
};
