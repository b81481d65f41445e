import {
  checklistItemsCompletedBy,
  defaultVitBank,
  isDossierForm,
  respondentOf,
  type Traject,
  templateOf,
  vitSubmissionFromForm,
} from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';

/** A stored form submission on its way to the traject. */
export interface SubmittedForm {
  formId: string;
  trajectId: string;
  /** Who answered: the signed link's subject (an e-mail or participant id). */
  subject?: string;
  answers: Record<string, unknown>;
  submissionId: string;
  submittedAt: string;
}

export type FormOutcome = 'vit' | 'dossier' | 'none';

/**
 * Where a form's answers go after they are stored (any surface: the HTML form, Teams, Slack): the VIT
 * answers become the traject's VIT (profile and priorities follow), evaluatie and nazorg land on the dossier
 * as that person's current answers. A resubmission by the same person replaces theirs, with an audit entry.
 */
export async function applyFormSubmission(store: Store, form: SubmittedForm): Promise<FormOutcome> {
  const actor = form.subject ? `formulier:${form.subject}` : 'formulier';
  if (form.formId === 'vit') {
    const respondent = respondentOf(form.subject);
    const current: Traject = await store.trajects.get(form.trajectId, { kind: 'all' });
    const submission = vitSubmissionFromForm(defaultVitBank, form.answers, {
      submittedAt: form.submittedAt,
      submittedBy: respondent,
    });
    await store.trajects.submitVit(form.trajectId, submission, { actor });
    // Submitting the VIT is doing "VIT invullen": the item is ticked by whoever answered.
    const template = templateOf(current);
    const itemIds = new Set(
      template?.phases.flatMap((phase) => phase.checklist.map((item) => item.id)) ?? [],
    );
    for (const itemId of checklistItemsCompletedBy('vit', current, itemIds)) {
      await store.trajects.setChecklistItem(
        form.trajectId,
        { itemId, done: true, by: respondent, at: form.submittedAt },
        { actor },
      );
    }
    if (current.vit?.submittedBy === respondent) {
      // The earlier answers stay in the store's VIT history; the traject now follows the new ones.
      await store.audit.append({
        actor,
        action: 'form.answers.replace',
        trajectId: form.trajectId,
        detail: { formId: 'vit', submissionId: form.submissionId },
      });
    }
    return 'vit';
  }
  if (isDossierForm(form.formId)) {
    if (form.formId === 'nazorg') await lessonFromNazorg(store, form, actor);
    await lifecycleOf(store).recordFormAnswers(
      {
        trajectId: form.trajectId,
        formId: form.formId,
        respondent: respondentOf(form.subject),
        answers: form.answers,
        submissionId: form.submissionId,
        submittedAt: form.submittedAt,
      },
      actor,
    );
    return 'dossier';
  }
  return 'none';
}

/** Where a lesson from the nazorg form says it came from (the page shows it as its source). */
export const NAZORG_LESSON_SOURCE = 'Nazorgformulier';

/**
 * The nazorg form's "Welke les wilt u delen?" becomes a lesson of the traject that waits for the VNG team's
 * approval; shared only with the gemeente's consent. The same text sent again is the same lesson.
 */
async function lessonFromNazorg(store: Store, form: SubmittedForm, actor: string): Promise<void> {
  const text = typeof form.answers.les === 'string' ? form.answers.les.trim() : '';
  if (text.length < 3) return;
  const lifecycle = lifecycleOf(store);
  const known = await lifecycle.listLessons();
  if (known.some((lesson) => lesson.trajectId === form.trajectId && lesson.body === text.slice(0, 5000)))
    return;
  const traject = await store.trajects.get(form.trajectId, { kind: 'all' });
  const gemeente = traject.gemeenten.map((g) => g.name).join(', ');
  await lifecycle.addLesson(
    {
      theme: traject.themes[0] ?? 'inwoner-centraal',
      kind: 'les',
      trajectId: form.trajectId,
      title: `Les uit de nazorg van ${gemeente}`.slice(0, 200),
      body: text.slice(0, 5000),
      shared: form.answers['delen-toestemming'] === true,
      source: NAZORG_LESSON_SOURCE,
      approval: 'wacht',
    },
    actor,
  );
}
