import {
  checklistItemsCompletedBy,
  defaultVitBank,
  isDossierForm,
  lessonFromNazorgAnswers,
  respondentOf,
  type Traject,
  templateOf,
  trajectName,
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
    if (form.formId === 'nazorg') await offerLesson(store, form, actor);
    return 'dossier';
  }
  return 'none';
}

/**
 * A lesson given in the nazorg form with consent to share goes to the VNG team's approval queue (status
 * `ter-goedkeuring`); once published it is in the library for other gemeenten. The same submission offers it
 * once: a form delivered again (a retry, a resubmission with the same text) finds its lesson already there.
 */
async function offerLesson(store: Store, form: SubmittedForm, actor: string): Promise<void> {
  const traject: Traject = await store.trajects.get(form.trajectId, { kind: 'all' });
  const input = lessonFromNazorgAnswers(
    { id: traject.id, themes: traject.themes, name: trajectName(traject) },
    form.answers,
  );
  if (!input) return;
  const lifecycle = lifecycleOf(store);
  const offered = (await lifecycle.listLessons()).some(
    (lesson) => lesson.trajectId === traject.id && lesson.body === input.body,
  );
  if (offered) return;
  await lifecycle.addLesson(input, actor);
}
