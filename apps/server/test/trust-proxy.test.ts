import { isVisielerenError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { startTestApi } from './helpers/api-server.js';

/**
 * Behind a load balancer every request comes from the balancer. VISIELEREN_TRUST_PROXY says which proxies to
 * believe about the client (X-Forwarded-For) and the protocol (X-Forwarded-Proto); without it nothing a client
 * writes in those headers counts.
 */

const FORMS_SECRET = 'proxy-test-geheim-van-minstens-tweeendertig-tekens';

function signIn(baseUrl: string, headers: Record<string, string>, token = 'vl_geraden') {
  return fetch(`${baseUrl}/inloggen`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: `token=${encodeURIComponent(token)}`,
    redirect: 'manual',
  });
}

describe('VISIELEREN_TRUST_PROXY', { timeout: 30_000 }, () => {
  it('reads a hop count or addresses, and names the variable for anything else', () => {
    expect(loadEnv({}).trustProxy).toBeUndefined();
    expect(loadEnv({ VISIELEREN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadEnv({ VISIELEREN_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    for (const wrong of ['ja', '0', 'proxy.example.nl']) {
      try {
        loadEnv({ VISIELEREN_TRUST_PROXY: wrong });
        expect.unreachable(`"${wrong}" geaccepteerd`);
      } catch (error) {
        expect(isVisielerenError(error) && error.code === 'CONFIGURATION').toBe(true);
        expect((error as Error).message).toContain('VISIELEREN_TRUST_PROXY');
      }
    }
  });

  it('with a trusted proxy, each client has its own sign-in limit and TLS at the proxy makes the cookie Secure', async () => {
    const api = await startTestApi({
      vngSignIn: { formsSecret: FORMS_SECRET, limit: { burst: 2, perMinute: 1 } },
      trustProxy: 1,
    });
    try {
      const first = { 'x-forwarded-for': '203.0.113.10' };
      expect((await signIn(api.baseUrl, first)).status).toBe(401);
      expect((await signIn(api.baseUrl, first)).status).toBe(401);
      expect((await signIn(api.baseUrl, first)).status).toBe(429);
      // Another person behind the same balancer is not locked out by the first.
      expect((await signIn(api.baseUrl, { 'x-forwarded-for': '203.0.113.20' })).status).toBe(401);
      const { token } = await api.store.tokens.create({ role: 'vng', label: 'VNG-team' }, 'test');
      const signedIn = await signIn(
        api.baseUrl,
        { 'x-forwarded-for': '203.0.113.30', 'x-forwarded-proto': 'https' },
        token,
      );
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await api.close();
    }
  });

  it('without it, a client cannot dodge the limit by writing X-Forwarded-For', async () => {
    const api = await startTestApi({
      vngSignIn: { formsSecret: FORMS_SECRET, limit: { burst: 2, perMinute: 1 } },
    });
    try {
      const statuses: number[] = [];
      for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        statuses.push((await signIn(api.baseUrl, { 'x-forwarded-for': address })).status);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await api.close();
    }
  });
});
