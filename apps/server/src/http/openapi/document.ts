import { z } from 'zod';
import { API_BASE_PATH, API_VERSION } from '../api-version.js';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '../problem.js';
import { type ApiOperation, isWrite } from './operation.js';

/**
 * Assembles the OpenAPI 3.1 document from the operations' zod schemas. The schemas become JSON Schema 2020-12
 * (OpenAPI 3.1's dialect) through zod 4's own `z.toJSONSchema`; this file only adds the envelope: info,
 * servers, security, the API-Version header and the problem answers. (The usual generators,
 * `zod-openapi` and `@asteasolutions/zod-to-openapi`, are not dependencies of this project.)
 */

export type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  servers: Array<{ url: string; description: string }>;
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components: Record<string, Record<string, unknown>>;
  tags: Array<{ name: string; description: string }>;
  [extension: `x-${string}`]: unknown;
};
export type OpenApiOperationObject = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
  responses: Record<string, OpenApiResponseObject>;
};
export type OpenApiResponseObject = {
  description: string;
  headers: Record<string, unknown>;
  content?: Record<string, { schema: JsonSchema; example?: unknown }>;
};

/** Routes the server answers outside this document, said in its description so a reviewer knows of them. */
export const ROUTES_OUTSIDE_THE_API = [
  '`/` — de overzichtspagina (HTML), `/healthz` en `/readyz` — gezondheid voor beheer;',
  "`/aanmelden`, `/lessen` en `/programmas` — openbare pagina's (HTML): het aanmeldformulier, de gedeelde lessen en de programma's;",
  '`/forms/{link}` — de HTML-formulieren achter ondertekende links;',
  '`/api/messages` (Microsoft Teams, Bot Framework), `/slack/…` (Slack) en `/teams/…` (het Teams-tabblad) — ' +
    'de koppelingen met Teams en Slack. Zij volgen het protocol van die leveranciers en staan daarom niet in dit document;',
  '`/api/trajects/…` en `/api` — de paden van vóór versie 1, die met 308 naar de nieuwe paden verwijzen.',
];

export interface DocumentOptions {
  /** Absolute URL of the server, when known (`VISIELEREN_PUBLIC_URL`); the servers entry is relative otherwise. */
  publicUrl?: string;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  // Inline schemas must stand alone: a `$defs` reference would point at the document's root.
  if ('$defs' in converted)
    throw new Error('Een API-schema met $defs (recursie) kan niet inline in het document.');
  const { $schema: _dialect, ...rest } = converted;
  return rest;
}

const API_VERSION_HEADER = { $ref: '#/components/headers/API-Version' };
const REQUEST_ID_HEADER = { $ref: '#/components/headers/X-Request-Id' };

const COMMON_PROBLEMS: Record<string, string> = {
  '400': 'De inhoud is geen geldige JSON of het verzoek is onvolledig.',
  '401': 'Geen, een onbekend of een ingetrokken API-token (met `WWW-Authenticate: Bearer`).',
  '413': 'De inhoud is groter dan 100 kB.',
  '415': 'De inhoud is geen UTF-8 JSON.',
  '422': 'De invoer klopt niet; `invalidParams` noemt elk veld met de reden.',
  '429': 'Te veel wijzigingen met dit token; probeer het opnieuw na `Retry-After` seconden.',
  '500': 'Er ging iets mis op de server; het antwoord noemt het request-id.',
};

function problemResponse(description: string, status: number): OpenApiResponseObject {
  const headers: Record<string, unknown> = {
    'API-Version': API_VERSION_HEADER,
    'X-Request-Id': REQUEST_ID_HEADER,
  };
  if (status === 401) headers['WWW-Authenticate'] = { $ref: '#/components/headers/WWW-Authenticate' };
  if (status === 429) headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
  return {
    description,
    headers,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Probleem' } } },
  };
}

function parametersOf(operation: ApiOperation): Array<Record<string, unknown>> {
  const parameters: Array<Record<string, unknown>> = [];
  for (const [name, parameter] of Object.entries(operation.pathParams ?? {})) {
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: parameter.description,
      schema: parameter.schema ? toJsonSchema(parameter.schema, 'input') : { type: 'string', minLength: 1 },
      example: parameter.example,
    });
  }
  if (operation.query) {
    for (const [name, field] of Object.entries(operation.query.shape)) {
      const schema = toJsonSchema(field as z.ZodType, 'input');
      const example = operation.queryExample?.[name];
      parameters.push({
        name,
        in: 'query',
        required: !(field as z.ZodType).safeParse(undefined).success,
        description: String(schema.description ?? name),
        schema,
        ...(example === undefined ? {} : { example }),
      });
    }
  }
  return parameters;
}

function operationObject(operation: ApiOperation): OpenApiOperationObject {
  const responses: Record<string, OpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers: Record<string, unknown> = {
      'API-Version': API_VERSION_HEADER,
      'X-Request-Id': REQUEST_ID_HEADER,
    };
    for (const [name, description] of Object.entries(response.headers ?? {})) {
      headers[name] = { description, schema: { type: 'string' } };
    }
    responses[status] = {
      description: response.description,
      headers,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                schema: toJsonSchema(response.schema, 'output'),
                ...(response.example === undefined ? {} : { example: response.example }),
              },
            },
          }
        : {}),
    };
  }
  const problems: Record<string, string> = { ...operation.problems };
  const add = (status: string) => {
    problems[status] ??= COMMON_PROBLEMS[status] ?? '';
  };
  if (operation.requestBody) for (const status of ['400', '413', '415', '422']) add(status);
  if (operation.query) add('422');
  if (operation.auth === 'bearer') add('401');
  if (isWrite(operation.method)) add('429');
  add('500');
  for (const [status, description] of Object.entries(problems)) {
    responses[status] = problemResponse(description, Number(status));
  }
  const parameters = parametersOf(operation);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    tags: [operation.tag],
    security: operation.auth === 'bearer' ? [{ apiToken: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.requestBody
      ? {
          requestBody: {
            required: true,
            description: operation.requestBody.description,
            content: {
              'application/json': {
                schema: toJsonSchema(operation.requestBody.schema, 'input'),
                example: operation.requestBody.example,
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))),
  };
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  Trajecten: 'De visieleertrajecten: planning, fasen, actiepunten, uren, VIT en het audit-log.',
  'Aanmeldingen en dossier':
    'Van aanmelding tot nazorg: aanmeldingen en het besluit erover, kernvragen, producten, het expertteam en extra sessies.',
  Lessen:
    'De bibliotheek van geleerde lessen: per thema en uitgangspunt, gedeeld tussen trajecten als dat mag.',
  "Programma's": "Programma's met meerdere trajecten (zoals Impuls Vakmanschap) en hun voortgangsmetingen.",
  Documentatie: 'Dit document en de leesbare pagina die ervan gemaakt wordt.',
  'Beheer (VNG-team)':
    'Het dagelijkse werk van het VNG-team: koppelcodes, formulierlinks, statussen met reden, tokens, herinneringen, taken, cohorten en de portfoliorapportage.',
};

export function buildOpenApiDocument(
  operations: readonly ApiOperation[],
  options: DocumentOptions = {},
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const seenIds = new Set<string>();
  for (const operation of operations) {
    if (seenIds.has(operation.operationId))
      throw new Error(`operationId ${operation.operationId} komt twee keer voor.`);
    seenIds.add(operation.operationId);
    const item = paths[operation.path] ?? {};
    paths[operation.path] = item;
    if (item[operation.method])
      throw new Error(`${operation.method.toUpperCase()} ${operation.path} staat er twee keer in.`);
    item[operation.method] = operationObject(operation);
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? name,
  }));
  const serverUrl = options.publicUrl
    ? `${options.publicUrl.replace(/\/$/, '')}${API_BASE_PATH}`
    : API_BASE_PATH;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Visieleren API',
      version: API_VERSION,
      summary:
        'De visieleertrajecten van de VNG: planning, actiepunten, uren en het Verkenningsinstrument Toegang.',
      description: [
        'JSON-API voor de visieleertrajecten, volgens de REST API Design Rules 2.0 van de Nederlandse overheid.',
        '',
        'Stuur een API-token mee als `Authorization: Bearer <token>` (maken met `visieleren token create --role vng`). ' +
          'Het VNG-team ziet alle trajecten, een gemeente alleen het eigen traject; een traject van een andere ' +
          'gemeente geeft dezelfde 404 als een traject dat niet bestaat.',
        '',
        'Elk antwoord draagt de header `API-Version` met de volledige versie. Fouten zijn probleemdetails ' +
          '(RFC 9457, `application/problem+json`) in het Nederlands; bij 422 noemt `invalidParams` elk veld. ' +
          'Wijzigingen nemen `revision` mee (of `If-Match`); een verouderde revisie geeft 409. Wijzigingen zijn per ' +
          'token beperkt in aantal (429 met `Retry-After`). Datums zijn `JJJJ-MM-DD` in Europe/Amsterdam.',
        '',
        'Buiten dit document beantwoordt de server ook:',
        ...ROUTES_OUTSIDE_THE_API.map((line) => `- ${line}`),
      ].join('\n'),
      contact: {
        name: 'VNG, Platform Sociaal Domein (visieleerteam)',
        // The public contact of the visieleertrajecten (VNG's own pages, see the seeds in DOMAIN.md).
        url: 'https://vng.nl/rubrieken/onderwerpen/project-toegang',
        email: 'visieleren@vng.nl',
      },
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: serverUrl, description: 'Deze server, versie 1 van de API.' }],
    tags,
    paths,
    components: {
      schemas: { Probleem: toJsonSchema(problemSchema, 'output') },
      headers: {
        'API-Version': {
          description: 'De volledige versie van de API (semver).',
          required: true,
          schema: { type: 'string', example: API_VERSION },
        },
        'X-Request-Id': {
          description:
            'Het id van dit verzoek: overgenomen van de client als het kort en eenvoudig is, anders nieuw.',
          schema: { type: 'string' },
        },
        'WWW-Authenticate': { description: 'Bearer-uitdaging.', schema: { type: 'string' } },
        'Retry-After': {
          description: 'Over hoeveel seconden het weer mag.',
          schema: { type: 'integer', minimum: 1 },
        },
      },
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Een API-token van `visieleren token create`; alleen een hash ervan wordt bewaard.',
        },
      },
    },
  };
}
