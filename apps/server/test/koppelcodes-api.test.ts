import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/** POST /api/v1/trajecten/{id}/koppelcodes: what `visieleren teams code` does, over the API. */

let api: TestApi;
let vng: string;
let trajectId: string;

beforeAll(async () => {
  api = await startTestApi();
  vng = (await api.store.tokens.create({ role: 'vng', label: 'vng-team' }, 'test')).token;
  const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
  trajectId = created.body.traject.id;
});
afterAll(() => api.close());

describe('koppelcodes', () => {
  it('the VNG team makes a one-time Teams code that the Teams link redeems once', async () => {
    const response = await api.request('POST', `/api/v1/trajecten/${trajectId}/koppelcodes`, {
      token: vng,
      json: { platform: 'teams', uren: 24 },
    });
    expect(response.status, response.text).toBe(201);
    const { koppelcode } = response.body;
    expect(koppelcode.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(koppelcode.instructie).toBe(
      `Typ in het Teams-kanaal van de gemeente: @Visieleren koppel ${koppelcode.code}`,
    );
    const hours = (Date.parse(koppelcode.verlooptOp) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(await api.store.linkCodes.redeem(koppelcode.code, 'teams', 'test')).toEqual({ trajectId });
    expect(await api.store.linkCodes.redeem(koppelcode.code, 'teams', 'test')).toBeUndefined();
  });

  it('refuses a gemeente token (403), an unknown traject (404) and a bad body naming the fields (422)', async () => {
    const gemeente = (
      await api.store.tokens.create({ role: 'gemeente', trajectId, label: 'gemeente' }, 'test')
    ).token;
    const forbidden = await api.request('POST', `/api/v1/trajecten/${trajectId}/koppelcodes`, {
      token: gemeente,
      json: { platform: 'teams' },
    });
    expect(forbidden.status).toBe(403);
    const missing = await api.request('POST', '/api/v1/trajecten/bestaat-niet/koppelcodes', {
      token: vng,
      json: { platform: 'teams' },
    });
    expect(missing.status).toBe(404);
    const bad = await api.request('POST', `/api/v1/trajecten/${trajectId}/koppelcodes`, {
      token: vng,
      json: { platform: 'fax', uren: 0 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.invalidParams.map((issue: { name: string }) => issue.name).sort()).toEqual([
      'platform',
      'uren',
    ]);
  });
});
