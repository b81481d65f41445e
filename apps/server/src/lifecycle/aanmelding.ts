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

/**
 * The VNG team accepts an aanmelding: the template's plan from the start date, status lopend; the people it
 * names become participants and the checklist items it answered are ticked (core's acceptAanmelding).
 */
export async function acceptStoredAanmelding(
  store: Store,
  trajectId: string,
  decision: { templateKey: string; startDate: IsoDate; region?: Region },
  options: UpdateOptions,
): Promise<StoredTraject> {
  const current = await store.trajects.get(trajectId, options.scope ?? { kind: 'all' });
  const template = getBuiltInTemplate(decision.templateKey);
  const intake = await lifecycleOf(store).getIntake(trajectId);
  const accepted = acceptAanmelding(current, {
    template,
    start: decision.startDate,
    ...(decision.region ? { region: decision.region } : {}),
    ...(intake ? { answers: intake.answers } : {}),
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

/** A besluit on an aanmelding, as the API, the console and the CLI give it. */
export type AanmeldingBesluit =
  | { besluit: 'accepteren'; templateKey: string; startDate: IsoDate; region?: Region }
  | { besluit: 'afwijzen'; reden: string };

/**
 * The one way every surface (API, console, CLI) decides an aanmelding. Who may decide and which transitions
 * exist is core's (`acceptAanmelding`/`declineAanmelding`); when core gets a status machine for trajects this
 * is the one place to route through it.
 */
export function decideAanmelding(
  store: Store,
  trajectId: string,
  besluit: AanmeldingBesluit,
  options: UpdateOptions,
): Promise<StoredTraject> {
  if (besluit.besluit === 'afwijzen')
    return declineStoredAanmelding(store, trajectId, besluit.reden, options);
  const { besluit: _kind, ...decision } = besluit;
  return acceptStoredAanmelding(store, trajectId, decision, options);
}
