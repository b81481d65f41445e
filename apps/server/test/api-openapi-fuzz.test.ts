import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../src/http/api-modules.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/**
 * Every operation of the OpenAPI document, with random valid and invalid bodies, headers and encodings: the
 * API may refuse anything, but never with a 5xx. Path parameters are a real traject, its phase and item, or
 * something made up. Bounded: a fixed number of runs, a few seconds on a quiet machine.
 */

const RUNS = 400;
let api: TestApi;
let vng: string;
let gemeente: string;
let trajectId: string;
let phaseKey: string;
let itemId: string;

beforeAll(async () => {
  // With the services `serve` gives (forms secret, address), so the form-link route is fuzzed for real.
  api = await startTestApi({
    apiWriteLimit: { burst: 1_000_000, perMinute: 1_000_000 },
    services: { formsSecret: 'fuzz-geheim-'.repeat(4), publicUrl: () => api.baseUrl },
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'fuzz' }, 'test')).token;
  const created = await api.request('POST', '/api/v1/trajecten', {
    token: vng,
    json: newTrajectBody({ status: 'lopend' }),
  });
  trajectId = created.body.traject.id;
  phaseKey = created.body.traject.phases[0].key;
  itemId = created.body.traject.checklist[0].itemId;
  gemeente = (await api.store.tokens.create({ role: 'gemeente', trajectId, label: 'fuzz' }, 'test')).token;
});
afterAll(async () => {
  await api.close();
});

const operations = apiOperations();

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('%00', '%ZZ', '..', '%2e%2e', 'a'.repeat(300), '\u0000', '😀', '%F0%9F', '{}'),
);

function pathValue(name: string): fc.Arbitrary<string> {
  const real = name === 'fase' ? phaseKey : name === 'item' ? itemId : trajectId;
  return fc.oneof({ weight: 4, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: weird });
}

/** The example body, the example with one field changed to anything, a random JSON value, or raw bytes. */
function bodyFor(example: unknown): fc.Arbitrary<{ raw: string } | { json: unknown }> {
  const fields =
    example !== null && typeof example === 'object' && !Array.isArray(example) ? Object.keys(example) : [];
  const mutated =
    fields.length > 0
      ? fc
          .tuple(fc.constantFrom(...fields), fc.jsonValue())
          .map(([field, value]) => ({ json: { ...(example as object), [field]: value } }))
      : fc.jsonValue().map((json) => ({ json }));
  return fc.oneof(
    fc.constant({ json: example }),
    mutated,
    fc.jsonValue().map((json) => ({ json })),
    fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
    fc
      .constantFrom('{', '{"a":', '\u0000', '"\\ud800"', '{"x":"\\u0000"}', '[]', 'null')
      .map((raw) => ({ raw })),
  );
}

const headerSets = fc.record(
  {
    auth: fc.constantFrom('vng', 'gemeente', 'none', 'garbage', 'lowercase', 'spaces'),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'multipart/form-data; boundary=x',
    ),
    encoding: fc.constantFrom(undefined, 'gzip', 'gzip-real', 'deflate', 'br', 'x-onbekend', 'identity'),
    accept: fc.constantFrom(undefined, 'application/json', 'text/html', 'image/png', '*/*'),
  },
  { requiredKeys: ['auth', 'contentType', 'encoding'] },
);

describe('every route of the OpenAPI document', { timeout: 240_000 }, () => {
  it(`answers ${RUNS} random requests without a single 5xx`, async () => {
    const seen = new Set<string>();
    const request = fc.constantFrom(...operations).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        params: fc.record(
          Object.fromEntries(Object.keys(operation.pathParams ?? {}).map((name) => [name, pathValue(name)])),
        ),
        body: operation.requestBody ? bodyFor(operation.requestBody.example) : fc.constant(undefined),
        headers: headerSets,
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ operation, params, body, headers }) => {
        seen.add(operation.operationId);
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(String((params as Record<string, string>)[name] ?? '')),
        );
        const sent: Record<string, string> = { 'content-type': headers.contentType };
        if (headers.accept) sent.accept = headers.accept;
        const token = headers.auth === 'gemeente' ? gemeente : vng;
        if (headers.auth === 'vng' || headers.auth === 'gemeente') sent.authorization = `Bearer ${token}`;
        if (headers.auth === 'garbage') sent.authorization = 'Bearer vl_~~~';
        if (headers.auth === 'lowercase') sent.authorization = `bearer ${vng}`;
        if (headers.auth === 'spaces') sent.authorization = `  BEARER   ${vng}  `;
        let payload: string | Uint8Array<ArrayBuffer> | undefined;
        if (body !== undefined) payload = 'raw' in body ? body.raw : JSON.stringify(body.json);
        if (headers.encoding === 'gzip-real' && payload !== undefined) {
          payload = new Uint8Array(gzipSync(payload));
          sent['content-encoding'] = 'gzip';
        } else if (headers.encoding) sent['content-encoding'] = headers.encoding;
        const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
          method: operation.method.toUpperCase(),
          headers: sent,
          ...(payload === undefined ? {} : { body: payload }),
        });
        const text = await response.text();
        // The job queue's operations say 503 NOT_READY when no queue runs in the process (this test's app
        // starts none): a stated configuration answer, not a failure.
        if (response.status === 503 && text.includes('"code":"NOT_READY"')) return;
        expect(
          response.status,
          `${operation.method.toUpperCase()} ${path} ${JSON.stringify(headers)} ${String(payload).slice(0, 200)} → ${text.slice(0, 300)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    // The property reached every operation of the document, not just a few.
    expect(
      operations.filter((operation) => !seen.has(operation.operationId)).map((o) => o.operationId),
    ).toEqual([]);
  });
});
