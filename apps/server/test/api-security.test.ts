import { systemClock } from '@visieleren/core';
import { signFormToken } from '@visieleren/forms';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../src/http/api-modules.js';
import { createLifecyclePagesRouter } from '../src/http/lifecycle-pages.js';
import { TEAMS_FRAME_ANCESTORS } from '../src/http/security-headers.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/**
 * What a gemeente's CISO looks for: security headers on pages and API, writes limited per token and per form
 * link (429 with Retry-After), and no secret, token or personal e-mail address in any log line.
 */

const FORMS_SECRET = 'formulier-geheim-voor-de-beveiligingstest-0123456789';
const EMAILS = [
  'j.jansen@ede.nl',
  'wethouder.pietersen@ede.nl',
  'moderator@vng.nl',
  'inwoner+test@example.org',
];

let api: TestApi;
let clockMs = Date.parse('2027-02-08T10:00:00Z');
let vng: string;

beforeAll(async () => {
  const teams = express.Router();
  teams.get('/teams/tab', (_req, res) => {
    res.type('html').send('<!doctype html><title>tab</title>');
  });
  api = await startTestApi({
    formsSecret: FORMS_SECRET,
    // The VNG team's sign-in on the pages, as `serve` mounts it.
    vngSignIn: { formsSecret: FORMS_SECRET },
    apiWriteLimit: { burst: 5, perMinute: 6 },
    now: () => clockMs,
    mounts: [{ path: '/', router: teams }],
    // The public pages `serve` mounts (aanmelden, lessen, programma's), with the store the API uses.
    pages: (store, logger) =>
      createLifecyclePagesRouter({ store, clock: systemClock, logger, today: () => '2027-02-08' }),
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'beveiliging' }, 'test')).token;
});
afterAll(async () => {
  await api.close();
});

async function newToken(label: string): Promise<string> {
  return (await api.store.tokens.create({ role: 'vng', label }, 'test')).token;
}

describe('security headers', () => {
  it('are on the pages and every kind of API answer: CSP without inline script, no framing, no referrer, no cache', async () => {
    const traject = await api.request('POST', '/api/v1/trajecten', {
      token: await newToken('kop'),
      json: newTrajectBody(),
    });
    const answers = {
      overview: await api.request('GET', '/'),
      apiPage: await api.request('GET', '/api/v1'),
      document: await api.request('GET', '/api/v1/openapi.json'),
      list: await api.request('GET', '/api/v1/trajecten', { token: vng }),
      created: traject,
      unauthorised: await api.request('GET', '/api/v1/trajecten'),
      missing: await api.request('GET', '/api/v1/bestaat-niet'),
      redirect: await fetch(`${api.baseUrl}/api/trajects`, { redirect: 'manual' }).then((response) => ({
        headers: response.headers,
        status: response.status,
      })),
      health: await api.request('GET', '/healthz'),
      aanmelden: await api.request('GET', '/aanmelden'),
      lessen: await api.request('GET', '/lessen'),
      inloggen: await api.request('GET', '/inloggen'),
    };
    for (const [name, answer] of Object.entries(answers)) {
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp, name).toContain("default-src 'none'");
      // No script at all, except on a form page (aanmelden) its one enhancement script, allowed by hash.
      const scripts = /script-src ([^;]*)/.exec(csp)?.[1];
      if (name === 'aanmelden') expect(scripts, name).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
      else expect(scripts, name).toBeUndefined();
      expect(csp, name).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-frame-options'), name).toBe('DENY');
      expect(answer.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(answer.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(answer.headers.get('cache-control'), name).toBe('no-store');
      expect(answer.headers.get('api-version'), name).toBe('1.0.0');
    }
  });

  it('let only Teams frame the Teams tab (under /teams/)', async () => {
    const tab = await api.request('GET', '/teams/tab');
    const csp = tab.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS}`);
    for (const origin of [
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.skype.com',
    ]) {
      expect(csp).toContain(origin);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(tab.headers.get('x-frame-options')).toBeNull();
    expect(tab.headers.get('cache-control')).toBe('no-store');
    // The same origins never get to frame anything else.
    expect((await api.request('GET', '/')).headers.get('content-security-policy')).not.toContain(
      'teams.microsoft.com',
    );
  });

  it('let stylesheets be cached, since they hold nothing personal', async () => {
    const css = await api.request('GET', '/assets/visieleren.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toMatch(/^public/);
  });

  it('keep form pages unframed, unreferred and uncached, with no script but the enhancement allowed by hash', async () => {
    const created = await api.request('POST', '/api/v1/trajecten', {
      token: await newToken('formkop'),
      json: newTrajectBody(),
    });
    const token = signFormToken(
      {
        formId: 'evaluatie',
        trajectId: created.body.traject.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
      FORMS_SECRET,
    );
    const page = await api.request('GET', `/forms/${token}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });
});

describe('write limits', () => {
  it('answer 429 with Retry-After and problem details once a token floods, per token, writes only', async () => {
    const flooding = await newToken('vloed');
    const other = await newToken('ander');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<TestApi['request']>> | undefined;
    for (let attempt = 0; attempt < 8; attempt++) {
      last = await api.request('POST', '/api/v1/trajecten', { token: flooding, json: newTrajectBody() });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    expect(last?.headers.get('retry-after')).toBe('10');
    expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(last?.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Te veel verzoeken' });
    expect(last?.body.detail).toMatch(/Probeer het over 10 seconden opnieuw/);
    // Nothing of the flood reached the store past the limit.
    expect((await api.request('GET', '/api/v1/trajecten', { token: flooding })).status).toBe(200);
    expect(
      (await api.request('POST', '/api/v1/trajecten', { token: other, json: newTrajectBody() })).status,
    ).toBe(201);
    // A made-up token is limited just the same, before it is looked up.
    const made = [] as number[];
    for (let attempt = 0; attempt < 7; attempt++) {
      made.push((await api.request('POST', '/api/v1/trajecten', { token: 'vl_verzonnen', json: {} })).status);
    }
    expect(made.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(made.slice(5)).toEqual([429, 429]);
    // Time passes (the limiter's clock, not the test's): one write per 10 seconds comes back.
    clockMs += 10_000;
    expect(
      (await api.request('POST', '/api/v1/trajecten', { token: flooding, json: newTrajectBody() })).status,
    ).toBe(201);
    expect(
      (await api.request('POST', '/api/v1/trajecten', { token: flooding, json: newTrajectBody() })).status,
    ).toBe(429);
  });
});

describe('logs', () => {
  it('never hold a secret, a token or a personal e-mail address, whatever route is driven with them', async () => {
    const secretToken = await newToken('logtest');
    const created = await api.request('POST', '/api/v1/trajecten', {
      token: secretToken,
      json: newTrajectBody({
        participants: EMAILS.map((email, index) => ({
          id: `p${index}`,
          name: `Persoon ${index}`,
          email,
          role: 'professional',
        })),
      }),
    });
    expect(created.status).toBe(201);
    const trajectId = created.body.traject.id as string;
    const formLink = signFormToken(
      {
        formId: 'evaluatie',
        trajectId,
        subject: EMAILS[0] as string,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
      FORMS_SECRET,
    );
    const before = api.logs().length;
    const headers = (index: number) => ({
      // Every place a client could put one: the request id, a cookie, a custom header.
      'x-request-id': secretToken,
      cookie: `sessie=${secretToken}; email=${EMAILS[index % EMAILS.length]}`,
      'x-visieleren-signature': `sha256=${FORMS_SECRET}`,
    });
    let driven = 0;
    for (const operation of apiOperations()) {
      for (const [index, id] of [trajectId, EMAILS[1] as string].entries()) {
        const path = `/api/v1${operation.path === '/' ? '' : operation.path}`
          .replace('{id}', encodeURIComponent(id))
          .replace('{fase}', 'luisteren')
          .replace('{item}', encodeURIComponent(EMAILS[2] as string));
        const query = `?email=${encodeURIComponent(EMAILS[3] as string)}&token=${secretToken}`;
        const body = operation.requestBody
          ? {
              ...(operation.requestBody.example as object),
              by: EMAILS[0],
              note: `mail ${EMAILS[1]}`,
              submittedBy: EMAILS[2],
            }
          : undefined;
        // Past the write limit, so every write reaches its handler (and whatever it might log).
        clockMs += 60_000;
        await api.request(operation.method.toUpperCase(), `${path}${query}`, {
          token: secretToken,
          headers: headers(index),
          ...(body ? { json: body } : {}),
        });
        driven++;
      }
    }
    for (const path of [
      '/',
      '/healthz',
      '/readyz',
      '/assets/visieleren.css',
      '/aanmelden',
      '/lessen',
      '/programmas',
      `/programmas/${EMAILS[3]}`,
      `/api/trajects/${EMAILS[0]}`,
      `/nergens/${EMAILS[1]}`,
      // Signed links travel in paths outside /forms too (the Teams tab's traject pages).
      `/teams/traject/${formLink}`,
    ]) {
      await api.request('GET', `${path}?email=${EMAILS[2]}`, { token: secretToken, headers: headers(0) });
      driven++;
    }
    await api.request('GET', `/forms/${formLink}?email=${EMAILS[3]}`, { headers: headers(1) });
    const post = await fetch(`${api.baseUrl}/forms/${formLink}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers(2) },
      body: new URLSearchParams({ toelichting: EMAILS[3] as string }).toString(),
      redirect: 'manual',
    });
    expect(post.status).toBeLessThan(500);
    await api.request('GET', `/forms/${formLink.slice(0, -3)}xyz`, { headers: headers(3) });
    // The public aanmelding form, with a contact person's address in it.
    const aanmelding = await fetch(`${api.baseUrl}/aanmelden`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers(0) },
      body: new URLSearchParams({
        gemeente: 'Ede',
        'contact-email': EMAILS[0] as string,
        toelichting: EMAILS[1] as string,
      }).toString(),
      redirect: 'manual',
    });
    expect(aanmelding.status).toBeLessThan(500);
    driven += 4;
    // The VNG team's sign-in: a wrong token and a real one in the form, then the session cookie on the pages.
    const signIn = (token: string, index: number) =>
      fetch(`${api.baseUrl}/inloggen?email=${EMAILS[index]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers(index) },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
    expect((await signIn(`${secretToken}x`, 1)).status).toBe(401);
    const signedIn = await signIn(secretToken, 2);
    expect(signedIn.status).toBe(303);
    const session = /visieleren_sessie=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(session).not.toBe('');
    const withSession = { ...headers(3), cookie: `visieleren_sessie=${session}; email=${EMAILS[3]}` };
    for (const path of ['/', '/inloggen']) {
      expect(
        (await api.request('GET', `${path}?token=${secretToken}`, { headers: withSession })).status,
      ).toBe(200);
    }
    const signedOut = await fetch(`${api.baseUrl}/uitloggen`, {
      method: 'POST',
      headers: withSession,
      redirect: 'manual',
    });
    expect(signedOut.status).toBe(303);
    driven += 5;

    const logs = api.logs().slice(before);
    expect(driven).toBeGreaterThan(20);
    expect(logs.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(driven);
    for (const secret of [
      secretToken,
      FORMS_SECRET,
      formLink,
      session,
      ...EMAILS,
      encodeURIComponent(EMAILS[1] as string),
    ]) {
      expect(logs, `${secret} in de log`).not.toContain(secret);
    }
    expect(logs).toContain('"path":"/api/v1/trajecten/[verborgen]"');
    expect(logs).toContain('"path":"/forms/…"');
  });
});
