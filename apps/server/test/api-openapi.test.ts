import type { Router } from 'express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../src/http/api-modules.js';
import { API_BASE_PATH, API_VERSION } from '../src/http/api-version.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../src/http/openapi/document.js';
import { expressPath } from '../src/http/openapi/operation.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';
import { checkApiDesignRules } from './openapi/design-rules.js';
import { mountedRoutes } from './openapi/mounted-routes.js';
import { oas31StructureSchema } from './openapi/oas31-structure.js';
import { allRefs, createAjv, embeddedSchemas, inlineRefs, resolveRef } from './openapi/schema-tools.js';

/**
 * The OpenAPI document: valid OpenAPI 3.1, 0 errors against the API Design Rules, every mounted route in it,
 * and every operation answering as documented (status, content type, headers, body), errors included.
 */

// biome-ignore lint/suspicious/noExplicitAny: answers are checked against the document's schemas
type Json = any;

/** Routes outside the API, on purpose: pages, probes, assets, the forms, the old paths, vendor webhooks. */
const OUTSIDE_THE_API: Array<string | RegExp> = [
  '/',
  '/healthz',
  '/readyz',
  '/assets/nl-design-system.css',
  '/assets/visieleren.css',
  '/api',
  /^regex:/, // the 308s from /api/trajects/…
  /^\/forms\//,
  /^\/api\/messages(\/|$)/,
  /^\/slack(\/|$)/,
  /^\/teams(\/|$)/,
  /^\/console(\/|$)/, // the VNG team's console: HTML pages posting to the same functions as the API
  '/favicon.ico',
  '/favicon.svg',
];

/**
 * Operations whose example names a record only a running server has (a failed reminder, a job in pg-boss's
 * queue): here they must answer their documented problem; beheer-api.test.ts makes the records and succeeds.
 */
const EXAMPLE_NEEDS_STATE: Record<string, number> = {
  probeerHerinneringOpnieuw: 404,
  listTaken: 503,
  probeerTaakOpnieuw: 503,
};

const document = buildOpenApiDocument(apiOperations());
const ajv = createAjv();
let api: TestApi;
let vng: string;

function vendorRouter(path: string): { path: string; router: Router } {
  const router = express.Router();
  router.post(path, (_req, res) => {
    res.status(200).end();
  });
  return { path: '/', router };
}

beforeAll(async () => {
  // Stand-ins for the plugins' vendor routes, mounted the way serve mounts them: they must stay out.
  api = await startTestApi({
    mounts: [vendorRouter('/api/messages'), vendorRouter('/slack/events'), vendorRouter('/teams/tab')],
    services: {
      formsSecret: 'openapi-test-geheim-0123456789abcdef',
      publicUrl: () => 'https://visieleren.example.nl',
    },
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'openapi' }, 'test')).token;
});
afterAll(async () => {
  await api.close();
});

function validate(schema: Json, value: unknown, what: string): void {
  const check = ajv.compile(inlineRefs(document, schema));
  if (!check(value)) {
    throw new Error(`${what} volgt het schema niet: ${JSON.stringify(check.errors?.slice(0, 5), null, 1)}`);
  }
}

function operations(doc: OpenApiDocument = document) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
}

describe('the OpenAPI document', () => {
  it('has the OpenAPI 3.1 structure', () => {
    validate(oas31StructureSchema, document, 'Het document');
    expect(document.openapi).toBe('3.1.0');
  });

  it('embeds only valid JSON Schema 2020-12, and every $ref resolves', () => {
    for (const { ref, at } of allRefs(document))
      expect(resolveRef(document, ref), `${at}: ${ref}`).toBeDefined();
    const schemas = embeddedSchemas(document);
    expect(schemas.length).toBeGreaterThan(30);
    for (const { at, schema } of schemas) {
      expect(() => ajv.compile(inlineRefs(document, schema)), at).not.toThrow();
    }
  });

  it('has every example valid against its schema', () => {
    let examples = 0;
    for (const { path, method, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.example === undefined) continue;
        // A query string carries text; the schema of a numeric parameter coerces it (z.coerce), so compare a number.
        const numeric = ['integer', 'number'].includes(String((parameter.schema as Json)?.type));
        validate(
          parameter.schema,
          parameter.in === 'query' && numeric ? Number(parameter.example) : parameter.example,
          `${method} ${path} ${parameter.name}`,
        );
        examples++;
      }
      const body = (operation.requestBody as Json)?.content?.['application/json'];
      if (body) {
        validate(body.schema, body.example, `${method} ${path} inhoud`);
        examples++;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const media of Object.values(response.content ?? {})) {
          if (media.example === undefined) continue;
          validate(media.schema, media.example, `${method} ${path} ${status}`);
          examples++;
        }
      }
    }
    expect(examples).toBeGreaterThan(15);
  });

  it('passes the API Design Rules with 0 errors', () => {
    const findings = checkApiDesignRules(document);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    // Warnings are allowed but listed here, so a new one is a conscious choice.
    expect(findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
  });

  it('has contact, a semver version and the major version in the server URL', () => {
    expect(document.info).toMatchObject({
      version: API_VERSION,
      contact: {
        name: expect.any(String),
        url: expect.stringMatching(/^https:/),
        email: expect.stringContaining('@'),
      },
    });
    expect(document.servers[0]?.url).toBe(API_BASE_PATH);
    expect(
      buildOpenApiDocument(apiOperations(), { publicUrl: 'https://visieleren.example.nl/' }).servers[0]?.url,
    ).toBe('https://visieleren.example.nl/api/v1');
  });

  it('names the routes outside it (the vendor webhooks among them)', () => {
    const description = String(document.info.description);
    for (const route of ['/api/messages', '/slack/', '/teams/', '/forms/', '/healthz'])
      expect(description).toContain(route);
  });

  it('is what the server serves at /api/v1/openapi.json and what `visieleren openapi` prints', async () => {
    const served = await api.request('GET', '/api/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/json/);
    expect(served.headers.get('access-control-allow-origin')).toBe('*');
    expect(served.body).toEqual(JSON.parse(JSON.stringify(document)));
    const printed = await runCliCaptured(['openapi'], { cwd: tempDirWith() });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(served.body);
    const absolute = await runCliCaptured(['openapi', '--server-url', 'https://visieleren.example.nl'], {
      cwd: tempDirWith(),
    });
    expect(JSON.parse(absolute.stdout).servers).toEqual([
      { url: 'https://visieleren.example.nl/api/v1', description: expect.any(String) },
    ]);
    const wrong = await runCliCaptured(['openapi', '--server-url', 'visieleren'], { cwd: tempDirWith() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--server-url moet een absoluut adres zijn');
  });
});

describe('every mounted route', () => {
  it('is in the document, or outside the API on purpose', () => {
    const documented = new Set(
      operations().map(
        ({ path, method }) => `${method} ${API_BASE_PATH}${expressPath(path === '/' ? '' : path)}`,
      ),
    );
    const routes = mountedRoutes(api.app);
    expect(routes.length).toBeGreaterThan(documented.size);
    const missing = routes.filter(({ method, path }) => {
      if (documented.has(`${method} ${path}`)) return false;
      return !OUTSIDE_THE_API.some((pattern) =>
        typeof pattern === 'string' ? pattern === path : pattern.test(path),
      );
    });
    expect(missing).toEqual([]);
    // And the other way round: nothing documented that is not served.
    const served = new Set(routes.map(({ method, path }) => `${method} ${path}`));
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });
});

/** A real request for a documented operation, built from its examples (ids of a traject made for it). */
async function call(
  path: string,
  method: string,
  operation: Json,
  options: {
    trajectId: string;
    token?: string;
    body?: unknown;
    id?: string;
    params?: Record<string, string>;
  },
) {
  const values: Record<string, string> = {};
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path')
      values[parameter.name] =
        parameter.name === 'id'
          ? (options.id ?? options.trajectId)
          : (options.params?.[parameter.name] ?? parameter.example);
  }
  const url = `${API_BASE_PATH}${path === '/' ? '' : path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(values[name] ?? ''))}`;
  const example = operation.requestBody?.content?.['application/json']?.example;
  // Without the example's revision: the traject has moved on since the example was written.
  const { revision: _revision, ...body } = (example ?? {}) as Record<string, unknown>;
  return api.request(method.toUpperCase(), url, {
    ...(options.token ? { token: options.token } : {}),
    ...(options.body !== undefined ? { json: options.body } : example !== undefined ? { json: body } : {}),
  });
}

function expectAsDocumented(
  operation: Json,
  response: Awaited<ReturnType<TestApi['request']>>,
  what: string,
) {
  const documented = operation.responses[String(response.status)];
  expect(
    documented,
    `${what}: status ${response.status} staat niet in het document (${response.text.slice(0, 200)})`,
  ).toBeDefined();
  expect(response.headers.get('api-version'), what).toBe(API_VERSION);
  for (const name of Object.keys(documented.headers)) {
    if (
      name === 'Access-Control-Allow-Origin' ||
      name === 'WWW-Authenticate' ||
      name === 'Retry-After' ||
      name === 'API-Version' ||
      name === 'X-Request-Id' ||
      name === 'ETag' ||
      name === 'Location'
    ) {
      expect(response.headers.get(name), `${what}: header ${name}`).toBeTruthy();
    }
  }
  const [type, media] = Object.entries<Json>(documented.content ?? {})[0] ?? [];
  if (!type) return;
  expect(response.headers.get('content-type'), what).toMatch(new RegExp(`^${type.replace('+', '\\+')}`));
  validate(media.schema, type.includes('json') ? response.body : response.text, what);
}

describe('every documented operation answers as documented', () => {
  it('succeeds with its own example', async () => {
    const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    const trajectId = created.body.traject.id as string;
    // The token the revoke example revokes.
    const revocable = await api.store.tokens.create({ role: 'vng', label: 'in te trekken' }, 'test');
    for (const { path, method, operation } of operations()) {
      const response = await call(path, method, operation, {
        trajectId,
        token: vng,
        params: { tokenId: revocable.record.id },
      });
      const expected = EXAMPLE_NEEDS_STATE[operation.operationId];
      if (expected) expect(response.status, `${method} ${path}`).toBe(expected);
      else expect(response.status, `${method} ${path}: ${response.text.slice(0, 300)}`).toBeLessThan(300);
      expectAsDocumented(operation, response, `${method} ${path}`);
    }
  });

  it('answers errors as documented problem details: 401 without a token, 404 for another traject, 422 for bad input', async () => {
    const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    const trajectId = created.body.traject.id as string;
    let problems = 0;
    for (const { path, method, operation } of operations()) {
      const what = `${method} ${path}`;
      if (operation.security.length > 0) {
        const response = await call(path, method, operation, { trajectId });
        expect(response.status, what).toBe(401);
        expectAsDocumented(operation, response, `${what} zonder token`);
        problems++;
      }
      if ((operation.parameters ?? []).some((parameter: Json) => parameter.name === 'id')) {
        const response = await call(path, method, operation, { trajectId, token: vng, id: 'bestaat-niet' });
        expect(response.status, what).toBe(404);
        expectAsDocumented(operation, response, `${what} onbekend traject`);
        problems++;
      }
      if (operation.requestBody) {
        const response = await call(path, method, operation, {
          trajectId,
          token: vng,
          body: { onbekendVeld: 1 },
        });
        expect(response.status, what).toBe(422);
        expectAsDocumented(operation, response, `${what} ongeldige inhoud`);
        expect(response.body.invalidParams.length, what).toBeGreaterThan(0);
        problems++;
      }
    }
    expect(problems).toBeGreaterThan(15);
  });
});
