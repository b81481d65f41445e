import type { LocalizedText } from '@visieleren/core';
import type { Answers } from '../definition/answers.js';
import { defineForm, type FormDefinition, type QuestionInput } from '../definition/schema.js';
import { l } from './text.js';

/**
 * The part of core's VIT question bank the form needs (structurally the same as core's `VitBank`), so any
 * loaded bank, the official one included, becomes a form without code changes.
 */
export interface VitBankLike {
  id: string;
  version: string;
  title: LocalizedText;
  provisional: boolean;
  notice: LocalizedText;
  scale: { min: number; max: number; labels: LocalizedText[] };
  uitgangspunten: Array<{
    key: string;
    name: LocalizedText;
    description: LocalizedText;
    questions: Array<{
      id: string;
      text: LocalizedText;
      help?: LocalizedText | undefined;
      kind: 'scale' | 'yes-no' | 'text';
    }>;
  }>;
}

const PROVISIONAL = l('voorlopige vragenset', 'provisional question set');

/** Makes sure the words "voorlopige vragenset" appear, without repeating them when the bank says them. */
function withProvisionalLabel(text: LocalizedText): LocalizedText {
  const label = (lang: 'nl' | 'en') =>
    text[lang].toLowerCase().includes(PROVISIONAL[lang])
      ? text[lang]
      : `${text[lang]} (${PROVISIONAL[lang]})`;
  return { nl: label('nl'), en: label('en') };
}

function vitQuestion(
  bank: VitBankLike,
  question: VitBankLike['uitgangspunten'][number]['questions'][number],
): QuestionInput {
  const base = { id: question.id, label: question.text, ...(question.help ? { help: question.help } : {}) };
  switch (question.kind) {
    case 'scale':
      return {
        ...base,
        kind: 'scale',
        min: bank.scale.min,
        max: bank.scale.max,
        labels: bank.scale.labels.map((label, index) => ({ value: bank.scale.min + index, label })),
      };
    case 'yes-no':
      return { ...base, kind: 'yes-no' };
    case 'text':
      return { ...base, kind: 'long-text', maxLength: 2000 };
  }
}

/**
 * The VIT as a form: one section per uitgangspunt, the bank's scale for scale questions. Every question
 * may be skipped (the VIT scores only what was answered). A provisional bank is labelled as such in the
 * title and in a notice that every surface shows.
 */
export function vitForm(bank: VitBankLike): FormDefinition {
  const title: LocalizedText = bank.provisional ? withProvisionalLabel(bank.title) : bank.title;
  const provisionalNotice: LocalizedText = withProvisionalLabel(bank.notice);
  return defineForm({
    id: 'vit',
    version: `${bank.id}@${bank.version}`,
    title,
    intro: l(
      'Met het Verkenningsinstrument Toegang (VIT) brengt u in kaart waar de toegang van uw gemeente staat, per uitgangspunt. De uitkomst is de basis voor het intakegesprek. U mag vragen overslaan.',
      'With the Access Exploration Instrument (VIT) you map where access in your municipality stands, per principle. The result is the basis for the intake meeting. You may skip questions.',
    ),
    ...(bank.provisional ? { notice: provisionalNotice } : {}),
    sections: bank.uitgangspunten.map((uitgangspunt) => ({
      id: uitgangspunt.key,
      title: uitgangspunt.name,
      help: uitgangspunt.description,
      questions: uitgangspunt.questions.map((question) => vitQuestion(bank, question)),
    })),
  });
}

/** Form answers in the shape core's VIT scoring takes: yes-no as "ja"/"nee", skipped questions absent. */
export function toVitAnswers(answers: Answers): Record<string, number | string> {
  const result: Record<string, number | string> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (typeof value === 'boolean') result[id] = value ? 'ja' : 'nee';
    else if (typeof value === 'number' || typeof value === 'string') result[id] = value;
  }
  return result;
}
