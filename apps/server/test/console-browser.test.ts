import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fixedClock } from '@visieleren/core';
import { createStore, lifecycleOf, type Store } from '@visieleren/store';
import { LINK_CODE_PURPOSE } from '@visieleren/teams-bot';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { submitAanmelding } from '../src/lifecycle/aanmelding.js';
import { createPinoLogger } from '../src/logging.js';
import { type RunningServer, startServer } from '../src/server.js';
import { KOGGENLAND_AANMELDING } from './helpers/beheer-fixtures.js';
import { axeViolations, launchChromium } from './helpers/browser.js';
import { startSmtpSink } from './helpers/smtp-sink.js';

/**
 * The VNG team's console in headless Chromium, on the server as `npm start` runs it (startServer on the
 * embedded database, its local VNG token, SMTP to a local server): sign in, accept an aanmelding whose
 * contact person and wethouder become participants, make a Teams koppelcode and a form link; every console
 * page has no WCAG 2.1 A/AA violations at 1280 and at 390 px.
 */

let store: Store;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let aanmeldingId: string;
let logText = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-console-'));
  store = await createStore({ inMemory: true });
  smtp = await startSmtpSink();
  const env = loadEnv({
    PORT: '0',
    VISIELEREN_DATA_DIR: dataDir,
    VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
    SMTP_URL: smtp.url,
  });
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logText += chunk.toString();
      callback();
    },
  });
  server = await startServer({
    env,
    cwd: dataDir,
    logger: createPinoLogger({ level: 'info', format: 'json', destination }),
    store,
    clock: fixedClock('2027-02-08T10:00:00Z'),
  });
  aanmeldingId = (
    await submitAanmelding(store, KOGGENLAND_AANMELDING, {
      clock: fixedClock('2027-02-01T09:00:00Z'),
      surface: 'html',
    })
  ).id;
  browser = await launchChromium();
  // axe-core is injected as a script, which the page's content security policy rightly refuses.
  context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
  page = await context.newPage();
  // A locator that finds nothing fails with its name, well within the test's time.
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  await smtp?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function expectAccessible(path: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(await axeViolations(page), `${path} op ${width} px`).toEqual([]);
    // Nothing wider than the screen except inside a table's own scrolling region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} op ${width} px`).toBeLessThanOrEqual(1);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the console in Chromium', { timeout: 90_000 }, () => {
  it('sends a browser that is not signed in to /inloggen', async () => {
    await page.goto(`${server.url}/console/aanmeldingen`);
    expect(new URL(page.url()).pathname).toBe('/inloggen');
  });

  it('signs in with the local VNG token and accepts an aanmelding: the contact person and wethouder become participants', async () => {
    expect(server.localToken).toBeTruthy();
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('API-token').fill(server.localToken ?? '');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${server.url}/`);
    // Signed in, the menu has the console; the fresh aanmelding is on the overview for the team only.
    await page
      .getByRole('navigation', { name: 'Console van het VNG-team' })
      .getByRole('link', { name: 'Aanmeldingen' })
      .click();
    await page.getByRole('link', { name: 'Koggenland' }).click();
    // The whole form as the gemeente filled it in.
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Ria Smit, wethouder sociaal domein');
    expect(await main.textContent()).toContain(
      'Hoe geven we inwoners met meerdere vragen één aanspreekpunt?',
    );
    await page.getByLabel('Startdatum').fill('2027-03-01');
    await page.getByRole('button', { name: 'Aanmelding accepteren' }).click();
    await page.getByRole('status').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/trajecten/${aanmeldingId}`);
    expect(await main.textContent()).toContain('De aanmelding is geaccepteerd');

    const traject = await store.trajects.get(aanmeldingId, { kind: 'all' });
    expect(traject.status).toBe('lopend');
    expect(traject.startDate).toBe('2027-03-01');
    const people = traject.participants.map((p) => [p.role, p.name]);
    expect(people).toContainEqual(['ambtelijk-contactpersoon', 'Fatima El Amrani']);
    expect(people).toContainEqual(['bestuurder', 'Ria Smit']);
    // The contact person named twice (as the form's contact and for the role) is one participant.
    expect(people.filter(([, name]) => name === 'Fatima El Amrani')).toHaveLength(1);
    const done = traject.checklist.filter((item) => item.done).map((item) => item.itemId);
    expect(done).toEqual(
      expect.arrayContaining(['aanmelding-versturen', 'bestuurlijk-draagvlak', 'contactpersoon-aanwijzen']),
    );
    expect((await lifecycleOf(store).getIntake(aanmeldingId))?.decision?.kind).toBe('geaccepteerd');
  });

  it('makes a Teams koppelcode the bot can redeem', async () => {
    await page.goto(`${server.url}/console/trajecten/${aanmeldingId}`);
    await page.getByRole('button', { name: 'Teams-koppelcode maken' }).click();
    const code = (await page.locator('#koppelcode').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThan(5);
    expect(await page.locator('main').textContent()).toContain(`@Visieleren koppel ${code}`);
    expect(await axeViolations(page)).toEqual([]);
    const redeemed = await store.linkCodes.redeem(code, LINK_CODE_PURPOSE, 'teams:test');
    expect(redeemed?.trajectId).toBe(aanmeldingId);
  });

  it('makes a form link on the server’s address and sends it by SMTP', async () => {
    await page.goto(`${server.url}/console/trajecten/${aanmeldingId}`);
    await page.getByLabel('Formulier', { exact: true }).selectOption('evaluatie');
    await page.getByLabel('E-mailadres (niet verplicht)').fill('wethouder@koggenland.example');
    await page.getByRole('button', { name: 'Formulierlink maken' }).click();
    const link = await page.getByLabel('Kopieer de link').inputValue();
    expect(link.startsWith(`${server.url}/forms/`)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Verstuurd naar wethouder@koggenland.example');
    expect(smtp.received.at(-1)?.to).toEqual(['wethouder@koggenland.example']);
    // The link opens the evaluatie form.
    const form = await context.newPage();
    expect((await form.goto(link))?.status()).toBe(200);
    await form.close();
    expect(logText).not.toContain('wethouder@koggenland.example');
  });

  it('shows a mistyped e-mail address as an error at its field', async () => {
    await page.goto(`${server.url}/console/trajecten/${aanmeldingId}`);
    await page.getByLabel('E-mailadres (niet verplicht)').fill('geen-adres');
    await page.getByRole('button', { name: 'Formulierlink maken' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Vul een geldig e-mailadres in');
    expect(await page.title()).toMatch(/^Fout: /);
  });

  it('refuses a console post from another site (Origin), even with the session cookie', async () => {
    const cookies = await context.cookies(server.url);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${server.url}/console/tokens`, {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://aanvaller.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'label=gestolen',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await store.tokens.list()).some((token) => token.label === 'gestolen')).toBe(false);
  });

  it("offers the status steps core's status machine allows; stopping needs a reason, which is then listed", async () => {
    await page.goto(`${server.url}/console/trajecten/${aanmeldingId}`);
    const choices = await page.getByLabel('Nieuwe status').locator('option').allTextContents();
    expect(choices[0]).toBe('Lopend');
    expect(choices).toContain('Tussentijds gestopt');
    expect(choices).not.toContain('Geannuleerd');
    expect(choices).not.toContain('Aanmelding afgewezen');
    await page.getByLabel('Nieuwe status').selectOption('tussentijds-gestopt');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Geef een reden');
    expect((await store.trajects.get(aanmeldingId, { kind: 'all' })).status).toBe('lopend');
    await page.getByLabel('Nieuwe status').selectOption('tussentijds-gestopt');
    await page.getByLabel('Reden').fill('De gemeente fuseert per 1 januari');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    expect((await store.trajects.get(aanmeldingId, { kind: 'all' })).status).toBe('tussentijds-gestopt');
    expect(await page.locator('main').textContent()).toContain('De gemeente fuseert per 1 januari');
  });

  it('has no WCAG 2.1 A/AA violations on any console page at 1280 and 390 px', async () => {
    for (const path of [
      '/console',
      '/console/aanmeldingen',
      `/console/aanmeldingen/${aanmeldingId}`,
      `/console/trajecten/${aanmeldingId}`,
      '/console/trajecten',
      '/console/lessen',
      '/console/tokens',
      '/console/herinneringen',
      '/console/taken',
      '/console/programmas',
      '/console/rapport',
    ]) {
      await expectAccessible(path);
    }
  }, 180_000);
});
