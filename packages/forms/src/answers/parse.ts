import { defineMessages, type Lang, ValidationError } from '@visieleren/core';
import { allQuestions, type FormDefinition, type Question } from '../definition/schema.js';
import { NO, type RawValues, type SubmissionResult, validateRawValues, YES } from './validate.js';

/** Surfaces a submission can come from. */
export const SUBMISSION_SURFACES = ['html', 'adaptive-card', 'slack-modal', 'json'] as const;
export type SubmissionSurface = (typeof SUBMISSION_SURFACES)[number];

/** The key under which Adaptive Card action data carries the form reference; not a valid question id. */
export const ADAPTIVE_CARD_META_KEY = '_form';
/** Every Slack input block has this action_id; the block_id is the question id. */
export const SLACK_ACTION_ID = 'answer';

const t = defineMessages({
  payload: { nl: 'De inzending is geen {what}.', en: 'The submission is not {what}.' },
  html: { nl: 'formulierveld-object', en: 'form field object' },
  card: { nl: 'Adaptive Card-actiedata', en: 'Adaptive Card action data' },
  slack: { nl: 'Slack view_submission', en: 'Slack view_submission' },
  json: { nl: 'JSON-object met antwoorden', en: 'JSON object with answers' },
  type: {
    nl: 'Verwacht {expected}, maar kreeg {actual}.',
    en: 'Expected {expected} but got {actual}.',
  },
  text: { nl: 'tekst', en: 'text' },
  numberType: { nl: 'een getal', en: 'a number' },
  booleanType: { nl: 'true of false', en: 'true or false' },
  listType: { nl: 'een lijst met optiewaarden', en: 'a list of option values' },
  unknown: {
    nl: 'Onbekende vraag "{id}" in de inzending.',
    en: 'Unknown question "{id}" in the submission.',
  },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badPayload(what: 'html' | 'card' | 'slack' | 'json', lang: Lang): ValidationError {
  const message = t('payload', lang, { what: t(what, lang) });
  return new ValidationError(message, [{ path: '', message }]);
}

/** HTML form post: urlencoded fields as express or URLSearchParams give them; repeated keys for multiple choice. */
function fromHtml(payload: unknown, lang: Lang): RawValues {
  if (payload instanceof URLSearchParams) {
    const values: RawValues = {};
    for (const key of new Set(payload.keys())) {
      const all = payload.getAll(key);
      values[key] = all.length === 1 ? all[0] : all;
    }
    return values;
  }
  if (!isRecord(payload)) throw badPayload('html', lang);
  const values: RawValues = {};
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) values[key] = value;
  }
  return values;
}

/**
 * Adaptive Card `Action.Execute`: either the invoke value (`{ action: { data } }`) or the data itself.
 * Inputs arrive as strings; a multi-select ChoiceSet joins its values with commas.
 */
function fromAdaptiveCard(form: FormDefinition, payload: unknown, lang: Lang): RawValues {
  const action = isRecord(payload) && isRecord(payload.action) ? payload.action : undefined;
  const data = action ? action.data : payload;
  if (!isRecord(data)) throw badPayload('card', lang);
  const values: RawValues = {};
  for (const question of allQuestions(form)) {
    const value = data[question.id];
    if (typeof value !== 'string') continue;
    values[question.id] = question.kind === 'multiple-choice' ? value.split(',') : value;
  }
  return values;
}

/** The form reference a card carries in its action data (`_form`), or undefined when absent or malformed. */
export function adaptiveCardFormRef(
  payload: unknown,
): { id: string; version?: string; token?: string } | undefined {
  const action = isRecord(payload) && isRecord(payload.action) ? payload.action : undefined;
  const data = action ? action.data : payload;
  const meta = isRecord(data) ? data[ADAPTIVE_CARD_META_KEY] : undefined;
  if (!isRecord(meta) || typeof meta.id !== 'string') return undefined;
  return {
    id: meta.id,
    ...(typeof meta.version === 'string' ? { version: meta.version } : {}),
    ...(typeof meta.token === 'string' ? { token: meta.token } : {}),
  };
}

interface SlackState {
  type?: unknown;
  value?: unknown;
  selected_option?: unknown;
  selected_options?: unknown;
  selected_date?: unknown;
}

function slackOptionValue(option: unknown): string | undefined {
  return isRecord(option) && typeof option.value === 'string' ? option.value : undefined;
}

function slackStateValues(payload: unknown): Record<string, unknown> | undefined {
  const view = isRecord(payload) && isRecord(payload.view) ? payload.view : payload;
  if (!isRecord(view) || !isRecord(view.state) || !isRecord(view.state.values)) return undefined;
  return view.state.values;
}

/**
 * Slack `view_submission`: `view.state.values[block_id][action_id]`. A long form is several steps, so an
 * array of submissions (one per step, in order) is merged.
 */
function fromSlack(payload: unknown, lang: Lang): RawValues {
  const submissions = Array.isArray(payload) ? payload : [payload];
  const values: RawValues = {};
  for (const submission of submissions) {
    const state = slackStateValues(submission);
    if (!state) throw badPayload('slack', lang);
    for (const [blockId, actions] of Object.entries(state)) {
      if (!isRecord(actions)) continue;
      const element = actions[SLACK_ACTION_ID] as SlackState | undefined;
      if (!isRecord(element)) continue;
      if (typeof element.value === 'string') values[blockId] = element.value;
      else if (typeof element.selected_date === 'string') values[blockId] = element.selected_date;
      else if (element.selected_option !== undefined)
        values[blockId] = slackOptionValue(element.selected_option);
      else if (Array.isArray(element.selected_options)) {
        values[blockId] = element.selected_options
          .map(slackOptionValue)
          .filter((value): value is string => value !== undefined);
      }
    }
  }
  return values;
}

/** JSON: the typed answers object. Types are checked strictly, then the common checks run. */
function fromJson(
  form: FormDefinition,
  payload: unknown,
  lang: Lang,
): { values: RawValues; typeErrors: Map<string, string> } {
  if (!isRecord(payload)) throw badPayload('json', lang);
  const values: RawValues = {};
  const typeErrors = new Map<string, string>();
  const questions = new Map(allQuestions(form).map((question) => [question.id, question]));
  for (const [id, value] of Object.entries(payload)) {
    const question = questions.get(id);
    if (!question) {
      typeErrors.set(id, t('unknown', lang, { id }));
      continue;
    }
    if (value === null || value === undefined) continue;
    const raw = jsonToRaw(question, value);
    if (raw === undefined)
      typeErrors.set(
        id,
        t('type', lang, { expected: expectedJsonType(question, lang), actual: typeof value }),
      );
    else values[id] = raw;
  }
  return { values, typeErrors };
}

function jsonToRaw(question: Question, value: unknown): string | string[] | undefined {
  switch (question.kind) {
    case 'multiple-choice':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
    case 'yes-no':
      return typeof value === 'boolean' ? (value ? YES : NO) : undefined;
    case 'scale':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    default:
      return typeof value === 'string' ? value : undefined;
  }
}

function expectedJsonType(question: Question, lang: Lang): string {
  switch (question.kind) {
    case 'multiple-choice':
      return t('listType', lang);
    case 'yes-no':
      return t('booleanType', lang);
    case 'scale':
    case 'number':
      return t('numberType', lang);
    default:
      return t('text', lang);
  }
}

/** Brings a surface's payload to raw values (what the person entered), without judging them. */
export function toRawValues(
  form: FormDefinition,
  surface: SubmissionSurface,
  payload: unknown,
  lang: Lang = 'nl',
): RawValues {
  switch (surface) {
    case 'html':
      return fromHtml(payload, lang);
    case 'adaptive-card':
      return fromAdaptiveCard(form, payload, lang);
    case 'slack-modal':
      return fromSlack(payload, lang);
    case 'json':
      return fromJson(form, payload, lang).values;
  }
}

/**
 * Parses a submission from any surface into the same typed answers, or per-field errors in the user's
 * language. Throws a ValidationError only when the payload does not have the surface's shape at all.
 */
export function parseSubmission(
  form: FormDefinition,
  surface: SubmissionSurface,
  payload: unknown,
  lang: Lang = 'nl',
): SubmissionResult {
  if (surface !== 'json') return validateRawValues(form, toRawValues(form, surface, payload, lang), lang);
  const { values, typeErrors } = fromJson(form, payload, lang);
  const result = validateRawValues(form, values, lang);
  if (typeErrors.size === 0) return result;
  const labels = new Map(allQuestions(form).map((question) => [question.id, question.label[lang]]));
  const errors = [
    ...[...typeErrors].map(([questionId, message]) => ({
      questionId,
      label: labels.get(questionId) ?? questionId,
      message,
    })),
    ...(result.ok ? [] : result.errors.filter((error) => !typeErrors.has(error.questionId))),
  ];
  return { ok: false, errors, values };
}
