import { defineMessages, type Lang } from '@visieleren/core';
import { ADAPTIVE_CARD_META_KEY } from '../answers/parse.js';
import type { FieldError, RawValues } from '../answers/validate.js';
import { describeCondition } from '../definition/describe.js';
import type { FormDefinition, Question } from '../definition/schema.js';
import { answerOptions } from './answer-options.js';
import { LossCollector, type Rendered } from './lossiness.js';

/** Teams renders Adaptive Cards up to schema 1.5 (docs/platform-limits.md §3.4). */
export const ADAPTIVE_CARD_VERSION = '1.5';
/** The Action.Execute verb the Teams bot routes to the forms handler. */
export const FORM_SUBMIT_VERB = 'visieleren.form.submit';

export interface AdaptiveCardRenderOptions {
  lang?: Lang;
  /** The signed form token, echoed back in the action data so the bot knows traject and subject. */
  token?: string;
  values?: RawValues;
  errors?: FieldError[];
}

type Json = Record<string, unknown>;

const t = defineMessages({
  submit: { nl: 'Versturen', en: 'Submit' },
  required: { nl: 'Deze vraag is verplicht.', en: 'This question is required.' },
  requiredChoice: { nl: 'Kies een antwoord.', en: 'Please choose an answer.' },
  pattern: { nl: 'Controleer de notatie.', en: 'Please check the format.' },
  email: { nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid email address.' },
  range: { nl: 'Vul een getal in binnen het bereik.', en: 'Enter a number within the range.' },
  errors: {
    nl: 'Niet alle antwoorden zijn goed. Verbeter de gemarkeerde vragen.',
    en: 'Not all answers are valid. Please correct the marked questions.',
  },
  notice: { nl: 'Let op: {text}', en: 'Please note: {text}' },
  requiredWhenShown: { nl: 'Dan is deze vraag verplicht.', en: 'This question is then required.' },
  choose: { nl: 'Kies…', en: 'Choose…' },
});

const EMAIL_REGEX = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

function textBlock(text: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function rawText(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw.join(',') : raw;
}

function input(
  question: Question,
  lang: Lang,
  raw: string | string[] | undefined,
  losses: LossCollector,
): Json {
  // A conditional question cannot be required on the card: Teams would block submission while hidden.
  const required = question.required && !question.visibleWhen;
  const base: Json = { id: question.id, label: question.label[lang] };
  if (required) base.isRequired = true;
  const value = rawText(raw);
  switch (question.kind) {
    case 'short-text':
    case 'long-text': {
      const element: Json = { ...base, type: 'Input.Text', maxLength: question.maxLength };
      if (question.kind === 'long-text') element.isMultiline = true;
      if (question.kind === 'short-text' && question.pattern) {
        element.regex = `^(?:${question.pattern.regex})$`;
        element.errorMessage = question.pattern.message[lang];
      } else if (required) element.errorMessage = t('required', lang);
      if (value !== undefined) element.value = value;
      return element;
    }
    case 'email': {
      const element: Json = {
        ...base,
        type: 'Input.Text',
        style: 'Email',
        regex: EMAIL_REGEX,
        errorMessage: t('email', lang),
      };
      if (value !== undefined) element.value = value;
      return element;
    }
    case 'date': {
      const element: Json = { ...base, type: 'Input.Date' };
      if (required) element.errorMessage = t('required', lang);
      if (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)) element.value = value;
      return element;
    }
    case 'number': {
      const element: Json = { ...base, type: 'Input.Number' };
      if (question.min !== undefined) element.min = question.min;
      if (question.max !== undefined) element.max = question.max;
      element.errorMessage = required ? `${t('required', lang)} ${t('range', lang)}` : t('range', lang);
      if (question.integer) {
        losses.add('integer', question.id, {
          nl: 'Input.Number kan geen hele getallen afdwingen; de server controleert het en stuurt de kaart terug met een foutmelding.',
          en: 'Input.Number cannot enforce whole numbers; the server checks and sends the card back with an error.',
        });
      }
      const number = value === undefined ? Number.NaN : Number(value.replace(',', '.'));
      if (Number.isFinite(number)) element.value = number;
      return element;
    }
    case 'single-choice':
    case 'multiple-choice':
    case 'yes-no':
    case 'scale': {
      const list = answerOptions(question, lang).map(({ value, label }) => ({ title: label, value }));
      const multiple = question.kind === 'multiple-choice';
      // Expanded radio buttons/checkboxes read best; long lists become a dropdown.
      const element: Json = {
        ...base,
        type: 'Input.ChoiceSet',
        choices: list,
        style: list.length <= 7 || multiple ? 'expanded' : 'compact',
      };
      if (multiple) element.isMultiSelect = true;
      if (element.style === 'compact') element.placeholder = t('choose', lang);
      if (required) element.errorMessage = t('requiredChoice', lang);
      if (value !== undefined) element.value = value;
      return element;
    }
  }
}

/**
 * An Adaptive Card 1.5 with Action.Execute. The card cannot hide questions based on other answers, so
 * conditional questions carry an "alleen invullen als …" note and are optional on the card.
 */
export function renderAdaptiveCard(
  form: FormDefinition,
  options: AdaptiveCardRenderOptions = {},
): Rendered<Json> {
  const lang = options.lang ?? 'nl';
  const losses = new LossCollector();
  const errors = options.errors ?? [];
  const body: Json[] = [textBlock(form.title[lang], { size: 'Large', weight: 'Bolder', style: 'heading' })];
  if (form.notice) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [textBlock(t('notice', lang, { text: form.notice[lang] }), { weight: 'Bolder' })],
    });
  }
  if (form.intro) body.push(textBlock(form.intro[lang]));
  if (errors.length > 0) body.push(textBlock(t('errors', lang), { color: 'Attention', weight: 'Bolder' }));
  for (const section of form.sections) {
    body.push(
      textBlock(section.title[lang], {
        size: 'Medium',
        weight: 'Bolder',
        style: 'heading',
        separator: true,
        spacing: 'Large',
      }),
    );
    if (section.help) body.push(textBlock(section.help[lang], { isSubtle: true }));
    for (const question of section.questions) {
      const items: Json[] = [input(question, lang, options.values?.[question.id], losses)];
      const condition = describeCondition(form, question, lang);
      if (question.help) {
        items.push(textBlock(question.help[lang], { isSubtle: true, size: 'Small', spacing: 'Small' }));
        losses.add('help-text', question.id, {
          nl: 'Een invoerveld heeft geen eigen hulptekst: de hulptekst staat als losse tekst onder het veld.',
          en: 'An input has no help text of its own: the help is a separate text below the input.',
        });
      }
      if (condition) {
        const extra = question.required ? ` ${t('requiredWhenShown', lang)}` : '';
        items.push(textBlock(`${condition}${extra}`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
        losses.add('conditional-visibility', question.id, {
          nl: 'Een kaart kan een vraag niet verbergen op basis van een ander antwoord: de vraag staat er altijd, met "Alleen invullen als …", is op de kaart niet verplicht, en de server negeert het antwoord als de voorwaarde niet geldt.',
          en: 'A card cannot hide a question based on another answer: the question is always shown, with "Only answer this if …", is optional on the card, and the server ignores the answer when the condition does not hold.',
        });
      }
      const error = errors.find((candidate) => candidate.questionId === question.id);
      if (error)
        items.push(textBlock(error.message, { color: 'Attention', size: 'Small', spacing: 'Small' }));
      body.push({ type: 'Container', items, spacing: 'Medium' });
    }
  }
  const data: Json = {
    [ADAPTIVE_CARD_META_KEY]: {
      id: form.id,
      version: form.version,
      ...(options.token ? { token: options.token } : {}),
    },
  };
  const card: Json = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    // No card-level `lang`: the texts are already localised, and the adaptivecards JS parser validates
    // `lang` with a global regex whose lastIndex leaks between cards (spurious "Invalid value" warnings).
    body,
    actions: [
      {
        type: 'Action.Execute',
        title: t('submit', lang),
        verb: FORM_SUBMIT_VERB,
        style: 'positive',
        associatedInputs: 'auto',
        data,
        // Clients without Universal Actions (card schema < 1.4) send the same data as a message instead.
        fallback: {
          type: 'Action.Submit',
          title: t('submit', lang),
          style: 'positive',
          data: { ...data, verb: FORM_SUBMIT_VERB },
        },
      },
    ],
  };
  return { output: card, report: losses.report('adaptive-card', form.id) };
}
