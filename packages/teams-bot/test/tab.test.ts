import { defaultVitBank } from '@visieleren/core';
import { signFormToken } from '@visieleren/forms';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installActivity, messageActivity } from './helpers/activities.js';
import { startTestServer, type TestServer } from './helpers/bot-server.js';
import { axeViolations, launchChromium } from './helpers/browser.js';

let server: TestServer;
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  // Anonymous local mode: this file is about the tab, not about tokens.
  server = await startTestServer({ TEAMS_LOCAL: '1' });
  const trajectId = server.trajectIds.aanZee;
  const scope = { kind: 'traject' as const, trajectId };
  const answers: Record<string, number | string> = {};
  defaultVitBank.uitgangspunten.forEach((uitgangspunt, index) => {
    for (const question of uitgangspunt.questions) {
      if (question.kind === 'scale') answers[question.id] = 1 + (index % 5);
    }
  });
  await server.ports.trajects.submitVit(
    trajectId,
    {
      bankId: defaultVitBank.id,
      bankVersion: defaultVitBank.version,
      answers,
      submittedAt: '2027-03-01T10:00:00Z',
    },
    { actor: 'test', scope },
  );
  await server.ports.trajects.logHours(
    trajectId,
    { role: 'ambtelijk-contactpersoon', date: '2027-03-02', hours: 7 },
    { actor: 'test', scope },
  );
  pageUrl = server.context.signLink({ path: 'traject', trajectId });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the traject page outside Teams', { timeout: 60_000 }, () => {
  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`shows the timeline and radar chart with text alternatives, 0 axe violations (${theme})`, async () => {
      // First as served (CSP on): the page itself must cause no errors, CSP violations included.
      const strict = await browser.newPage();
      const problems: string[] = [];
      strict.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await strict.goto(`${pageUrl}?theme=${theme}`);
      await strict.waitForLoadState('load');
      await strict.close();
      // Then with CSP bypassed, only so axe-core can be injected.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const response = await page.goto(`${pageUrl}?theme=${theme}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
      await expect(page.locator('h1').textContent()).resolves.toBe('Aan Zee (fictief)');
      const timeline = page.locator('svg#tijdlijn[role="img"]');
      expect(await timeline.count()).toBe(1);
      expect(await page.locator('#tijdlijn-titel').textContent()).toBe('Tijdlijn van het traject');
      expect(await page.locator('#tijdlijn-tabel caption').textContent()).toBe('Tijdlijn in tabelvorm');
      expect(await page.locator('#tijdlijn-tabel tbody tr').count()).toBe(5);
      expect(await page.locator('svg#vit-radar[role="img"]').count()).toBe(1);
      expect(await page.locator('#vit-tabel tbody tr').count()).toBe(defaultVitBank.uitgangspunten.length);
      expect(await page.locator('svg#uren-grafiek').count()).toBe(1);
      expect(await page.locator('#uren-tabel tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('figure figcaption').count()).toBe(3);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the privacy statement and terms the manifest names are Dutch pages with 0 axe violations', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    for (const [path, heading] of [
      ['/privacy', 'Privacyverklaring'],
      ['/voorwaarden', 'Gebruiksvoorwaarden'],
      ['/teams/toestemming?admin_consent=True', 'Toestemming gegeven'],
    ] as const) {
      const page = await context.newPage();
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      await expect(page.locator('h1').textContent()).resolves.toContain(heading);
      expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      await page.close();
    }
    await context.close();
  });

  it('the configuration page passes axe too and says it needs Teams when opened elsewhere', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/teams/tab/config`);
    await expect(page.locator('#config-status').textContent()).resolves.toContain(
      'alleen binnen Microsoft Teams',
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the saved tab (a stable address) passes axe and outside Teams points to a link from the VNG team', async () => {
    const strict = await browser.newPage();
    const problems: string[] = [];
    strict.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await strict.goto(`${server.url}/teams/tab`);
    expect(response?.status()).toBe(200);
    await expect(strict.locator('#tab-status').textContent()).resolves.toContain(
      'werkt binnen Microsoft Teams',
    );
    expect(problems).toEqual([]);
    await strict.close();
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/teams/tab?theme=dark`);
    await page.locator('#tab-status').getByText('werkt binnen Microsoft Teams').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('who sees what', { timeout: 30_000 }, () => {
  it('an expired, altered or form link shows no traject', async () => {
    const expired = signFormToken(
      {
        formId: 'traject-pagina',
        trajectId: server.trajectIds.aanZee,
        expiresAt: new Date('2027-03-01T00:00:00Z'),
      },
      'een-geheim-van-minstens-tweeendertig-tekens-lang',
    );
    const formLink = server.context.signLink({
      path: 'form',
      formId: 'evaluatie',
      trajectId: server.trajectIds.aanZee,
    });
    const token = pageUrl.split('/').at(-1) ?? '';
    const altered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    for (const candidate of [expired, altered, formLink.split('/').at(-1) ?? '']) {
      const response = await fetch(`${server.url}/traject/${candidate}`);
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('verlopen, ongeldig of aangepast');
      expect(html).not.toContain('Aan Zee');
    }
  });

  it('serves pages with a CSP and no inline script or style, and teams-js as a file', async () => {
    const response = await fetch(pageUrl);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    const teamsJs = await fetch(`${server.url}/teams/static/teams-js.js`);
    expect(teamsJs.status).toBe(200);
    expect(teamsJs.headers.get('content-type')).toContain('javascript');
    expect((await teamsJs.text()).length).toBeGreaterThan(10_000);
  });

  it('without Teams sign-in (the anonymous local mode) the lookup shows no traject, not even for a linked channel', async () => {
    const serviceUrl = 'http://127.0.0.1:9';
    const conversation = { id: '19:tab-kanaal@thread.tacv2', type: 'channel' as const };
    // Link it through the bot (anonymous mode: replies go to a closed port and fail, the link stays).
    const { code } = await server.ports.linkCodes.create(
      { trajectId: server.trajectIds.other, purpose: 'teams', ttlMs: 60_000 },
      'vng:test',
    );
    for (const activity of [
      installActivity(serviceUrl, conversation),
      messageActivity(serviceUrl, conversation, `koppel ${code}`),
    ]) {
      await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    }
    expect((await server.ports.links.find('teams-conversation', conversation.id))?.trajectId).toBe(
      server.trajectIds.other,
    );
    const linked = await fetch(
      `${server.url}/teams/tab/link?conversation=${encodeURIComponent(conversation.id)}`,
    );
    expect(linked.status).toBe(503);
    const body = (await linked.json()) as Record<string, unknown>;
    expect(body.message).toContain('TEAMS_APP_ID');
    expect(body.url).toBeUndefined();
  });
});
