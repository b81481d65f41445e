/**
 * Test kit for forms: random valid answers and encoders that turn answers into each surface's payload,
 * the way a browser, Teams or Slack would send them. Only tests use the encoders; production code only
 * ever parses payloads.
 */
import fc from 'fast-check';
import { ADAPTIVE_CARD_META_KEY, SLACK_ACTION_ID, type SubmissionSurface } from './answers/parse.js';
import { NO, YES } from './answers/validate.js';
import { type Answers, type AnswerValue, dropHiddenAnswers } from './definition/answers.js';
import { allQuestions, type FormDefinition, type Question } from './definition/schema.js';
import { FORM_SUBMIT_VERB } from './render/adaptive-card.js';
import { SLACK_LIMITS } from './render/slack-limits.js';
import { renderSlackModal } from './render/slack-modal.js';

const TEXT_CHARACTERS = [...'abcdefghijklmnopqrstuvwxyzABCZ0123456789 éëïöüáç,.;:!?-\'"<>&()/€'];

function textArbitrary(maxLength: number): fc.Arbitrary<string> {
  return fc
    .string({ unit: fc.constantFrom(...TEXT_CHARACTERS), minLength: 1, maxLength: Math.min(maxLength, 60) })
    .map((text) => text.trim())
    .filter((text) => text.length > 0);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A valid value for one question. */
export function answerArbitrary(question: Question): fc.Arbitrary<AnswerValue> {
  switch (question.kind) {
    case 'short-text':
      if (question.pattern) {
        const pattern = new RegExp(`^(?:${question.pattern.regex})$`, 'u');
        return fc
          .stringMatching(pattern)
          .filter(
            (text) => text === text.trim() && text.length > 0 && [...text].length <= question.maxLength,
          );
      }
      return textArbitrary(question.maxLength);
    case 'long-text':
      return textArbitrary(question.maxLength);
    case 'email':
      return fc.emailAddress().filter((address) => EMAIL.test(address) && address.length <= 254);
    case 'date':
      return fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString().slice(0, 10));
    case 'yes-no':
      return fc.boolean();
    case 'single-choice':
      return fc.constantFrom(...question.options.map((option) => option.value));
    case 'multiple-choice':
      return fc.subarray(
        question.options.map((option) => option.value),
        { minLength: 1 },
      );
    case 'scale':
      return fc.integer({ min: question.min, max: question.max });
    case 'number': {
      const min = question.min ?? -1_000_000;
      const max = question.max ?? 1_000_000;
      if (question.integer)
        return fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).map((value) => value + 0);
      // Cents keep the decimal text short and exact; `+ 0` turns -0 into 0.
      return fc
        .integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) })
        .map((cents) => cents / 100 + 0);
    }
  }
}

/**
 * Random valid answers: required questions always answered, optional ones sometimes, and answers to
 * questions hidden by their conditions dropped — exactly what parseSubmission returns.
 */
export function answersArbitrary(form: FormDefinition): fc.Arbitrary<Answers> {
  const entries = allQuestions(form).map((question) => {
    const value = answerArbitrary(question);
    return [question.id, question.required ? value : fc.option(value, { nil: undefined })] as const;
  });
  return fc
    .record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<AnswerValue | undefined>>)
    .map((record) => {
      const answers: Answers = {};
      for (const [id, value] of Object.entries(record)) if (value !== undefined) answers[id] = value;
      return dropHiddenAnswers(form, answers);
    });
}

function asText(value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? YES : NO;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** An HTML form post as express.urlencoded gives it: strings, repeated keys as arrays. */
export function toHtmlPayload(form: FormDefinition, answers: Answers): Record<string, string | string[]> {
  const payload: Record<string, string | string[]> = {};
  for (const question of allQuestions(form)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    payload[question.id] = Array.isArray(value)
      ? value.length === 1
        ? (value[0] as string)
        : value
      : asText(value);
  }
  return payload;
}

/** The invoke value of an Adaptive Card Action.Execute: inputs as strings merged into the action data. */
export function toAdaptiveCardPayload(
  form: FormDefinition,
  answers: Answers,
  token?: string,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    [ADAPTIVE_CARD_META_KEY]: { id: form.id, version: form.version, ...(token ? { token } : {}) },
  };
  for (const question of allQuestions(form)) {
    const value = answers[question.id];
    // Teams sends every input, unanswered ones as an empty string.
    data[question.id] = value === undefined ? '' : asText(value);
  }
  return { action: { type: 'Action.Execute', verb: FORM_SUBMIT_VERB, data } };
}

function slackState(
  view: Record<string, unknown>,
  question: Question,
  value: AnswerValue | undefined,
): Record<string, unknown> {
  const block = (view.blocks as Array<Record<string, unknown>>).find(
    (candidate) => candidate.block_id === question.id,
  );
  const element = block?.element as
    | { type: string; options?: Array<{ text: unknown; value: string }> }
    | undefined;
  const type = element?.type ?? 'plain_text_input';
  const option = (wanted: string) =>
    element?.options?.find((candidate) => candidate.value === wanted) ?? null;
  switch (type) {
    case 'radio_buttons':
    case 'static_select':
      return { type, selected_option: value === undefined ? null : option(asText(value)) };
    case 'checkboxes':
    case 'multi_static_select':
      return { type, selected_options: ((value as string[] | undefined) ?? []).map(option) };
    case 'datepicker':
      return { type, selected_date: value === undefined ? null : value };
    default:
      return { type, value: value === undefined ? null : asText(value) };
  }
}

/** One Slack view_submission per modal step, each with `view.state.values[block_id][action_id]`. */
export function toSlackPayloads(form: FormDefinition, answers: Answers): Array<Record<string, unknown>> {
  const { views } = renderSlackModal(form, { formRef: 'test' }).output;
  return views.map((view) => {
    const values: Record<string, unknown> = {};
    for (const question of allQuestions(form)) {
      const inView = (view.blocks as Array<{ block_id?: string }>).some(
        (block) => block.block_id === question.id,
      );
      if (inView)
        values[question.id] = { [SLACK_ACTION_ID]: slackState(view, question, answers[question.id]) };
    }
    return { type: 'view_submission', view: { ...view, state: { values } } };
  });
}

/** Answers → the payload a surface sends for them. */
export function toSurfacePayload(
  form: FormDefinition,
  surface: SubmissionSurface,
  answers: Answers,
): unknown {
  switch (surface) {
    case 'html':
      return toHtmlPayload(form, answers);
    case 'adaptive-card':
      return toAdaptiveCardPayload(form, answers);
    case 'slack-modal':
      return toSlackPayloads(form, answers);
    case 'json':
      return structuredClone(answers);
  }
}

/** The Slack limits, re-exported for limit tests. */
export { SLACK_LIMITS };

/**
 * A realistic aanmelding as a contact person fills it in: the raw values a form post or an Adaptive Card sends
 * (strings; multiple choices comma-separated). Fictional gemeente contact, `.example` address.
 */
export const AANMELDING_EXAMPLE: Readonly<Record<string, string>> = {
  gemeente: 'Medemblik',
  samen: 'nee',
  'contact-naam': 'Sanne de Boer',
  'contact-email': 'sanne.deboer@medemblik.example',
  kernvraag: 'Hoe krijgen inwoners met meerdere vragen één aanspreekpunt?',
  themas: 'inwoner-centraal',
  draagvlak: 'ja',
  'ambtelijk-contactpersoon-wie': 'Sanne de Boer',
  'ambtelijk-contactpersoon-tijd': 'ja',
  'ambtelijke-ondersteuning-tijd': 'ja',
  'bestuurder-tijd': 'ja',
  'professional-tijd': 'ja',
};
