import type { Lang } from '@visieleren/core';
import { NO, YES } from '../answers/validate.js';
import { answerLabel, yesNoLabel } from '../definition/describe.js';
import type { Question } from '../definition/schema.js';

export interface AnswerOption {
  /** What the surface sends back; `parseSubmission` reads it. */
  value: string;
  label: string;
}

/** The possible answers of a choice-like question (choices, yes-no, scale points), for every surface alike. */
export function answerOptions(question: Question, lang: Lang): AnswerOption[] {
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return question.options.map((option) => ({ value: option.value, label: option.label[lang] }));
    case 'yes-no':
      return [
        { value: YES, label: yesNoLabel(true, lang) },
        { value: NO, label: yesNoLabel(false, lang) },
      ];
    case 'scale':
      return Array.from({ length: question.max - question.min + 1 }, (_, index) => {
        const value = question.min + index;
        return { value: String(value), label: answerLabel(question, value, lang) };
      });
    default:
      return [];
  }
}
