import {
  acceptAanmelding,
  amsterdamDate,
  type Clock,
  declineAanmelding,
  getBuiltInTemplate,
  type IsoDate,
  type Region,
  trajectFromAanmelding,
} from '@visieleren/core';
import { lifecycleOf, type Store, type StoredTraject, type UpdateOptions } from '@visieleren/store';
import { newTrajectId, withFullChecklist } from '../domain.js';

/**
 * An aanmelding from any surface → a traject in status `aangemeld`, its intake, and the form submission on
 * the traject's dossier. Returns the stored traject.
 */
export async function submitAanmelding(
  store: Store,
  answers: Record<string, unknown>,
  options: { clock: Clock; surface: string; templateKey?: string; actor?: string },
): Promise<StoredTraject> {
  const actor = options.actor ?? 'formulier:aanmelding';
  const template = getBuiltInTemplate(options.templateKey ?? 'visieleertraject');
  const now = options.clock.now();
  const submittedOn = amsterdamDate(now);
  const gemeente = typeof answers.gemeente === 'string' ? answers.gemeente : 'aanmelding';
  const { traject, intake } = trajectFromAanmelding(answers, {
    id: newTrajectId(gemeente, submittedOn),
    submittedOn,
    template,
  });
  const lifecycle = lifecycleOf(store);
  const stored = await lifecycle.createFromAanmelding(
    withFullChecklist(traject, template),
    intake,
    { submittedAt: now.toISOString() },
    actor,
  );
  await store.formSubmissions.save(
    {
      formId: 'aanmelding',
      trajectId: stored.id,
      answers,
      surface: options.surface,
      subject: intake.contact.email,
      submittedAt: now.toISOString(),
    },
    actor,
  );
  return stored;
}

/** The VNG team accepts an aanmelding: the template's plan from the start date, status lopend. */
export async function acceptStoredAanmelding(
  store: Store,
  trajectId: string,
  decision: { templateKey: string; startDate: IsoDate; region?: Region },
  options: UpdateOptions,
): Promise<StoredTraject> {
  const current = await store.trajects.get(trajectId, options.scope ?? { kind: 'all' });
  const template = getBuiltInTemplate(decision.templateKey);
  const accepted = acceptAanmelding(current, {
    template,
    start: decision.startDate,
    ...(decision.region ? { region: decision.region } : {}),
  });
  return lifecycleOf(store).accept(withFullChecklist(accepted, template), {
    ...options,
    expectedRevision: options.expectedRevision ?? current.revision,
  });
}

/** The VNG team declines, with a reason (core checks it); everything submitted stays. */
export async function declineStoredAanmelding(
  store: Store,
  trajectId: string,
  reason: string,
  options: UpdateOptions,
): Promise<StoredTraject> {
  const current = await store.trajects.get(trajectId, options.scope ?? { kind: 'all' });
  const decided = declineAanmelding(current, reason);
  return lifecycleOf(store).decline(trajectId, decided.reason, options);
}
