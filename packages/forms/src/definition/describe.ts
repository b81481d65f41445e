import { defineMessages, type Lang } from '@visieleren/core';
import { type FormDefinition, findQuestion, type Question } from './schema.js';

const t = defineMessages({
  onlyIfEquals: {
    nl: 'Alleen invullen als u bij "{question}" {value} hebt gekozen.',
    en: 'Only answer this if you chose {value} for "{question}".',
  },
  onlyIfAnswered: {
    nl: 'Alleen invullen als u "{question}" hebt beantwoord.',
    en: 'Only answer this if you answered "{question}".',
  },
  or: { nl: 'of', en: 'or' },
  yes: { nl: 'Ja', en: 'Yes' },
  no: { nl: 'Nee', en: 'No' },
});

export const yesNoLabel = (value: boolean, lang: Lang): string => t(value ? 'yes' : 'no', lang);

/** The human label of a possible answer value of a choice-like question. */
export function answerLabel(question: Question, value: string | number | boolean, lang: Lang): string {
  if (question.kind === 'yes-no' && typeof value === 'boolean') return yesNoLabel(value, lang);
  if (question.kind === 'single-choice' || question.kind === 'multiple-choice') {
    const option = question.options.find((candidate) => candidate.value === value);
    if (option) return option.label[lang];
  }
  if (question.kind === 'scale' && typeof value === 'number') {
    const label = question.labels.find((candidate) => candidate.value === value);
    return label ? `${value} (${label.label[lang]})` : String(value);
  }
  return String(value);
}

/**
 * "Alleen invullen als …": how a conditional question reads on surfaces that cannot hide it
 * (HTML without JavaScript, Adaptive Cards, Slack modals, Google Forms).
 */
export function describeCondition(form: FormDefinition, question: Question, lang: Lang): string | undefined {
  const rule = question.visibleWhen;
  if (!rule) return undefined;
  const controller = findQuestion(form, rule.question);
  if (!controller) return undefined;
  const name = controller.label[lang];
  if (rule.answered) return t('onlyIfAnswered', lang, { question: name });
  const values = rule.equals !== undefined ? [rule.equals] : (rule.in ?? []);
  const labels = values.map((value) => `"${answerLabel(controller, value, lang)}"`);
  return t('onlyIfEquals', lang, { question: name, value: labels.join(` ${t('or', lang)} `) });
}
