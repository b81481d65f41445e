import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTrajectFromTemplate, fixedClock, getBuiltInTemplate } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { SIGN_IN_ERRORS } from '../src/http/inloggen-routes.js';
import { createSessionCodec, SESSION_COOKIE } from '../src/http/vng-session.js';
import { createPinoLogger } from '../src/logging.js';
import { type RunningServer, startServer } from '../src/server.js';
import { startTestApi } from './helpers/api-server.js';

/**
 * The VNG team's sign-in on a shared deployment (`serve` with DATABASE_URL, here on an in-memory PGlite store
 * passed in): signed out the overview hands out no traject page; signed in with a VNG token it links every
 * traject, until the token is revoked, the cookie is altered or the team member signs out.
 */

const FORMS_SECRET = 'gedeeld-formuliergeheim-voor-de-inlogtest-0123456789';
const GEMEENTEN = ['Zaanstad', 'Purmerend'];

let store: Store;
let dataDir: string;
let server: RunningServer;
let logText = '';
let vngToken: string;
let vngTokenId: string;
let gemeenteToken: string;
/** Every session cookie the server handed out, for the log test. */
const issuedCookies: string[] = [];

function logger() {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logText += chunk.toString();
      callback();
    },
  });
  return createPinoLogger({ level: 'info', format: 'json', destination });
}

async function startShared(extra: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({
    env: loadEnv({
      PORT: '0',
      // A shared deployment: PostgreSQL in the configuration (the store is passed in), one secret for all.
      DATABASE_URL: 'postgres://niet-gebruikt@127.0.0.1:1/visieleren',
      VISIELEREN_FORMS_SECRET: FORMS_SECRET,
      // Behind a load balancer it listens on 0.0.0.0; in a test this machine is enough.
      HOST: '127.0.0.1',
      VISIELEREN_DATA_DIR: dataDir,
      VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
      ...extra,
    }),
    cwd: dataDir,
    logger: logger(),
    store,
    plugins: [],
    clock: fixedClock('2027-02-08T10:00:00Z'),
  });
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function get(path: string, cookie?: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    redirect: 'manual',
    ...(cookie ? { headers: { cookie } } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function signIn(token: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** `visieleren_sessie=<value>` from a Set-Cookie answer, ready for a Cookie header. */
function sessionCookie(answer: Answer): string {
  const setCookie = answer.headers.get('set-cookie') ?? '';
  const value = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1];
  if (!value) throw new Error(`geen sessiecookie in ${JSON.stringify(setCookie)}`);
  issuedCookies.push(value);
  return `${SESSION_COOKIE}=${value}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function trajectLinks(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*\/traject\/[^"]*)">/g)].map((match) =>
    (match[1] ?? '').replaceAll('&amp;', '&'),
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-inloggen-'));
  store = await createStore({ inMemory: true });
  await store.migrate();
  const template = getBuiltInTemplate('visieleertraject');
  for (const name of GEMEENTEN) {
    await store.trajects.create(
      createTrajectFromTemplate(template, {
        id: `${name.toLowerCase()}-2027`,
        gemeenten: [{ name }],
        kernvraag: 'Hoe maken we de toegang eenvoudiger?',
        themes: ['inwoner-centraal'],
        start: '2027-01-11',
      }),
      'test',
    );
  }
  const vng = await store.tokens.create({ role: 'vng', label: 'Team Visieleren (Anna)' }, 'test');
  vngToken = vng.token;
  vngTokenId = vng.record.id;
  gemeenteToken = (
    await store.tokens.create({ role: 'gemeente', trajectId: 'zaanstad-2027', label: 'Zaanstad' }, 'test')
  ).token;
  server = await startShared();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the overview on a shared deployment, signed out', () => {
  it('links no traject page and offers the VNG team a sign-in', async () => {
    const overview = await get('/');
    expect(overview.status).toBe(200);
    for (const name of GEMEENTEN) expect(overview.text).toContain(name);
    expect(trajectLinks(overview.text)).toEqual([]);
    expect(overview.text).toContain('<a href="/inloggen">Inloggen (VNG-team)</a>');
    expect(overview.text).not.toContain('Uitloggen');
    expect(overview.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /inloggen', () => {
  it('is a Dutch page with one labelled password field, no autocomplete, and how to make a token', async () => {
    const page = await get('/inloggen');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('<label for="api-token">API-token</label>');
    expect(page.text).toMatch(/<input id="api-token" name="token" type="password" autocomplete="off"/);
    expect(page.text).toContain('<code>visieleren token create --role vng</code>');
    expect(page.text).toContain('<button type="submit" class="vl-button">Inloggen</button>');
    expect(page.text).toContain('<form method="post" action="/inloggen"');
    expect(page.text).not.toMatch(/<script|<style|style="/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

/** The page an unknown token gets; a gemeente's token must get the very same one. */
let unknownAnswer = '';

describe('POST /inloggen', () => {
  it('refuses an unknown token with 401 and a Dutch error that names the field', async () => {
    const answer = await signIn(`vl_${'x'.repeat(43)}`);
    unknownAnswer = answer.text;
    expect(answer.status).toBe(401);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.text).toContain('<title>Fout: Inloggen (VNG-team) — Visieleren</title>');
    expect(answer.text).toContain('Er is een probleem');
    expect(answer.text).toContain(`<a href="#api-token">${SIGN_IN_ERRORS.unknown}</a>`);
    expect(SIGN_IN_ERRORS.unknown).toContain('API-token');
    expect(answer.text).toContain(`<p id="api-token-fout" class="vl-field-error">`);
    expect(answer.text).toMatch(/aria-describedby="api-token-fout api-token-uitleg" aria-invalid="true"/);
  });

  it('asks for the token when the field is empty', async () => {
    const answer = await signIn('   ');
    expect(answer.status).toBe(401);
    expect(answer.text).toContain(SIGN_IN_ERRORS.empty);
    expect(SIGN_IN_ERRORS.empty).toContain('API-token');
  });

  it("refuses a gemeente's token with the very answer an unknown token gets: nothing tells them apart", async () => {
    const gemeente = await signIn(gemeenteToken);
    expect(gemeente.status).toBe(401);
    expect(gemeente.headers.get('set-cookie')).toBeNull();
    expect(gemeente.text).toBe(unknownAnswer);
  });

  it('refuses a form posted from another site', async () => {
    const answer = await signIn(vngToken, { 'sec-fetch-site': 'cross-site' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('signs a VNG token in: 303 to the overview and an HttpOnly, SameSite=Strict cookie without the token', async () => {
    const answer = await signIn(vngToken);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/');
    const setCookie = answer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+;`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Max-Age=28800');
    // Plain http without an https public address: a Secure cookie would never come back.
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).not.toContain(vngToken);
    expect(setCookie).not.toContain(vngToken.slice(3));
    const payload = sessionCookie(answer).split('=')[1]?.split('.')[0] ?? '';
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(Object.keys(data).sort()).toEqual(['exp', 'sid', 'tokenId']);
    expect(data.tokenId).toBe(vngTokenId);
    expect(data.exp * 1000 - Date.now()).toBeGreaterThan(8 * 3600_000 - 60_000);
    expect(logText).not.toContain(vngToken);
    // Audited like a change through the API: who (token label and id), never the token.
    const [entry] = await store.audit.list({ action: 'vng.inloggen', limit: 1 });
    expect(entry?.actor).toContain(vngTokenId);
    expect(JSON.stringify(entry)).not.toContain(vngToken);
  });
});

describe('the overview signed in as the VNG team', () => {
  let cookie: string;

  beforeAll(async () => {
    cookie = sessionCookie(await signIn(vngToken));
  });

  it('links every traject to its signed page, names who is signed in, and is never cached', async () => {
    const overview = await get('/', cookie);
    expect(overview.status).toBe(200);
    expect(overview.headers.get('cache-control')).toBe('private, no-store');
    const links = trajectLinks(overview.text);
    expect(links).toHaveLength(GEMEENTEN.length);
    for (const link of links) expect(link.startsWith(`${server.url}/traject/`)).toBe(true);
    expect(overview.text).toContain('Ingelogd als <strong>Team Visieleren (Anna)</strong> (VNG-team)');
    expect(overview.text).toMatch(
      /<form method="post" action="\/uitloggen"><button type="submit"[^>]*>Uitloggen<\/button><\/form>/,
    );
    expect(overview.text).not.toContain('Inloggen (VNG-team)</a>');
  });

  it('follows a link to the traject page (200)', async () => {
    const overview = await get('/', cookie);
    const link = /<a href="([^"]+)">Zaanstad<\/a>/.exec(overview.text)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeDefined();
    const page = await fetch(link as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zaanstad');
  });

  it('says on /inloggen who is already signed in', async () => {
    const page = await get('/inloggen', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('U bent al ingelogd als <strong>Team Visieleren (Anna)</strong>');
  });
});

describe('a cookie that does not hold', () => {
  async function expectSignedOut(cookie: string): Promise<void> {
    const overview = await get('/', cookie);
    expect(overview.status).toBe(200);
    expect(trajectLinks(overview.text)).toEqual([]);
    expect(overview.text).toContain('Inloggen (VNG-team)');
    expect(overview.headers.get('cache-control')).toBe('no-store');
  }

  it('is ignored when tampered with, never a 500', async () => {
    const good = sessionCookie(await signIn(vngToken));
    const value = good.slice(SESSION_COOKIE.length + 1);
    const [payload, signature] = value.split('.') as [string, string];
    const otherId = Buffer.from(JSON.stringify({ tokenId: 'iemand-anders', exp: 9_999_999_999 })).toString(
      'base64url',
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const tampered of [
      `${payload}.${flipped}`,
      `${otherId}.${signature}`,
      `${payload}.`,
      `.${signature}`,
      `${payload}.${signature}.${signature}`,
      payload,
      'niets',
      '%%%',
      'x'.repeat(5000),
      `${Buffer.from('geen json').toString('base64url')}.${signature}`,
    ]) {
      await expectSignedOut(`${SESSION_COOKIE}=${tampered}`);
    }
    // The browser is told to forget it.
    const answer = await get('/', `${SESSION_COOKIE}=${payload}.${flipped}`);
    expect(answer.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });

  it('is ignored when signed with another secret (another deployment) or expired', async () => {
    const foreign = createSessionCodec('een-ander-geheim-van-een-andere-omgeving-0123456789');
    await expectSignedOut(`${SESSION_COOKIE}=${foreign.issue(vngTokenId)}`);
    const yesterday = createSessionCodec(FORMS_SECRET, () => Date.now() - 24 * 3600_000);
    await expectSignedOut(`${SESSION_COOKIE}=${yesterday.issue(vngTokenId)}`);
    // The same codec, now: accepted (so the two refusals above are about the key and the time alone).
    const now = createSessionCodec(FORMS_SECRET);
    expect(trajectLinks((await get('/', `${SESSION_COOKIE}=${now.issue(vngTokenId)}`)).text)).toHaveLength(
      GEMEENTEN.length,
    );
  });

  it("is ignored when it names a gemeente's token", async () => {
    const gemeente = await store.tokens.verify(gemeenteToken);
    const codec = createSessionCodec(FORMS_SECRET);
    await expectSignedOut(`${SESSION_COOKIE}=${codec.issue(gemeente?.tokenId ?? '')}`);
  });

  it('ends when its token is revoked', async () => {
    const { token, record } = await store.tokens.create({ role: 'vng', label: 'wordt ingetrokken' }, 'test');
    const cookie = sessionCookie(await signIn(token));
    expect(trajectLinks((await get('/', cookie)).text)).toHaveLength(GEMEENTEN.length);
    await store.tokens.revoke(record.id, 'test');
    await expectSignedOut(cookie);
    expect((await get('/inloggen', cookie)).text).not.toContain('U bent al ingelogd');
    const again = await signIn(token);
    expect(again.status).toBe(401);
    expect(again.text).toContain(SIGN_IN_ERRORS.unknown);
  });
});

describe('POST /uitloggen', () => {
  it('clears the cookie and goes back to the overview', async () => {
    const cookie = sessionCookie(await signIn(vngToken));
    const response = await fetch(`${server.url}/uitloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cleared = response.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(cleared).toContain('HttpOnly');
    expect(cleared).toContain('SameSite=Strict');
    // The browser now sends no cookie: signed out.
    expect(trajectLinks((await get('/')).text)).toEqual([]);
    const [entry] = await store.audit.list({ action: 'vng.uitloggen', limit: 1 });
    expect(entry?.actor).toContain(vngTokenId);
  });
});

describe('the log', () => {
  // The tests above signed in ten times from this address, the default limit: this one only reads the log.
  it('holds neither a token nor a session cookie', () => {
    expect(issuedCookies.length).toBeGreaterThan(3);
    expect(logText).toContain('VNG-team ingelogd');
    for (const secret of [vngToken, gemeenteToken, FORMS_SECRET, ...issuedCookies]) {
      expect(logText).not.toContain(secret);
    }
  });
});

describe('traject links handed out in a session', () => {
  it('stop working when the session ends (/uitloggen) and when its token is revoked', async () => {
    // A server of its own: its sign-in limit is not shared with the tests above.
    const own = await startShared();
    try {
      const signInHere = async (token: string) => {
        const response = await fetch(`${own.url}/inloggen`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
        });
        expect(response.status).toBe(303);
        return sessionCookie({ status: response.status, headers: response.headers, text: '' });
      };
      const linksIn = async (cookie: string) => {
        const overview = await fetch(`${own.url}/`, { headers: { cookie } });
        return trajectLinks(await overview.text());
      };
      const open = async (link: string) => (await fetch(link)).status;

      const cookie = await signInHere(vngToken);
      const [link] = await linksIn(cookie);
      expect(link).toBeDefined();
      expect(await open(link as string)).toBe(200);
      const out = await fetch(`${own.url}/uitloggen`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie },
      });
      expect(out.status).toBe(303);
      expect(await open(link as string)).toBe(403);
      // The old cookie, replayed, is signed out as well.
      expect(await linksIn(cookie)).toEqual([]);

      const { token, record } = await store.tokens.create({ role: 'vng', label: 'sessie-links' }, 'test');
      const [revokedLink] = await linksIn(await signInHere(token));
      expect(await open(revokedLink as string)).toBe(200);
      await store.tokens.revoke(record.id, 'test');
      expect(await open(revokedLink as string)).toBe(403);
    } finally {
      await own.close();
    }
  });
});

describe('a sign-in form posted from another origin', () => {
  it('is refused whether or not the browser sends Sec-Fetch-Site; its own origin signs in', async () => {
    // A server of its own: its sign-in limit is not shared with the tests above.
    const own = await startShared();
    try {
      const post = (origin: string, extra: Record<string, string> = {}) =>
        fetch(`${own.url}/inloggen`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...extra },
          body: new URLSearchParams({ token: vngToken }).toString(),
        });
      for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
        const foreign = await post(origin);
        expect(foreign.status, origin).toBe(403);
        expect(foreign.headers.get('set-cookie')).toBeNull();
      }
      expect((await post(new URL(own.url).origin)).status).toBe(303);
      // Our own page under `Referrer-Policy: no-referrer`: the browser sends Origin null and says same-origin.
      expect((await post('null', { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
      expect((await post('null', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    } finally {
      await own.close();
    }
  });
});

describe('behind https', () => {
  it('makes the cookie Secure when the public address is https', async () => {
    // The public address is the proxy's: the test needs the port the server listens on itself.
    const port = await freePort();
    const secure = await startShared({
      PORT: String(port),
      VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl',
    });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/inloggen`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: vngToken }).toString(),
      });
      expect(response.status).toBe(303);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toContain('Secure');
      expect(setCookie).toContain('HttpOnly');
    } finally {
      await secure.close();
    }
  });
});

describe('the sign-in limit', () => {
  it('answers 429 with Retry-After once an address tries too often', async () => {
    let clockMs = Date.parse('2027-02-08T10:00:00Z');
    const api = await startTestApi({
      vngSignIn: { formsSecret: FORMS_SECRET, limit: { burst: 3, perMinute: 6 } },
      now: () => clockMs,
    });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let attempt = 0; attempt < 5; attempt++) {
        last = await fetch(`${api.baseUrl}/inloggen`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=vl_geraden${attempt}`,
          redirect: 'manual',
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(last?.headers.get('retry-after')).toBe('10');
      expect(await last?.text()).toContain('Te veel pogingen om in te loggen');
      clockMs += 10_000;
      const later = await fetch(`${api.baseUrl}/inloggen`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'token=vl_weer',
      });
      expect(later.status).toBe(401);
      // A body past the small limit is refused before it is read into memory, never a 500.
      clockMs += 60_000;
      const large = await fetch(`${api.baseUrl}/inloggen`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=vl_${'x'.repeat(10_000)}`,
      });
      expect(large.status).toBe(413);
      expect(api.logs()).toContain('inloggen geweigerd');
      expect(api.logs()).not.toContain('vl_geraden');
    } finally {
      await api.close();
    }
  });
});
