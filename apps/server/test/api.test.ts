import { defaultVitBank, VIT_YES } from '@visieleren/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

let api: TestApi;
let vng: string;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  await api.reset();
  vng = (await api.store.tokens.create({ role: 'vng', label: 'test VNG' }, 'test')).token;
});

async function createTraject(overrides: Record<string, unknown> = {}) {
  const response = await api.request('POST', '/api/v1/trajecten', {
    token: vng,
    json: newTrajectBody(overrides),
  });
  expect(response.status, response.text).toBe(201);
  return response.body.traject as { id: string; revision: number; phases: Array<{ key: string }> };
}

describe('an app made without the admin services (no forms secret, no address)', () => {
  it('answers a form-link request with 503 NOT_READY, never a 500', async () => {
    const { id } = await createTraject();
    const response = await api.request('POST', `/api/v1/trajecten/${id}/formulierlinks`, {
      token: vng,
      json: { formulier: 'evaluatie', dagen: 30 },
    });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('NOT_READY');
  });
});

describe('authentication and scope', () => {
  it('answers 401 with a Bearer challenge and Dutch problem details without a token', async () => {
    const response = await api.request('GET', '/api/v1/trajecten');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="visieleren"/);
    expect(response.body).toMatchObject({ code: 'AUTH', status: 401, title: 'Niet ingelogd' });
    expect(response.body.detail).toMatch(/Inloggen vereist/);
  });

  it('answers 401 for an unknown, malformed or revoked token', async () => {
    expect((await api.request('GET', '/api/v1/trajecten', { token: 'vl_onzin' })).status).toBe(401);
    expect(
      (await api.request('GET', '/api/v1/trajecten', { headers: { authorization: `Basic ${vng}` } })).status,
    ).toBe(401);
    const { token, record } = await api.store.tokens.create({ role: 'vng', label: 'weg' }, 'test');
    await api.store.tokens.revoke(record.id, 'test');
    const response = await api.request('GET', '/api/v1/trajecten', { token });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/onbekend, ingetrokken/);
  });

  it('lets a gemeente see only its own traject; another one looks exactly like a missing one', async () => {
    const ede = await createTraject({ gemeenten: [{ name: 'Ede' }] });
    const zeist = await createTraject({ gemeenten: [{ name: 'Zeist' }] });
    const gemeente = (
      await api.store.tokens.create({ role: 'gemeente', trajectId: ede.id, label: 'Ede' }, 'test')
    ).token;

    const list = await api.request('GET', '/api/v1/trajecten', { token: gemeente });
    expect(list.body.trajecten.map((traject: { id: string }) => traject.id)).toEqual([ede.id]);
    expect((await api.request('GET', `/api/v1/trajecten/${ede.id}`, { token: gemeente })).status).toBe(200);

    const other = await api.request('GET', `/api/v1/trajecten/${zeist.id}`, { token: gemeente });
    const missing = await api.request('GET', '/api/v1/trajecten/bestaat-niet', { token: gemeente });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const shape = (body: { code: string; detail: string; instance: string }, id: string) => ({
      code: body.code,
      detail: body.detail.replace(id, '<id>'),
      instance: body.instance.replace(id, '<id>'),
    });
    expect(shape(other.body, zeist.id)).toEqual(shape(missing.body, 'bestaat-niet'));

    const write = await api.request('PATCH', `/api/v1/trajecten/${zeist.id}/status`, {
      token: gemeente,
      json: { status: 'gepauzeerd' },
    });
    expect(write.status).toBe(404);
    expect((await api.store.trajects.get(zeist.id, { kind: 'all' })).status).toBe('aangemeld');

    const create = await api.request('POST', '/api/v1/trajecten', {
      token: gemeente,
      json: newTrajectBody(),
    });
    expect(create.status).toBe(403);
  });

  it('keeps the API page, the document, health and overview open without credentials', async () => {
    const page = await api.request('GET', '/api/v1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/v1/trajecten/{id}/fasen/{fase}');
    expect((await api.request('GET', '/api/v1/openapi.json')).body.openapi).toBe('3.1.0');
    expect((await api.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.request('GET', '/readyz')).body).toMatchObject({ status: 'ready', database: 'pglite' });
    const overview = await api.request('GET', '/');
    expect(overview.status).toBe(200);
    expect(overview.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('trajects', () => {
  it('creates a traject from a template and returns forecast, hours and VIT', async () => {
    const response = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    expect(response.status).toBe(201);
    const { traject } = response.body;
    expect(response.headers.get('location')).toBe(`/api/v1/trajecten/${traject.id}`);
    expect(response.headers.get('api-version')).toBe('1.0.0');
    expect(response.headers.get('etag')).toBe('"1"');
    expect(traject).toMatchObject({ templateKey: 'visieleertraject', status: 'aangemeld', revision: 1 });
    expect(traject.id).toMatch(/^ede-2027-[0-9a-f]{4}$/);
    expect(traject.phases).toHaveLength(5);

    const detail = await api.request('GET', `/api/v1/trajecten/${traject.id}`, { token: vng });
    expect(detail.status).toBe(200);
    expect(detail.body.traject.id).toBe(traject.id);
    expect(detail.body.forecast.phases).toHaveLength(5);
    expect(detail.body.forecast.forecastEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(detail.body.hours).toBeTruthy();
    expect(detail.body.vit).toBeNull();

    const list = await api.request('GET', '/api/v1/trajecten', { token: vng });
    expect(list.body.trajecten).toHaveLength(1);
  });

  it('refuses an unknown template with a clear error', async () => {
    const response = await api.request('POST', '/api/v1/trajecten', {
      token: vng,
      json: newTrajectBody({ templateKey: 'bestaat-niet' }),
    });
    expect(response.status).toBe(404);
    expect(response.body.detail).toMatch(/Onbekend template "bestaat-niet"/);
  });

  it('updates phase dates with optimistic concurrency (body revision and If-Match) and 409 when stale', async () => {
    const traject = await createTraject();
    const phaseKey = traject.phases[0]?.key ?? '';
    const path = `/api/v1/trajecten/${traject.id}/fasen/${phaseKey}`;

    const first = await api.request('PATCH', path, {
      token: vng,
      json: { actualStart: '2027-01-11', revision: 1 },
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body.traject.revision).toBe(2);
    expect(first.body.traject.phases[0].actualStart).toBe('2027-01-11');

    const stale = await api.request('PATCH', path, {
      token: vng,
      json: { actualEnd: '2027-01-29', revision: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');

    const staleHeader = await api.request('PATCH', path, {
      token: vng,
      json: { actualEnd: '2027-01-29' },
      headers: { 'if-match': '"1"' },
    });
    expect(staleHeader.status).toBe(409);

    const fresh = await api.request('PATCH', path, {
      token: vng,
      json: { actualEnd: '2027-01-29' },
      headers: { 'if-match': '"2"' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"3"');

    const stored = await api.store.trajects.get(traject.id, { kind: 'all' });
    expect(stored.phases[0]).toMatchObject({ actualStart: '2027-01-11', actualEnd: '2027-01-29' });
    expect(stored.revision).toBe(3);
  });

  it('refuses an unknown phase and an unknown checklist item with 404', async () => {
    const traject = await createTraject();
    const phase = await api.request('PATCH', `/api/v1/trajecten/${traject.id}/fasen/geen-fase`, {
      token: vng,
      json: { actualStart: '2027-01-11' },
    });
    expect(phase.status).toBe(404);
    expect(phase.body.detail).toMatch(/geen fase "geen-fase"/);
    const item = await api.request('PUT', `/api/v1/trajecten/${traject.id}/checklist/geen-item`, {
      token: vng,
      json: { done: true },
    });
    expect(item.status).toBe(404);
  });

  it('sets status, ticks a checklist item, logs hours and stores VIT answers, each with an audit entry', async () => {
    const traject = await createTraject();
    const detail = await api.request('GET', `/api/v1/trajecten/${traject.id}`, { token: vng });
    const itemId: string = detail.body.forecast.checklist[0].id;

    const status = await api.request('PATCH', `/api/v1/trajecten/${traject.id}/status`, {
      token: vng,
      json: { status: 'lopend' },
    });
    expect(status.status).toBe(200);
    expect(status.body.traject.status).toBe('lopend');

    const tick = await api.request('PUT', `/api/v1/trajecten/${traject.id}/checklist/${itemId}`, {
      token: vng,
      json: { done: true, by: 'Contactpersoon Ede' },
    });
    expect(tick.status, tick.text).toBe(200);
    expect(tick.body.traject.checklist).toContainEqual(expect.objectContaining({ itemId, done: true }));

    const hours = await api.request('POST', `/api/v1/trajecten/${traject.id}/uren`, {
      token: vng,
      json: { role: 'ambtelijk-contactpersoon', date: '2027-02-01', hours: 6.5, note: 'intake' },
    });
    expect(hours.status).toBe(201);
    expect(hours.body.traject.hours).toContainEqual(
      expect.objectContaining({ role: 'ambtelijk-contactpersoon', date: '2027-02-01', hours: 6.5 }),
    );

    const answers: Record<string, number | string> = {};
    for (const uitgangspunt of defaultVitBank.uitgangspunten) {
      for (const question of uitgangspunt.questions) {
        answers[question.id] =
          question.kind === 'scale'
            ? defaultVitBank.scale.max
            : question.kind === 'yes-no'
              ? VIT_YES
              : 'toelichting';
      }
    }
    const vit = await api.request('POST', `/api/v1/trajecten/${traject.id}/vit`, {
      token: vng,
      json: { answers },
    });
    expect(vit.status, vit.text).toBe(201);
    expect(vit.body.vit).toBeTruthy();
    expect(vit.body.traject.vit.answers).toEqual(answers);

    const withVit = await api.request('GET', `/api/v1/trajecten/${traject.id}`, { token: vng });
    expect(withVit.body.vit).toBeTruthy();

    const audit = await api.request('GET', `/api/v1/trajecten/${traject.id}/auditregels`, { token: vng });
    expect(audit.status).toBe(200);
    const actions = audit.body.auditregels.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['vit.submit', 'hours.log', 'checklist.set', 'traject.status', 'traject.create']);
    expect(audit.body.auditregels[0].actor).toMatch(/^token:test VNG/);
    expect(JSON.stringify(audit.body)).not.toContain(vng);
  });

  it('refuses VIT answers the bank does not know, naming the question', async () => {
    const traject = await createTraject();
    const response = await api.request('POST', `/api/v1/trajecten/${traject.id}/vit`, {
      token: vng,
      json: { answers: { 'geen-vraag': 3 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/geen-vraag/);
  });
});

describe('bad input never becomes a 500', () => {
  it('answers 400 on malformed JSON', async () => {
    const traject = await createTraject();
    const response = await api.request('POST', `/api/v1/trajecten/${traject.id}/uren`, {
      token: vng,
      raw: '{"role": "bestuurder", ',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers 413 on a body over 100 kB', async () => {
    const traject = await createTraject();
    const response = await api.request('POST', `/api/v1/trajecten/${traject.id}/uren`, {
      token: vng,
      json: { role: 'bestuurder', date: '2027-02-01', hours: 1, note: 'x'.repeat(120 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/te groot \(maximaal 100 kB\)/);
  });

  it('answers 422 with Dutch messages per field', async () => {
    const response = await api.request('POST', '/api/v1/trajecten', {
      token: vng,
      json: newTrajectBody({ startDate: '2027-02-30', gemeenten: [], themes: ['onbekend'], extra: 1 }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const paths = response.body.invalidParams.map((field: { name: string }) => field.name);
    expect(paths).toEqual(expect.arrayContaining(['startDate', 'gemeenten', 'themes.0']));
    const startDate = response.body.invalidParams.find(
      (field: { name: string }) => field.name === 'startDate',
    );
    expect(startDate.reason).toBe('bestaat niet als datum');
    expect(response.body.detail).toMatch(/^Het nieuwe traject is ongeldig:/);
  });

  it('answers 422 for a body that is not an object and for a wrong If-Match', async () => {
    const traject = await createTraject();
    const array = await api.request('PATCH', `/api/v1/trajecten/${traject.id}/status`, {
      token: vng,
      json: [1, 2],
    });
    expect(array.status).toBe(422);
    const noBody = await api.request('PATCH', `/api/v1/trajecten/${traject.id}/status`, { token: vng });
    expect(noBody.status).toBe(422);
    const badIfMatch = await api.request('PATCH', `/api/v1/trajecten/${traject.id}/status`, {
      token: vng,
      json: { status: 'lopend' },
      headers: { 'if-match': 'morgen' },
    });
    expect(badIfMatch.status).toBe(422);
  });

  it('answers a problem 404 for unknown addresses and keeps a caller request id', async () => {
    const response = await api.request('GET', '/api/v1/bestaat-niet', {
      token: vng,
      headers: { 'x-request-id': 'mijn-id-123' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('mijn-id-123');
    expect(response.body.requestId).toBe('mijn-id-123');
  });

  it('never writes tokens to the log', async () => {
    await api.request('GET', '/api/v1/trajecten', { token: vng });
    await api.request('GET', '/api/v1/trajecten', { token: 'vl_verkeerd-token-dat-niet-bestaat' });
    expect(api.logs()).toContain('"path":"/api/v1/trajecten"');
    expect(api.logs()).not.toContain(vng);
    expect(api.logs()).not.toContain('vl_verkeerd-token-dat-niet-bestaat');
  });
});

describe('the paths of before version 1', () => {
  it('answer 308 to the new paths, keeping method, body and query', async () => {
    const cases: Array<[string, string]> = [
      ['/api/trajects', '/api/v1/trajecten'],
      ['/api/trajects/ede-1/phases/luisteren', '/api/v1/trajecten/ede-1/fasen/luisteren'],
      ['/api/trajects/ede-1/checklist/vit-invullen', '/api/v1/trajecten/ede-1/checklist/vit-invullen'],
      ['/api/trajects/ede-1/hours', '/api/v1/trajecten/ede-1/uren'],
      ['/api/trajects/ede-1/vit', '/api/v1/trajecten/ede-1/vit'],
      ['/api/trajects/ede-1/status', '/api/v1/trajecten/ede-1/status'],
      ['/api/trajects/ede-1/audit?limit=5', '/api/v1/trajecten/ede-1/auditregels?limit=5'],
      ['/api', '/api/v1'],
    ];
    for (const [old, now] of cases) {
      const response = await fetch(`${api.baseUrl}${old}`, { method: 'POST', redirect: 'manual' });
      expect(response.status, old).toBe(308);
      expect(response.headers.get('location')).toBe(now);
      expect(response.headers.get('api-version')).toBe('1.0.0');
    }
  });

  it('still work for an old script that follows redirects', async () => {
    const created = await api.request('POST', '/api/trajects', { token: vng, json: newTrajectBody() });
    expect(created.status).toBe(201);
    const hours = await api.request('POST', `/api/trajects/${created.body.traject.id}/hours`, {
      token: vng,
      json: { role: 'bestuurder', date: '2027-02-01', hours: 2 },
    });
    expect(hours.status).toBe(201);
  });
});
