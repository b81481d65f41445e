import type { FormDefinition, Question, VisibleWhen } from './schema.js';

/**
 * The typed value of one answer. Per kind: text, email, date (`YYYY-MM-DD`) and single-choice (option
 * value) are strings; multiple-choice is an array of option values in definition order; scale and number
 * are numbers; yes-no is a boolean.
 */
export type AnswerValue = string | number | boolean | string[];

/** Answers keyed by question id. Unanswered optional and hidden questions are absent. */
export type Answers = Record<string, AnswerValue>;

/** Whether a question is shown, given the answers so far (questions without a rule always are). */
export function isVisible(question: Question, answers: Answers, form: FormDefinition): boolean {
  if (!question.visibleWhen) return true;
  return conditionHolds(question.visibleWhen, answers, form);
}

function conditionHolds(rule: VisibleWhen, answers: Answers, form: FormDefinition): boolean {
  const controller = form.sections
    .flatMap((section) => section.questions)
    .find((question) => question.id === rule.question);
  // A hidden controller counts as unanswered, so chains of conditions collapse as people expect.
  if (!controller || !isVisible(controller, answers, form)) return false;
  const value = answers[rule.question];
  if (value === undefined) return false;
  if (rule.answered) return Array.isArray(value) ? value.length > 0 : value !== '';
  const wanted: ReadonlyArray<string | number | boolean> =
    rule.equals !== undefined ? [rule.equals] : (rule.in ?? []);
  if (Array.isArray(value)) return value.some((item) => wanted.includes(item));
  return wanted.includes(value);
}

/** Drops answers to questions that are hidden by their conditions. */
export function dropHiddenAnswers(form: FormDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of form.sections.flatMap((section) => section.questions)) {
    const value = answers[question.id];
    if (value !== undefined && isVisible(question, answers, form)) kept[question.id] = value;
  }
  return kept;
}
