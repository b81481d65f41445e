import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/**
 * What an attacker tried and got through before (issue #21): limits that keyed on the raw header, a gemeente
 * overruling the VNG, text the database cannot store, bodies with a made-up encoding.
 */

let api: TestApi;
let clockMs = Date.parse('2027-02-08T10:00:00Z');

beforeAll(async () => {
  api = await startTestApi({ apiWriteLimit: { burst: 5, perMinute: 6 }, now: () => clockMs });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  // A fresh minute for every test: each starts with a full bucket per token.
  clockMs += 3_600_000;
});

async function newToken(label: string): Promise<string> {
  return (await api.store.tokens.create({ role: 'vng', label }, 'test')).token;
}

describe('the per-token write limit', () => {
  it('keys on the token, however the Authorization header spells it', async () => {
    const token = await newToken('spellingen');
    const spellings = [
      `Bearer ${token}`,
      `bearer ${token}`,
      `BEARER  ${token}`,
      `Bearer\t${token}`,
      `  bEaReR   ${token}  `,
      `Bearer ${token} `,
      `bearer\t\t${token}`,
      `Bearer    ${token}`,
    ];
    const statuses: number[] = [];
    for (const authorization of spellings) {
      const response = await api.request('POST', '/api/v1/trajecten', {
        json: newTrajectBody(),
        headers: { authorization },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
  });

  it('refuses a token spelled another way than it was made (no base64url alphabet, stray bits) before a query', async () => {
    const token = await newToken('vreemd');
    const altered = [
      `${token.slice(0, 10)}~${token.slice(10)}`,
      `${token}=`,
      // The last character of 32 bytes in base64url carries 4 unused bits: `A` → `B` decodes alike in Node.
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    ];
    for (const variant of altered) {
      const response = await api.request('GET', '/api/v1/trajecten', { token: variant });
      expect(response.status, variant).toBe(401);
    }
    expect((await api.request('GET', '/api/v1/trajecten', { token })).status).toBe(200);
  });
});

describe('the status of a traject', () => {
  async function gemeenteOf(trajectId: string) {
    return (await api.store.tokens.create({ role: 'gemeente', trajectId, label: 'gemeente' }, 'test')).token;
  }

  it('is the VNG team’s to change: a gemeente cannot overrule a decline or skip the acceptance', async () => {
    const vng = await newToken('vng-status');
    const aanmelding = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    const id = aanmelding.body.traject.id as string;
    // Back to aangemeld through the store, as an aanmelding from the form would be.
    await api.store.trajects.setStatus(id, 'aangemeld', { actor: 'test' });
    const gemeente = await gemeenteOf(id);

    const skip = await api.request('PATCH', `/api/v1/trajecten/${id}/status`, {
      token: gemeente,
      json: { status: 'lopend' },
    });
    expect(skip.status).toBe(403);
    expect(skip.body.detail).toMatch(/Alleen het VNG-team/);

    const declined = await api.request('PUT', `/api/v1/aanmeldingen/${id}/besluit`, {
      token: vng,
      json: { besluit: 'afwijzen', reden: 'Past niet in de planning van dit jaar' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body.traject.status).toBe('afgewezen');

    const overrule = await api.request('PATCH', `/api/v1/trajecten/${id}/status`, {
      token: gemeente,
      json: { status: 'lopend' },
    });
    expect(overrule.status).toBe(409);
    const stored = await api.store.trajects.get(id, { kind: 'all' });
    expect(stored.status).toBe('afgewezen');
  });

  it('closes only with a reason, kept in the audit log', async () => {
    const vng = await newToken('vng-sluiten');
    const created = await api.request('POST', '/api/v1/trajecten', {
      token: vng,
      json: newTrajectBody({ status: 'lopend' }),
    });
    const id = created.body.traject.id as string;
    const bare = await api.request('PATCH', `/api/v1/trajecten/${id}/status`, {
      token: vng,
      json: { status: 'afgerond' },
    });
    expect(bare.status).toBe(422);
    expect(bare.body.invalidParams).toEqual([{ name: 'reden', reason: expect.any(String) }]);
    const closed = await api.request('PATCH', `/api/v1/trajecten/${id}/status`, {
      token: vng,
      json: { status: 'afgerond', reden: 'Borgingssessie gehouden, traject klaar' },
    });
    expect(closed.status).toBe(200);
    const audit = await api.store.audit.list({ trajectId: id });
    expect(audit[0]?.detail).toMatchObject({
      to: 'afgerond',
      reason: 'Borgingssessie gehouden, traject klaar',
    });
  });
});

describe('bodies that cannot be read', () => {
  it('answer 400 or 415 to a Content-Encoding that does not fit the body, never 500', async () => {
    const body = JSON.stringify(newTrajectBody());
    for (const encoding of [
      'gzip',
      'deflate',
      'br',
      'gzip, gzip',
      'x-onbekend',
      'identity, gzip',
      ' GZIP ',
    ]) {
      // A token per request: the write limit (5 here) is not what this test is about.
      const token = await newToken(`codering ${encoding}`);
      const response = await api.request('POST', '/api/v1/trajecten', {
        token,
        raw: body,
        headers: { 'content-encoding': encoding },
      });
      expect([400, 415], `${encoding} → ${response.status} ${response.text.slice(0, 200)}`).toContain(
        response.status,
      );
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuse a NUL byte or a lone surrogate in any text field with a Dutch 422 naming the field', async () => {
    const token = await newToken('nul');
    for (const [field, value] of [
      ['kernvraag', 'Hoe\u0000 verder?'],
      ['kernvraag', 'Hoe \ud800 verder?'],
    ] as const) {
      const response = await api.request('POST', '/api/v1/trajecten', {
        token,
        json: newTrajectBody({ [field]: value }),
      });
      expect(response.status).toBe(422);
      expect(response.body.invalidParams).toEqual([{ name: field, reason: expect.stringMatching(/teken/) }]);
      expect(response.body.detail).toMatch(/ongeldig/);
    }
    const nested = await api.request('POST', '/api/v1/trajecten', {
      token,
      json: newTrajectBody({ gemeenten: [{ name: 'Ede\u0000' }] }),
    });
    expect(nested.status).toBe(422);
    expect(nested.body.invalidParams[0].name).toBe('gemeenten.0.name');
  });
});
