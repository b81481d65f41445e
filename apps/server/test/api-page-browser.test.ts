import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers/api-server.js';
import { axeViolations, launchChromium } from './helpers/browser.js';

/** The API page (`GET /api/v1`) in headless Chromium: rendered from the document, WCAG 2.1 AA, no CSP violation. */

let browser: Browser;
let api: TestApi;
let page: Page;
/** The same page under its real content security policy (axe-core, a script, needs the policy bypassed). */
let strictPage: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  browser = await launchChromium();
  page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-NL' })).newPage();
  strictPage = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  strictPage.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the API page in Chromium', () => {
  it('lists every operation of the document and has no WCAG 2.1 A/AA violations', async () => {
    const response = await page.goto(`${api.baseUrl}/api/v1`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    const document = (await (await fetch(`${api.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(await page.locator('section.vl-operation').count()).toBe(operationIds.length);
    expect(await page.locator('h3').allTextContents()).toContain('PATCH /api/v1/trajecten/{id}/fasen/{fase}');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is styled by its own stylesheets under the content security policy, without any script', async () => {
    await strictPage.goto(`${api.baseUrl}/api/v1`);
    const sheets = await strictPage.evaluate(() =>
      Array.from(document.styleSheets).map((sheet) => ({ href: sheet.href, rules: sheet.cssRules.length })),
    );
    expect(sheets.find((sheet) => sheet.href?.endsWith('/assets/visieleren.css'))?.rules).toBeGreaterThan(10);
    expect(await strictPage.locator('script').count()).toBe(0);
    expect(cspViolations).toEqual([]);
  });

  it('links to the document and starts with a skip link that moves focus to the content', async () => {
    await page.goto(`${api.baseUrl}/api/v1`);
    expect(await page.locator('a[href="/api/v1/openapi.json"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
  });
});
