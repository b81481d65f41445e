import type { VitSubmission } from '../model/traject.js';
import { VIT_NO, VIT_YES, type VitBank } from '../vit/schema.js';

/** Who answered a form about a traject: the link's subject (an e-mail is normalised), or "anoniem". */
export function respondentOf(subject: string | undefined): string {
  const trimmed = subject?.trim();
  if (!trimmed) return 'anoniem';
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed;
}

/** Forms whose answers land on the traject's dossier, one current set per person. */
export const DOSSIER_FORMS = ['evaluatie', 'nazorg'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];
export function isDossierForm(formId: string): formId is DossierForm {
  return (DOSSIER_FORMS as readonly string[]).includes(formId);
}

/**
 * Checklist items a submitted form completes: the VIT form is "Het Verkenningsinstrument Toegang (VIT)
 * invullen". Ticked only when the traject's template has the item and it is still open.
 */
export const ITEMS_COMPLETED_BY_FORM: Readonly<Record<string, readonly string[]>> = { vit: ['vit-invullen'] };

export function checklistItemsCompletedBy(
  formId: string,
  traject: { checklist: ReadonlyArray<{ itemId: string; done: boolean }> },
  templateItemIds: ReadonlySet<string>,
): string[] {
  const done = new Set(traject.checklist.filter((item) => item.done).map((item) => item.itemId));
  return (ITEMS_COMPLETED_BY_FORM[formId] ?? []).filter((id) => templateItemIds.has(id) && !done.has(id));
}

/**
 * The VIT form's answers (any surface: numbers for scales, booleans for yes-no, text) as the traject's VIT
 * submission for this bank. Answers to questions the bank does not have are left out.
 */
export function vitSubmissionFromForm(
  bank: Pick<VitBank, 'id' | 'version' | 'uitgangspunten'>,
  answers: Record<string, unknown>,
  meta: { submittedAt: string; submittedBy?: string },
): VitSubmission {
  const known = new Set(bank.uitgangspunten.flatMap((u) => u.questions.map((question) => question.id)));
  const converted: VitSubmission['answers'] = {};
  for (const [id, value] of Object.entries(answers)) {
    if (!known.has(id)) continue;
    if (typeof value === 'boolean') converted[id] = value ? VIT_YES : VIT_NO;
    else if (typeof value === 'number' || typeof value === 'string') converted[id] = value;
  }
  return {
    bankId: bank.id,
    bankVersion: bank.version,
    answers: converted,
    submittedAt: meta.submittedAt,
    ...(meta.submittedBy ? { submittedBy: meta.submittedBy } : {}),
  };
}
