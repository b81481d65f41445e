import { fixedClock } from '@visieleren/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FormsTestServer, startFormsServer } from './helpers/forms-server.js';

let server: FormsTestServer;

beforeAll(async () => {
  server = await startFormsServer({ bodyLimitBytes: 4 * 1024 });
});

afterAll(async () => {
  await server.close();
});

const VALID_NAZORG = new URLSearchParams([
  ['voortgang', 'gestart'],
  ['ondersteuning-nodig', 'ja'],
  ['ondersteuning-vorm', 'gesprek'],
  ['ondersteuning-vorm', 'anders'],
  ['ondersteuning-anders', 'Een terugkomdag'],
  ['contact-email', 'nazorg@gemeente.nl'],
  ['les', ''],
]);

function post(path: string, body: URLSearchParams | string, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof body === 'string' ? body : body.toString(),
  });
}

describe('forms routes over HTTP', () => {
  it('stores the answers, then redirects with 303 to the confirmation', async () => {
    const token = server.tokenFor('nazorg', { subject: 'wethouder' });
    const response = await post(`/forms/${token}`, VALID_NAZORG);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(
      new RegExp(`^/forms/${token}/bevestigd\\?lang=nl&ref=inzending-\\d+$`),
    );
    expect(server.saved.at(-1)).toMatchObject({
      formId: 'nazorg',
      subject: 'wethouder',
      answers: {
        voortgang: 'gestart',
        'ondersteuning-nodig': true,
        'ondersteuning-vorm': ['gesprek', 'anders'],
        'ondersteuning-anders': 'Een terugkomdag',
        'contact-email': 'nazorg@gemeente.nl',
      },
    });
  });

  it('does not confirm when storing fails: 503 page, no redirect', async () => {
    const before = server.saved.length;
    server.setSave(async () => {
      throw new Error('database weg');
    });
    try {
      const response = await post(`/forms/${server.tokenFor('nazorg')}`, VALID_NAZORG);
      expect(response.status).toBe(503);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Uw antwoorden zijn niet opgeslagen');
      expect(server.saved.length).toBe(before);
    } finally {
      server.setSave();
    }
  });

  it('returns the same page with 422, the errors at the fields and the values kept', async () => {
    const body = new URLSearchParams(VALID_NAZORG);
    body.set('contact-email', 'nazorg-at-gemeente');
    body.delete('voortgang');
    const response = await post(`/forms/${server.tokenFor('nazorg')}`, body);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<title>Fout: Nazorg na het visieleertraject</title>');
    expect(html).toContain('Er zijn 2 fouten in het formulier');
    expect(html).toContain('href="#veld-voortgang"');
    expect(html).toContain('value="nazorg-at-gemeente"');
    expect(html).toMatch(/id="veld-contact-email"[^>]*aria-describedby="veld-contact-email-fout"/);
    expect(html).toContain('Een terugkomdag');
  });

  it('answers 413 with a Dutch page for an oversized post', async () => {
    const response = await post(`/forms/${server.tokenFor('nazorg')}`, `les=${'x'.repeat(10_000)}`);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Te veel tekst');
  });

  it('answers 410 for an expired link and 403 for a forged one, also on POST', async () => {
    const expired = server.tokenFor('nazorg', { expiresAt: new Date(Date.now() - 60_000) });
    expect((await post(`/forms/${expired}`, VALID_NAZORG)).status).toBe(410);
    const forged = await post('/forms/v1.eyJmIjoibmF6b3JnIn0.AAAA', VALID_NAZORG);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Deze formulierlink is ongeldig of aangepast.');
  });

  it('answers 404 when the token names a form that does not exist', async () => {
    const response = await fetch(`${server.baseUrl}/forms/${server.tokenFor('bestaat-niet')}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Formulier niet gevonden');
  });

  it('picks English from Accept-Language and keeps tokens out of referrers and caches', async () => {
    const response = await fetch(`${server.baseUrl}/forms/${server.tokenFor('evaluatie')}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="en">');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the NL Design System stylesheet', async () => {
    const response = await fetch(`${server.baseUrl}/forms/_assets/nl-design-system.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(await response.text()).toContain('.utrecht-form-field');
  });
});

describe('posts per form link', () => {
  it('answer 429 with Retry-After and a Dutch page once one link floods; other links still work', async () => {
    // A fixed clock: the limit never refills during the test, whatever the machine's speed.
    const limited = await startFormsServer({
      clock: fixedClock('2026-06-01T10:00:00Z'),
      postLimit: { burst: 3, perMinute: 2 },
    });
    try {
      const link = limited.tokenFor('nazorg', { expiresAt: new Date('2026-06-02T00:00:00Z') });
      const send = (token: string) =>
        fetch(`${limited.baseUrl}/forms/${token}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: VALID_NAZORG.toString(),
        });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) statuses.push((await send(link)).status);
      expect(statuses).toEqual([303, 303, 303, 429, 429]);
      expect(limited.saved).toHaveLength(3);
      const refused = await send(link);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(refused.headers.get('cache-control')).toBe('no-store');
      const page = await refused.text();
      expect(page).toContain('<html lang="nl"');
      expect(page).toMatch(/Probeer het over 30 seconden opnieuw/);
      const other = limited.tokenFor('nazorg', { expiresAt: new Date('2026-06-02T00:00:00Z') });
      expect((await send(other)).status).toBe(303);
      // Opening the form is not limited: only writes are.
      expect((await fetch(`${limited.baseUrl}/forms/${link}`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('count every spelling of one link against that link: a `~` or a changed last bit is no new link', async () => {
    const limited = await startFormsServer({
      clock: fixedClock('2026-06-01T10:00:00Z'),
      postLimit: { burst: 3, perMinute: 2 },
    });
    try {
      const link = limited.tokenFor('nazorg', { expiresAt: new Date('2026-06-02T00:00:00Z') });
      const send = (token: string) =>
        fetch(`${limited.baseUrl}/forms/${token}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: VALID_NAZORG.toString(),
        });
      const [version, sealed = ''] = link.split('.');
      const spellings = [
        ...Array.from(
          { length: 12 },
          (_, at) => `${version}.${sealed.slice(0, at + 3)}~${sealed.slice(at + 3)}`,
        ),
        `${version}.${sealed}=`,
        `${version}.${sealed.replace(/^./, (c) => (c === 'A' ? 'A~' : `${c}!`))}`,
      ];
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) statuses.push((await send(link)).status);
      for (const spelling of spellings) statuses.push((await send(spelling)).status);
      expect(statuses.slice(0, 3)).toEqual([303, 303, 303]);
      // Each other spelling is refused as a link that is not ours, and nothing more is stored.
      expect(new Set(statuses.slice(3))).toEqual(new Set([403]));
      expect(limited.saved).toHaveLength(3);
      expect((await send(link)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
