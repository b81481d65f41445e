import {
  aftercarePlan,
  amsterdamDate,
  dueAftercareReminders,
  type ReminderIntent,
  type Template,
  type Traject,
  type TrajectStatus,
  templateOf,
} from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import type { LifecycleSettings } from './views.js';

/** Trajects that ended without a borgingssessie get no nazorggesprek. */
const NO_AFTERCARE: ReadonlySet<TrajectStatus> = new Set([
  'aangemeld',
  'geannuleerd',
  'afgewezen',
  'tussentijds-gestopt',
]);

/**
 * The nazorggesprek's reminders for the dispatcher (`ReminderSourceDeps.extra`): for every traject that had
 * or will have a borgingssessie (closed ones included, aftercare comes after the end), the talk N months
 * later or as planned, reminded 14 days and 1 day before.
 */
export function createAftercareSource(
  store: Store,
  settings: LifecycleSettings,
): (now: Date) => Promise<Array<{ traject: Traject; template: Template; intents: ReminderIntent[] }>> {
  return async (now) => {
    const today = amsterdamDate(now);
    const lifecycle = lifecycleOf(store);
    const trajects = (await store.trajects.list({ kind: 'all' })).filter(
      (traject) => !NO_AFTERCARE.has(traject.status),
    );
    const out: Array<{ traject: Traject; template: Template; intents: ReminderIntent[] }> = [];
    for (const traject of trajects) {
      const template = templateOf(traject);
      if (!template) continue;
      const plan = aftercarePlan(traject, template, {
        today,
        months: settings.nazorgMonths,
        ...(settings.calendar ? { calendar: settings.calendar } : {}),
        extraSessions: await lifecycle.listExtraSessions(traject.id),
        formAnswers: await lifecycle.listFormAnswers(traject.id),
      });
      if (!plan.nazorggesprek) continue;
      const intents = dueAftercareReminders([{ traject, nazorggesprek: plan.nazorggesprek.date }], now);
      if (intents.length > 0) out.push({ traject, template, intents });
    }
    return out;
  };
}
