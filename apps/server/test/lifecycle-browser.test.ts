import { defaultVitBank, systemClock } from '@visieleren/core';
import { signFormToken } from '@visieleren/forms';
import { lifecycleOf } from '@visieleren/store';
import express, { type Router } from 'express';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLifecyclePagesRouter } from '../src/http/lifecycle-pages.js';
import { createPinoLogger, toCoreLogger } from '../src/logging.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';
import { axeViolations, launchChromium } from './helpers/browser.js';

const SECRET = 'een-geheim-voor-formulierlinks-van-ten-minste-32-tekens';

let browser: Browser;
let api: TestApi;
let vng: string;

beforeAll(async () => {
  browser = await launchChromium();
  // The pages router needs the API's store: mount a forwarder now, the router once the store exists.
  let pages: Router | undefined;
  const forward = express.Router();
  forward.use((req, res, next) => (pages ? pages(req, res, next) : next()));
  api = await startTestApi({ formsSecret: SECRET, mounts: [{ path: '/', router: forward }] });
  pages = createLifecyclePagesRouter({
    store: api.store,
    clock: systemClock,
    logger: toCoreLogger(createPinoLogger({ level: 'silent', format: 'json' })),
    today: () => '2027-02-08',
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'vng-team' }, 'test')).token;
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function newPage(): Promise<Page> {
  // The pages forbid inline scripts by CSP; axe is injected by the test only, so bypass CSP for it.
  const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
  return context.newPage();
}

async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  return response?.status() ?? 0;
}

describe('the traject lifecycle in Chromium', () => {
  it('an aanmelding from its public link becomes an aangemeld traject the VNG team finds', async () => {
    const page = await newPage();
    const opened = await page.goto(`${api.baseUrl}/aanmelden`);
    expect(opened?.status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('[name="gemeente"]', 'Medemblik');
    await page.fill('[name="cbs-code"]', 'GM0420');
    await page.check('input[name="samen"][value="ja"]');
    await page.fill('[name="andere-gemeenten"]', 'Opmeer GM0432');
    await page.fill('[name="contact-naam"]', 'Sanne de Boer');
    await page.fill('[name="contact-email"]', 'sanne.deboer@medemblik.nl');
    await page.fill('[name="kernvraag"]', 'Hoe krijgen inwoners met meerdere vragen één aanspreekpunt?');
    await page.check('input[name="themas"][value="inwoner-centraal"]');
    await page.check('input[name="draagvlak"][value="ja"]');
    for (const role of ['ambtelijk-contactpersoon', 'ambtelijke-ondersteuning', 'bestuurder', 'professional'])
      await page.check(`input[name="${role}-tijd"][value="ja"]`);
    await page.fill('[name="ambtelijk-contactpersoon-wie"]', 'Sanne de Boer');

    expect(await submit(page)).toBe(200);
    expect(page.url()).toContain('/aanmelden/bedankt');
    expect(await page.textContent('h1')).toContain('Bedankt');
    expect(await axeViolations(page)).toEqual([]);

    const found = await api.request('GET', '/api/v1/aanmeldingen', { token: vng });
    expect(found.status).toBe(200);
    const aanmelding = found.body.aanmeldingen.find(
      (entry: { traject: { gemeenten: Array<{ name: string }> } }) =>
        entry.traject.gemeenten[0]?.name === 'Medemblik',
    );
    expect(aanmelding.traject.status).toBe('aangemeld');
    expect(aanmelding.traject.gemeenten).toEqual([
      { name: 'Medemblik', cbsCode: 'GM0420' },
      { name: 'Opmeer', cbsCode: 'GM0432' },
    ]);
    expect(aanmelding.intake.contact).toMatchObject({
      name: 'Sanne de Boer',
      email: 'sanne.deboer@medemblik.nl',
    });
    // Nothing is lost: the submission is on the traject's dossier too.
    const submissions = await api.store.formSubmissions.list(aanmelding.traject.id);
    expect(submissions.map((submission) => submission.formId)).toEqual(['aanmelding']);
    // No personal data in the logs.
    expect(api.logs()).not.toContain('sanne.deboer@medemblik.nl');

    // The VNG team accepts it: a plan from the start date, status lopend.
    const decided = await api.request('PUT', `/api/v1/aanmeldingen/${aanmelding.traject.id}/besluit`, {
      token: vng,
      json: { besluit: 'accepteren', startDate: '2027-03-01', region: 'noord' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.traject.status).toBe('lopend');
    expect(decided.body.traject.phases[0].plannedStart).toBe('2027-03-01');
  });

  it('the aanmelding stays Dutch for an English browser, switches with the EN link, and is accessible at 390 px', async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}/aanmelden`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.getByText('This page is also available in English.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: /EN/ }).click();
    await page.waitForURL(/\/aanmelden\?taal=en$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await axeViolations(page)).toEqual([]);
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('a wrong answer comes back with the field named, and nothing is stored', async () => {
    const page = await newPage();
    await page.goto(`${api.baseUrl}/aanmelden`);
    await page.fill('[name="gemeente"]', 'Foutdorp');
    await page.fill('[name="contact-naam"]', 'X');
    await page.fill('[name="contact-email"]', 'geen-adres');
    expect(await submit(page)).toBe(422);
    expect(await page.textContent('body')).toMatch(/e-mail/i);
    const all = await api.store.trajects.summaries({ kind: 'all' });
    expect(all.some((traject) => traject.gemeenten[0]?.name === 'Foutdorp')).toBe(false);
  });

  it('the VIT form from a signed link changes the traject’s VIT profile', async () => {
    const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    const id = created.body.traject.id as string;
    const before = await api.request('GET', `/api/v1/trajecten/${id}`, { token: vng });
    expect(before.body.vit).toBeNull();

    const token = signFormToken(
      {
        formId: 'vit',
        trajectId: id,
        subject: 'contact@ede.nl',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
      SECRET,
    );
    const fillVit = async (value: number) => {
      const page = await newPage();
      await page.goto(`${api.baseUrl}/forms/${token}`);
      const scale = defaultVitBank.uitgangspunten
        .flatMap((u) => u.questions)
        .filter((q) => q.kind === 'scale');
      for (const question of scale) await page.check(`input[name="${question.id}"][value="${value}"]`);
      expect(await submit(page)).toBe(200);
    };
    await fillVit(defaultVitBank.scale.min);
    const after = await api.request('GET', `/api/v1/trajecten/${id}`, { token: vng });
    expect(after.body.vit).not.toBeNull();
    expect(after.body.traject.vit.submittedBy).toBe('contact@ede.nl');
    const low = JSON.stringify(after.body.vit.priorities);

    // The same person again: their answers replace the earlier ones, with an audit entry.
    await fillVit(defaultVitBank.scale.max);
    const again = await api.request('GET', `/api/v1/trajecten/${id}`, { token: vng });
    expect(JSON.stringify(again.body.vit.priorities)).not.toBe(low);
    const audit = await api.store.audit.list({ trajectId: id, action: 'form.answers.replace' });
    expect(audit).toHaveLength(1);
  });

  it('evaluatie answers land on the dossier; a resubmission replaces them', async () => {
    const created = await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() });
    const id = created.body.traject.id as string;
    const token = signFormToken(
      {
        formId: 'evaluatie',
        trajectId: id,
        subject: 'wethouder@ede.nl',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
      SECRET,
    );
    for (let round = 0; round < 2; round++) {
      const page = await newPage();
      await page.goto(`${api.baseUrl}/forms/${token}`);
      for (const radio of await page.locator('input[type="radio"]').all()) {
        const name = await radio.getAttribute('name');
        if (name) await page.locator(`input[name="${name}"]`).last().check();
      }
      for (const text of await page.locator('textarea').all()) await text.fill(`Ronde ${round + 1}`);
      expect(await submit(page)).toBe(200);
    }
    const answers = await lifecycleOf(api.store).listFormAnswers(id, 'evaluatie');
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.answers)).toContain('Ronde 2');
    const dossier = await api.request('GET', `/api/v1/trajecten/${id}/dossier`, { token: vng });
    expect(dossier.body.dossier.formulierantwoorden).toHaveLength(1);
  });

  it('the lessons and programme pages, the overview, the aanmelding and the 404 page pass axe at 1280 and 390 px', async () => {
    const page = await newPage();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [path, status] of [
        ['/', 200],
        ['/lessen', 200],
        ['/lessen?thema=rust-en-regie&tekst=koers', 200],
        ['/programmas', 200],
        ['/programmas/impuls-vakmanschap', 200],
        ['/programmas/visieleertrajecten-2022-2024', 200],
        ['/aanmelden', 200],
        ['/een-tikfout', 404],
        ['/healthz', 200],
      ] as const) {
        const response = await page.goto(`${api.baseUrl}${path}`);
        expect(response?.status(), path).toBe(status);
        expect({ width, path, violations: await axeViolations(page) }).toEqual({
          width,
          path,
          violations: [],
        });
        // Readable on a phone: wide tables scroll inside their own region, the page itself does not.
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ width, path, scrollWidth: scrollWidth <= width }).toEqual({
          width,
          path,
          scrollWidth: true,
        });
      }
    }
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${api.baseUrl}/`);
    const region = page.getByRole('region', { name: /Alle visieleertrajecten/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    await page.goto(`${api.baseUrl}/een-tikfout`);
    expect(await page.textContent('h1')).toBe('Deze pagina bestaat niet');
    await page.goto(`${api.baseUrl}/healthz`);
    expect(await page.textContent('h1')).toBe('Status van de server');
    expect(await page.textContent('main')).toContain('Alles werkt.');
    // The overview page shows each programme and its progress.
    await page.goto(`${api.baseUrl}/`);
    const overview = await page.textContent('main');
    expect(overview).toContain("Programma's");
    expect(overview).toMatch(/Visieleertrajecten 2022-2024: \d+ traject/);
    expect(overview).toMatch(/Impuls Vakmanschap: \d+ trajecten?.*4 programmalijnen/);
    await page.goto(`${api.baseUrl}/lessen?thema=rust-en-regie&tekst=koers`);
    expect(await page.textContent('main')).toContain('Leiderschap en een consistente koers');
    expect(await page.textContent('main')).toContain('Rapportage Visieleren, VNG, april 2024, §3.2');
    expect(await page.textContent('main')).not.toMatch(/seed 00\d|transparantie-en-eenvoud/);
    await page.goto(`${api.baseUrl}/programmas/impuls-vakmanschap`);
    const main = await page.textContent('main');
    for (const line of [
      'Uitvoerders',
      'Kennis en Expertise',
      'Organisatie & Ontwikkeling',
      'Bestuurders gemeenten',
    ])
      expect(main).toContain(line);
  }, 90_000);
});
