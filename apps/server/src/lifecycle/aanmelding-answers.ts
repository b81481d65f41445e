import { getBuiltInTemplate } from '@visieleren/core';
import { aanmeldingForm, answerLabel, type Question } from '@visieleren/forms';

export interface AnsweredSection {
  id: string;
  title: string;
  /** Every question of the section in form order; `answer` undefined when left empty. */
  questions: Array<{ id: string; label: string; answer?: string }>;
}

/** An answer as the applicant gave it, in the words of the form (Ja/Nee, option labels). */
function answerText(question: Question, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value))
    return value.map((item) => answerLabel(question, item as string, 'nl')).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return answerLabel(question, value, 'nl');
  }
  return JSON.stringify(value);
}

/**
 * The whole aanmelding form with every answer, section by section, as the gemeente filled it in: the console
 * renders it as HTML, `visieleren aanmeldingen show` as text.
 */
export function aanmeldingAnswers(answers: Record<string, unknown>): AnsweredSection[] {
  const form = aanmeldingForm(getBuiltInTemplate('visieleertraject'));
  return form.sections.map((section) => ({
    id: section.id,
    title: section.title.nl,
    questions: section.questions.map((question) => {
      const answer = answerText(question, answers[question.id]);
      return { id: question.id, label: question.label.nl, ...(answer === undefined ? {} : { answer }) };
    }),
  }));
}
