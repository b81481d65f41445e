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
