import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPortfolio } from '../src/demo-seed.js';
import { SIGN_IN_ERRORS } from '../src/http/inloggen-routes.js';
import { startTestApi, type TestApi } from './helpers/api-server.js';
import { axeViolations, launchChromium } from './helpers/browser.js';

/**
 * The VNG team's sign-in page (`/inloggen`) in headless Chromium: axe-core WCAG 2.1 A/AA finds nothing, empty and
 * with an error; the error summary leads to the field; signing in and out works by keyboard under the real CSP.
 */

let browser: Browser;
let api: TestApi;
let page: Page;
let vngToken: string;

beforeAll(async () => {
  api = await startTestApi({
    vngSignIn: { formsSecret: 'formuliergeheim-voor-de-inlogpagina-in-chromium-0123456789' },
  });
  await seedDemoPortfolio(api.store, '2027-02-08');
  vngToken = (await api.store.tokens.create({ role: 'vng', label: 'Team Visieleren' }, 'test')).token;
  browser = await launchChromium();
  // axe-core is injected as a script, which the page's content security policy rightly refuses.
  page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-NL' })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('/inloggen in Chromium', () => {
  it('has one labelled password field and no WCAG 2.1 A/AA violations', async () => {
    const response = await page.goto(`${api.baseUrl}/inloggen`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    const field = page.getByLabel('API-token');
    expect(await field.getAttribute('type')).toBe('password');
    expect(await field.getAttribute('autocomplete')).toBe('off');
    expect(await page.getByRole('button', { name: 'Inloggen' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a wrong token as an error summary linked to the field, with no WCAG 2.1 A/AA violations', async () => {
    await page.goto(`${api.baseUrl}/inloggen`);
    await page.getByLabel('API-token').fill('vl_verkeerd-token');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.getByRole('alert').textContent()).toContain(SIGN_IN_ERRORS.unknown);
    const field = page.getByLabel('API-token');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The error is read out with the field: its accessible description names it.
    const description = await field.evaluate((element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain(SIGN_IN_ERRORS.unknown);
    expect(await axeViolations(page)).toEqual([]);
    // The summary's link moves focus to the field.
    await page.getByRole('link', { name: SIGN_IN_ERRORS.unknown }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-token');
  });

  it('signs in and out by keyboard under the real content security policy', async () => {
    const strict = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    const violations: string[] = [];
    strict.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await strict.goto(`${api.baseUrl}/inloggen`);
    const sheets = await strict.evaluate(() =>
      Array.from(document.styleSheets).map((sheet) => ({ href: sheet.href, rules: sheet.cssRules.length })),
    );
    expect(sheets.find((sheet) => sheet.href?.endsWith('/assets/visieleren.css'))?.rules).toBeGreaterThan(10);
    await strict.getByLabel('API-token').focus();
    await strict.keyboard.type(vngToken);
    await strict.keyboard.press('Enter');
    await strict.waitForURL(`${api.baseUrl}/`);
    expect(await strict.locator('header').textContent()).toContain('Ingelogd als Team Visieleren (VNG-team)');
    const cookies = await strict.context().cookies();
    expect(cookies.map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }))).toEqual([
      { name: 'visieleren_sessie', httpOnly: true, sameSite: 'Strict' },
    ]);
    expect(await strict.evaluate(() => document.cookie)).toBe('');
    await strict.getByRole('button', { name: 'Uitloggen' }).focus();
    await strict.keyboard.press('Enter');
    // Back on the same address (303 to /): wait for the signed-out page itself.
    await strict.getByRole('link', { name: 'Inloggen (VNG-team)' }).waitFor();
    expect(await strict.context().cookies()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('keeps the signed-in overview free of WCAG 2.1 A/AA violations', async () => {
    await page.goto(`${api.baseUrl}/inloggen`);
    await page.getByLabel('API-token').fill(vngToken);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    expect(await page.getByRole('button', { name: 'Uitloggen' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
