import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPortfolio } from '../src/demo-seed.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';
import { axeViolations, launchChromium } from './helpers/browser.js';

/** The overview page (`GET /`) in headless Chromium: axe-core WCAG 2.1 A/AA finds nothing, and it works by keyboard. */

let browser: Browser;
let api: TestApi;
let page: Page;

beforeAll(async () => {
  api = await startTestApi();
  await seedDemoPortfolio(api.store, '2027-02-08');
  // A traject with people in it, so "no personal data" is checked against real names and addresses.
  const vng = (await api.store.tokens.create({ role: 'vng', label: 'overzicht' }, 'test')).token;
  const created = await api.request('POST', '/api/v1/trajecten', {
    token: vng,
    json: newTrajectBody({
      participants: [
        { id: 'p1', name: 'Jannie Jansen', email: 'j.jansen@ede.nl', role: 'ambtelijk-contactpersoon' },
        { id: 'p2', name: 'Wethouder Pietersen', role: 'bestuurder' },
      ],
    }),
  });
  if (created.status !== 201) throw new Error(created.text);
  browser = await launchChromium();
  // axe-core is injected as a script, which the page's content security policy rightly refuses.
  page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-NL' })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('overview page in Chromium', () => {
  it('shows every demo traject in a real table and has no WCAG 2.1 A/AA violations', async () => {
    const response = await page.goto(`${api.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    const trajects = await api.store.trajects.list({ kind: 'all' });
    expect(trajects.length).toBeGreaterThan(3);
    expect(await page.locator('tbody tr').count()).toBe(trajects.length);
    expect(await page.locator('caption').textContent()).toMatch(/Alle visieleertrajecten/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('loads the NL Design System stylesheet and its own under the real content security policy', async () => {
    const strict = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    const violations: string[] = [];
    strict.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await strict.goto(`${api.baseUrl}/`);
    const own = await strict.evaluate(() =>
      Array.from(document.styleSheets).map((sheet) => ({ href: sheet.href, rules: sheet.cssRules.length })),
    );
    expect(own.find((sheet) => sheet.href?.endsWith('/assets/visieleren.css'))?.rules).toBeGreaterThan(10);
    expect(violations).toEqual([]);
    const sheets = await page.evaluate(() =>
      Array.from(document.styleSheets).map((sheet) => ({ href: sheet.href, rules: sheet.cssRules.length })),
    );
    const nlds = sheets.find((sheet) => sheet.href?.endsWith('/assets/nl-design-system.css'));
    expect(nlds?.rules).toBeGreaterThan(10);
  });

  it('starts with a skip link that moves focus to the content', async () => {
    await page.goto(`${api.baseUrl}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
  });

  it('shows no personal data', async () => {
    const trajects = await api.store.trajects.list({ kind: 'all' });
    const text = (await page.locator('body').textContent()) ?? '';
    const participants = trajects.flatMap((traject) => traject.participants);
    expect(participants.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Ede');
    for (const participant of participants) {
      expect(text).not.toContain(participant.name);
      if (participant.email) expect(text).not.toContain(participant.email);
    }
  });
});
