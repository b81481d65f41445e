/**
 * The structure of an OpenAPI 3.1 document as JSON Schema 2020-12, written for this project from the
 * specification (sections 4.8.1 to 4.8.22): required fields, allowed keys and value kinds of the objects our
 * document uses. The official schema (spec.openapis.org/oas/3.1/schema) is not a package on the registry
 * this project installs from, so this is the next best check; every embedded JSON Schema is in addition
 * compiled by Ajv as 2020-12, and every `$ref` is resolved (see api-openapi.test.ts).
 */
const extensions = { '^x-': {} };
const reference = {
  type: 'object',
  required: ['$ref'],
  properties: { $ref: { type: 'string' }, summary: { type: 'string' }, description: { type: 'string' } },
  additionalProperties: false,
};
const orReference = (schema: object) => ({ oneOf: [reference, schema] });

const header = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    required: { type: 'boolean' },
    deprecated: { type: 'boolean' },
    schema: { type: ['object', 'boolean'] },
    example: true,
  },
  patternProperties: extensions,
  additionalProperties: false,
};

const mediaType = {
  type: 'object',
  properties: {
    schema: { type: ['object', 'boolean'] },
    example: true,
    examples: { type: 'object' },
    encoding: { type: 'object' },
  },
  patternProperties: extensions,
  additionalProperties: false,
};

const response = {
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string' },
    headers: { type: 'object', additionalProperties: orReference(header) },
    content: { type: 'object', additionalProperties: mediaType },
    links: { type: 'object' },
  },
  patternProperties: extensions,
  additionalProperties: false,
};

const parameter = {
  type: 'object',
  required: ['name', 'in'],
  properties: {
    name: { type: 'string' },
    in: { enum: ['query', 'header', 'path', 'cookie'] },
    description: { type: 'string' },
    required: { type: 'boolean' },
    deprecated: { type: 'boolean' },
    schema: { type: ['object', 'boolean'] },
    example: true,
    examples: { type: 'object' },
    style: { type: 'string' },
    explode: { type: 'boolean' },
  },
  // A path parameter must say required: true (4.8.12.1).
  if: { properties: { in: { const: 'path' } } },
  // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here, not a thenable
  then: { required: ['required'], properties: { required: { const: true } } },
  patternProperties: extensions,
  additionalProperties: false,
};

const operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    tags: { type: 'array', items: { type: 'string' } },
    summary: { type: 'string' },
    description: { type: 'string' },
    operationId: { type: 'string' },
    parameters: { type: 'array', items: orReference(parameter) },
    requestBody: orReference({
      type: 'object',
      required: ['content'],
      properties: {
        description: { type: 'string' },
        content: { type: 'object', additionalProperties: mediaType },
        required: { type: 'boolean' },
      },
      additionalProperties: false,
    }),
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
      additionalProperties: orReference(response),
    },
    security: {
      type: 'array',
      items: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    },
    deprecated: { type: 'boolean' },
    servers: { type: 'array' },
    callbacks: { type: 'object' },
    externalDocs: { type: 'object' },
  },
  patternProperties: extensions,
  additionalProperties: false,
};

export const oas31StructureSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['openapi', 'info'],
  anyOf: [{ required: ['paths'] }, { required: ['components'] }, { required: ['webhooks'] }],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+(-.+)?$' },
    jsonSchemaDialect: { type: 'string' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: {
        title: { type: 'string' },
        summary: { type: 'string' },
        description: { type: 'string' },
        termsOfService: { type: 'string' },
        contact: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            url: { type: 'string', pattern: '^https?://' },
            email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
          },
          additionalProperties: false,
        },
        license: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, identifier: { type: 'string' }, url: { type: 'string' } },
          // 4.8.4: identifier and url are mutually exclusive.
          not: { required: ['identifier', 'url'] },
          additionalProperties: false,
        },
        version: { type: 'string' },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    servers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string' },
          description: { type: 'string' },
          variables: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        properties: {
          summary: { type: 'string' },
          description: { type: 'string' },
          get: operation,
          put: operation,
          post: operation,
          delete: operation,
          options: operation,
          head: operation,
          patch: operation,
          trace: operation,
          parameters: { type: 'array' },
          servers: { type: 'array' },
        },
        patternProperties: extensions,
        additionalProperties: false,
      },
    },
    webhooks: { type: 'object' },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', additionalProperties: { type: ['object', 'boolean'] } },
        responses: { type: 'object', additionalProperties: orReference(response) },
        parameters: { type: 'object', additionalProperties: orReference(parameter) },
        headers: { type: 'object', additionalProperties: orReference(header) },
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['type'],
            properties: {
              type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] },
              description: { type: 'string' },
              scheme: { type: 'string' },
              bearerFormat: { type: 'string' },
              name: { type: 'string' },
              in: { type: 'string' },
              flows: { type: 'object' },
              openIdConnectUrl: { type: 'string' },
            },
            if: { properties: { type: { const: 'http' } } },
            // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here, not a thenable
            then: { required: ['scheme'] },
            additionalProperties: false,
          },
        },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    security: { type: 'array' },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          externalDocs: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
    externalDocs: { type: 'object' },
  },
  patternProperties: extensions,
  additionalProperties: false,
};
