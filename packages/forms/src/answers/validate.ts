import { defineMessages, isoDateSchema, type Lang, unsafeTextReason } from '@visieleren/core';
import { type Answers, type AnswerValue, isVisible } from '../definition/answers.js';
import { allQuestions, type FormDefinition, type Question } from '../definition/schema.js';

/**
 * What a person entered, before interpretation: per question id a string or, for multiple choice, a
 * list of strings. Every surface's payload is first brought to this shape, so checks exist once and an
 * HTML page can be re-rendered with exactly what was typed.
 */
export type RawValues = Record<string, string | string[] | undefined>;

/** A problem with one answer, in the user's language. */
export interface FieldError {
  questionId: string;
  /** The question's label, so a summary can name the field without the definition at hand. */
  label: string;
  message: string;
}

export type SubmissionResult =
  | { ok: true; answers: Answers; values: RawValues }
  | { ok: false; errors: FieldError[]; values: RawValues };

/** How yes-no answers travel as text on every surface. */
export const YES = 'ja';
export const NO = 'nee';

const t = defineMessages({
  required: { nl: 'Vul dit veld in.', en: 'Please fill in this field.' },
  unsafeText: {
    nl: 'Dit veld bevat een teken dat niet kan worden opgeslagen (een nul-teken of een ongeldig teken). Haal het weg en probeer het opnieuw.',
    en: 'This field contains a character that cannot be stored (a null character or an invalid one). Remove it and try again.',
  },
  requiredChoice: { nl: 'Kies een antwoord.', en: 'Please choose an answer.' },
  requiredMultiple: { nl: 'Kies ten minste één optie.', en: 'Please choose at least one option.' },
  tooLong: {
    nl: 'Gebruik maximaal {max} tekens (nu {length}).',
    en: 'Use at most {max} characters (now {length}).',
  },
  email: {
    nl: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
    en: 'Enter a valid email address, for example name@municipality.nl.',
  },
  date: {
    nl: 'Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.',
    en: 'Enter an existing date as YYYY-MM-DD, for example 2026-03-31.',
  },
  number: { nl: 'Vul een getal in, bijvoorbeeld 12.', en: 'Enter a number, for example 12.' },
  integer: { nl: 'Vul een heel getal in, zonder komma.', en: 'Enter a whole number.' },
  min: { nl: 'Vul een getal in van ten minste {min}.', en: 'Enter a number of at least {min}.' },
  max: { nl: 'Vul een getal in van ten hoogste {max}.', en: 'Enter a number of at most {max}.' },
  option: { nl: 'Kies een van de genoemde opties.', en: 'Choose one of the listed options.' },
  oneOption: { nl: 'Kies één optie.', en: 'Choose one option.' },
  scale: { nl: 'Kies een waarde van {min} tot en met {max}.', en: 'Choose a value from {min} to {max}.' },
  yesNo: { nl: 'Kies Ja of Nee.', en: 'Choose Yes or No.' },
});

type Converted = { value: AnswerValue } | { error: string } | { empty: true };

// Deliberately simple: one @, no spaces, a dot in the domain. Delivery is the real test of an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function single(raw: string | string[] | undefined): string | string[] | undefined {
  if (Array.isArray(raw)) {
    const filled = raw.map((item) => item.trim()).filter((item) => item !== '');
    return filled.length <= 1 ? filled[0] : filled;
  }
  return raw?.trim();
}

function convert(question: Question, raw: string | string[] | undefined, lang: Lang): Converted {
  if (question.kind === 'multiple-choice') {
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (list.length === 0) return { empty: true };
    const known = question.options.map((option) => option.value);
    if (list.some((item) => !known.includes(item))) return { error: t('option', lang) };
    // Definition order, no duplicates: the same choices give the same answer on every surface.
    return { value: known.filter((value) => list.includes(value)) };
  }
  const text = single(raw);
  if (text === undefined || text === '') return { empty: true };
  if (Array.isArray(text)) return { error: t('oneOption', lang) };
  // A NUL or a lone surrogate cannot be stored: say so at the field, instead of failing in the database.
  if (unsafeTextReason(text)) return { error: t('unsafeText', lang) };
  switch (question.kind) {
    case 'short-text':
    case 'long-text': {
      const length = [...text].length;
      if (length > question.maxLength)
        return { error: t('tooLong', lang, { max: question.maxLength, length }) };
      if (question.kind === 'short-text' && question.pattern) {
        if (!new RegExp(`^(?:${question.pattern.regex})$`, 'u').test(text)) {
          return { error: question.pattern.message[lang] };
        }
      }
      return { value: text };
    }
    case 'email':
      return EMAIL.test(text) && text.length <= 254 ? { value: text } : { error: t('email', lang) };
    case 'date':
      return isoDateSchema.safeParse(text).success ? { value: text } : { error: t('date', lang) };
    case 'yes-no':
      if (text === YES) return { value: true };
      if (text === NO) return { value: false };
      return { error: t('yesNo', lang) };
    case 'single-choice':
      return question.options.some((option) => option.value === text)
        ? { value: text }
        : { error: t('option', lang) };
    case 'scale': {
      const value = Number(text);
      if (!/^-?\d+$/.test(text) || value < question.min || value > question.max) {
        return { error: t('scale', lang, { min: question.min, max: question.max }) };
      }
      return { value };
    }
    case 'number': {
      // Dutch people type a decimal comma; a point is accepted too. Thousands separators are not.
      const normalized = text.replace(',', '.');
      if (!/^-?\d+(?:\.\d+)?$/.test(normalized)) return { error: t('number', lang) };
      const value = Number(normalized);
      if (question.integer && !Number.isInteger(value)) return { error: t('integer', lang) };
      if (question.min !== undefined && value < question.min)
        return { error: t('min', lang, { min: question.min }) };
      if (question.max !== undefined && value > question.max)
        return { error: t('max', lang, { max: question.max }) };
      return { value };
    }
  }
}

function requiredMessage(question: Question, lang: Lang): string {
  switch (question.kind) {
    case 'multiple-choice':
      return t('requiredMultiple', lang);
    case 'single-choice':
    case 'scale':
    case 'yes-no':
      return t('requiredChoice', lang);
    default:
      return t('required', lang);
  }
}

/**
 * Interprets raw values against the definition. Hidden conditional questions are dropped (with any
 * error they had); required-ness applies only to visible questions.
 */
export function validateRawValues(
  form: FormDefinition,
  values: RawValues,
  lang: Lang = 'nl',
): SubmissionResult {
  const answers: Answers = {};
  const errors: FieldError[] = [];
  for (const question of allQuestions(form)) {
    // Conditions only look at earlier questions (checked in the definition), which are already converted.
    if (!isVisible(question, answers, form)) continue;
    const converted = convert(question, values[question.id], lang);
    const label = question.label[lang];
    if ('value' in converted) answers[question.id] = converted.value;
    else if ('error' in converted) errors.push({ questionId: question.id, label, message: converted.error });
    else if (question.required) {
      errors.push({ questionId: question.id, label, message: requiredMessage(question, lang) });
    }
  }
  return errors.length === 0 ? { ok: true, answers, values } : { ok: false, errors, values };
}
