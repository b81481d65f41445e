import {
  type Answers,
  type AnswerValue,
  allQuestions,
  buildForm,
  dropHiddenAnswers,
  FORM_NAMES,
  type FormDefinition,
  type Question,
  renderJsonSchema,
} from '@visieleren/forms';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from './helpers/browser.js';
import { type FormsTestServer, startFormsServer } from './helpers/forms-server.js';

let browser: Browser;
let server: FormsTestServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startFormsServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  // The pages forbid scripts by CSP; axe is injected by the test only, so bypass CSP for it.
  const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
  return context.newPage();
}

const PATTERN_SAMPLES: Record<string, string> = { 'cbs-code': 'GM0344', 'contact-telefoon': '030 123 4567' };

/** A valid answer per question, varied so both branches of conditions occur across forms. */
function sampleAnswer(question: Question, index: number): AnswerValue {
  switch (question.kind) {
    case 'short-text':
      return PATTERN_SAMPLES[question.id] ?? `Antwoord ${question.id}`;
    case 'long-text':
      return 'Een toelichting met é, "aanhalingstekens" & <tekens>.';
    case 'email':
      return 'contact@gemeente.nl';
    case 'date':
      return '2026-03-31';
    case 'number':
      return question.min !== undefined && question.min > 12 ? question.min : 12;
    case 'scale':
      return question.max;
    case 'yes-no':
      return index % 2 === 1;
    case 'single-choice':
      return question.options[question.options.length - 1]!.value;
    case 'multiple-choice':
      return question.options.slice(0, 2).map((option) => option.value);
  }
}

function sampleAnswers(form: FormDefinition): Answers {
  return Object.fromEntries(
    allQuestions(form).map((question, index) => [question.id, sampleAnswer(question, index)]),
  );
}

async function fill(page: Page, question: Question, value: AnswerValue | undefined): Promise<void> {
  const name = question.id;
  switch (question.kind) {
    case 'yes-no':
      if (value !== undefined) await page.check(`input[name="${name}"][value="${value ? 'ja' : 'nee'}"]`);
      return;
    case 'single-choice':
    case 'scale':
      if (value !== undefined) await page.check(`input[name="${name}"][value="${String(value)}"]`);
      return;
    case 'multiple-choice':
      for (const option of question.options) {
        const box = page.locator(`input[name="${name}"][value="${option.value}"]`);
        if ((value as string[] | undefined)?.includes(option.value)) await box.check();
        else await box.uncheck();
      }
      return;
    default:
      await page.fill(`[name="${name}"]`, value === undefined ? '' : String(value));
  }
}

async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  return response?.status() ?? 0;
}

/** One wrong answer the browser lets through, so the server has to catch it. */
function wrongAnswer(form: FormDefinition): { question: Question; apply: (page: Page) => Promise<void> } {
  const questions = allQuestions(form);
  const email = questions.find((question) => question.kind === 'email' && question.required);
  if (email)
    return { question: email, apply: (page) => page.fill(`[name="${email.id}"]`, 'geen-e-mailadres') };
  const required = questions.find(
    (question) => question.required && !question.visibleWhen && question.kind === 'short-text',
  );
  if (required) return { question: required, apply: (page) => page.fill(`[name="${required.id}"]`, '') };
  // Every question optional (the VIT): a text longer than allowed, as a client without maxlength could send.
  const text = questions.find((question) => question.kind === 'long-text');
  if (text?.kind !== 'long-text') throw new Error(`Geen foutgeval voor ${form.id}`);
  return {
    question: text,
    apply: async (page) => {
      await page.evaluate(
        (name) => document.querySelector(`[name="${name}"]`)?.removeAttribute('maxlength'),
        text.id,
      );
      await page.fill(`[name="${text.id}"]`, 'x'.repeat(text.maxLength + 1));
    },
  };
}

describe('HTML forms in headless Chromium', () => {
  for (const name of FORM_NAMES) {
    it(`${name}: fill in, a wrong answer, its correction, stored, 0 axe violations on every page`, async () => {
      const form = buildForm(name);
      const page = await newPage();
      const url = `${server.baseUrl}/forms/${server.tokenFor(form.id, { subject: 'deelnemer-7' })}`;

      const opened = await page.goto(url);
      expect(opened?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      expect(await axeViolations(page)).toEqual([]);
      // As without JavaScript: every conditional question visible with its note.
      await page.evaluate(() => {
        document.querySelectorAll<HTMLElement>('[data-question][hidden]').forEach((element) => {
          element.hidden = false;
        });
      });
      expect(await axeViolations(page)).toEqual([]);
      await page.reload();
      if (form.id === 'vit') expect(await page.textContent('body')).toContain('voorlopige vragenset');

      const answers = sampleAnswers(form);
      // In document order, so a condition's controller is answered before the script decides on the question.
      for (const question of allQuestions(form)) {
        if (await page.locator(`[data-question="${question.id}"]`).isVisible())
          await fill(page, question, answers[question.id]);
      }
      const wrong = wrongAnswer(form);
      await wrong.apply(page);
      const keptQuestion = allQuestions(form).find(
        (question) => question.kind === 'short-text' && question.id !== wrong.question.id,
      );

      const before = server.saved.length;
      expect(await submit(page)).toBe(422);
      expect(server.saved.length).toBe(before);
      expect(await page.title()).toMatch(/^Fout: /);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('foutmeldingen');
      const summaryLink = page.locator(`#foutmeldingen a[href="#veld-${wrong.question.id}"]`);
      expect(await summaryLink.count()).toBe(1);
      expect(await page.getAttribute(`#veld-${wrong.question.id}`, 'aria-describedby')).toContain(
        `veld-${wrong.question.id}-fout`,
      );
      if (keptQuestion) {
        expect(await page.inputValue(`[name="${keptQuestion.id}"]`)).toBe(String(answers[keptQuestion.id]));
      }
      expect(await axeViolations(page)).toEqual([]);
      await summaryLink.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`veld-${wrong.question.id}`);

      await fill(page, wrong.question, answers[wrong.question.id]);
      expect(await submit(page)).toBe(200);
      expect(page.url()).toContain('/bevestigd');
      expect(await page.textContent('h1')).toContain('Bedankt');
      expect(await axeViolations(page)).toEqual([]);

      const record = server.saved.at(-1)!;
      expect(record).toMatchObject({
        formId: form.id,
        trajectId: 'traject-utrecht-2026',
        subject: 'deelnemer-7',
        lang: 'nl',
      });
      expect(record.answers).toEqual(dropHiddenAnswers(form, answers));
      // The JSON Schema of the form accepts what the real browser produced.
      const validate = new Ajv2020({ strict: true }).compile(renderJsonSchema(form).output);
      expect(validate(record.answers), JSON.stringify(validate.errors)).toBe(true);
      await page.context().close();
    });
  }

  it('the accessibility check can fail, and the NL Design System stylesheet is applied', async () => {
    const page = await newPage();
    await page.setContent('<!doctype html><html><body><input type="text"></body></html>');
    expect((await axeViolations(page)).length).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/forms/${server.tokenFor('nazorg')}`);
    const button = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('button[type="submit"]')!);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(button).toEqual({ background: 'rgb(21, 66, 115)', color: 'rgb(255, 255, 255)' });
    await page.context().close();
  });

  it('hides and shows conditional questions with the CSP-allowed script', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') scriptErrors.push(message.text());
    });
    await page.goto(`${server.baseUrl}/forms/${server.tokenFor('nazorg')}`);
    const anders = page.locator('[data-question="ondersteuning-anders"]');
    const vorm = page.locator('[data-question="ondersteuning-vorm"]');
    expect([await vorm.isVisible(), await anders.isVisible()]).toEqual([false, false]);
    await page.check('input[name="ondersteuning-nodig"][value="ja"]');
    expect([await vorm.isVisible(), await anders.isVisible()]).toEqual([true, false]);
    await page.check('input[name="ondersteuning-vorm"][value="anders"]');
    expect(await anders.isVisible()).toBe(true);
    // Back to "nee": the chain collapses although "anders" stays ticked underneath.
    await page.check('input[name="ondersteuning-nodig"][value="nee"]');
    expect([await vorm.isVisible(), await anders.isVisible()]).toEqual([false, false]);
    expect(scriptErrors).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: conditional questions shown with their note, hidden answers dropped', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/forms/${server.tokenFor('nazorg')}`);
    expect(await page.locator('[data-question="ondersteuning-anders"]').isVisible()).toBe(true);
    expect(await page.textContent('#veld-ondersteuning-anders-voorwaarde')).toContain('Alleen invullen als');
    await page.check('input[name="voortgang"][value="gestart"]');
    await page.check('input[name="ondersteuning-nodig"][value="nee"]');
    await page.check('input[name="ondersteuning-vorm"][value="anders"]');
    await page.fill('[name="ondersteuning-anders"]', 'Niet meer nodig');
    await page.fill('[name="contact-email"]', 'nazorg@gemeente.nl');
    expect(await submit(page)).toBe(200);
    expect(server.saved.at(-1)?.answers).toEqual({
      voortgang: 'gestart',
      'ondersteuning-nodig': false,
      'contact-email': 'nazorg@gemeente.nl',
    });
    await context.close();
  });

  it('is Dutch for an English browser and switches to English with the visible EN link', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/forms/${server.tokenFor('aanmelding')}`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: /EN/ }).click();
    await page.waitForURL(/taal=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Registration for a vision-learning programme');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('renders English with ?lang=en and stays accessible', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/forms/${server.tokenFor('aanmelding')}?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Registration for a vision-learning programme');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows accessible Dutch pages for an expired (410) and a tampered (403) link', async () => {
    const page = await newPage();
    const expired = await page.goto(
      `${server.baseUrl}/forms/${server.tokenFor('evaluatie', { expiresAt: new Date(Date.now() - 1000) })}`,
    );
    expect(expired?.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('Deze link is verlopen');
    expect(await axeViolations(page)).toEqual([]);

    const token = server.tokenFor('evaluatie');
    const tampered = await page.goto(`${server.baseUrl}/forms/${token.slice(0, -2)}xx`);
    expect(tampered?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('Deze link werkt niet');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
