import { describe, expect, it } from 'vitest';
import { apiOperations } from '../src/http/api-modules.js';
import { buildOpenApiDocument } from '../src/http/openapi/document.js';
import { checkApiDesignRules, RULE_NAMES } from './openapi/design-rules.js';

/** Each API Design Rule check fires on a document that breaks it, and stays quiet on ours. */

// biome-ignore lint/suspicious/noExplicitAny: documents are broken on purpose
type Json = any;

function good(): Json {
  return structuredClone(buildOpenApiDocument(apiOperations()));
}

function rulesBroken(document: Json): string[] {
  return [...new Set(checkApiDesignRules(document).map((finding) => finding.rule))];
}

const breakages: Array<[string, (document: Json) => void]> = [
  ['API-16 OpenAPI 3', (d) => (d.openapi = '2.0')],
  ['API-51 openapi.json', (d) => delete d.paths['/openapi.json']],
  ['API-20 major version in the URI', (d) => (d.servers = [{ url: '/api', description: 'x' }])],
  ['API-56 semver', (d) => (d.info.version = '1.0')],
  [
    'API-57 API-Version header',
    (d) => delete d.paths['/trajecten'].get.responses['200'].headers['API-Version'],
  ],
  ['API-48 no trailing slash', (d) => (d.paths['/trajecten/'] = d.paths['/trajecten'])],
  ['API-03 standard HTTP methods', (d) => (d.paths['/trajecten'].trace = d.paths['/trajecten'].get)],
  ['API-05 kebab-case resource names', (d) => (d.paths['/Trajecten_Lijst'] = d.paths['/trajecten'])],
  ['API-54 plural collection names', (d) => (d.paths['/traject/{id}'] = d.paths['/trajecten/{id}'])],
  ['API-53 no implementation details', (d) => (d.paths['/trajecten.php'] = d.paths['/trajecten'])],
  ['contact name, url and e-mail', (d) => delete d.info.contact.email],
  [
    'problem details for errors',
    (d) =>
      (d.paths['/trajecten'].get.responses['401'] = {
        description: 'x',
        headers: { 'API-Version': {} },
        content: { 'application/json': {} },
      }),
  ],
  [
    'description and example per operation',
    (d) => delete d.paths['/trajecten'].post.requestBody.content['application/json'].example,
  ],
  ['tags described', (d) => (d.tags[0].description = d.tags[0].name)],
  [
    'parameter examples fit their schema',
    (d) => {
      const limit = d.paths['/trajecten/{id}/auditregels'].get.parameters.find(
        (parameter: Json) => parameter.name === 'limit',
      );
      limit.example = '20';
    },
  ],
  [
    'camelCase properties',
    (d) => (d.components.schemas.Probleem.properties.invalid_params = { type: 'string' }),
  ],
];

describe('the API Design Rules check', () => {
  it('finds nothing in the served document', () => {
    expect(checkApiDesignRules(good())).toEqual([]);
  });

  it('has a breaking case for every rule', () => {
    expect(breakages.map(([rule]) => rule).sort()).toEqual([...RULE_NAMES].sort());
  });

  it.each(breakages)('reports "%s" on a document that breaks it, and only that', (rule, breakIt) => {
    const document = good();
    breakIt(document);
    expect(rulesBroken(document)).toEqual([rule]);
  });

  it('checks every operation for a description and the 2xx answers for an example', () => {
    const document = good();
    document.paths['/trajecten'].get.description = ' ';
    delete document.paths['/trajecten/{id}'].get.responses['200'].content['application/json'].example;
    const findings = checkApiDesignRules(document).filter(
      (finding) => finding.rule === 'description and example per operation',
    );
    expect(findings.map((finding) => finding.at)).toEqual([
      '/paths//trajecten/get',
      '/paths//trajecten/{id}/get/responses/200/application/json',
    ]);
  });

  it('survives a document that is not one', () => {
    expect(rulesBroken({})).toEqual(
      expect.arrayContaining([
        'API-16 OpenAPI 3',
        'API-51 openapi.json',
        'API-56 semver',
        'contact name, url and e-mail',
      ]),
    );
  });
});
