import { addDays } from '../calendar/dates.js';
import { amsterdamDate, amsterdamToUtc } from '../calendar/timezone.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { type Traject, trajectName } from '../model/traject.js';
import { ENDED_EARLY_STATUSES, type IsoDate } from '../model/vocabulary.js';
import { forecastTraject } from '../planner/forecast.js';
import type { ReminderIntent } from '../reminders/types.js';
import type { Template } from '../templates/schema.js';
import type { ExtraSession } from './extra-sessions.js';
import { addMonths, nazorgDate } from './nazorg-date.js';

export { addMonths, DEFAULT_NAZORG_MONTHS, nazorgDate } from './nazorg-date.js';

/** How the nazorggesprek got its date: planned as a session, asked for in a form, or computed. */
export type NazorgBasis = 'gepland' | 'voorkeur' | 'berekend';

export interface AftercarePlan {
  borgingssessie?: IsoDate;
  evaluatie?: IsoDate;
  nazorggesprek?: { date: IsoDate; planned: boolean; basis: NazorgBasis };
}

/** A preferred date for the nazorggesprek counts only this many months after the borgingssessie at most. */
export const NAZORG_PREFERENCE_MAX_MONTHS = 18;

/**
 * The questions in which a gemeente names a preferred date for the nazorggesprek: the nazorg form's
 * "Voorkeursdatum voor het nazorggesprek" and the evaluatie form's follow-up question.
 */
export const NAZORG_DATE_QUESTIONS: Readonly<Record<string, string>> = {
  nazorg: 'gesprek-datum',
  evaluatie: 'vervolg-nazorg-datum',
};

/** The latest preferred nazorg date given in the evaluatie or nazorg form (by submission time), if any. */
export function preferredNazorgDate(
  answers: ReadonlyArray<{ formId: string; answers: Record<string, unknown>; submittedAt: string }>,
): IsoDate | undefined {
  let latest: { date: IsoDate; at: string } | undefined;
  for (const record of answers) {
    const question = NAZORG_DATE_QUESTIONS[record.formId];
    const value = question ? record.answers[question] : undefined;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    if (!latest || record.submittedAt >= latest.at) latest = { date: value, at: record.submittedAt };
  }
  return latest?.date;
}

/**
 * A preferred date within bounds: after the borgingssessie and at most `NAZORG_PREFERENCE_MAX_MONTHS` after
 * it, moved to the first working day on or after it. Outside the bounds it does not count.
 */
export function boundedPreference(
  preferred: IsoDate,
  borgingssessie: IsoDate,
  calendar: WorkingCalendar = defaultWorkingCalendar,
): IsoDate | undefined {
  const day = calendar.workingDayOnOrAfter(preferred);
  if (day <= borgingssessie) return undefined;
  if (day > addMonths(borgingssessie, NAZORG_PREFERENCE_MAX_MONTHS)) return undefined;
  return day;
}

/**
 * The evaluatie (the template's session at the end of Borgen) and the nazorggesprek: a planned extra session
 * of that kind wins; then a preferred date the gemeente gave in the evaluatie or nazorg form (within bounds,
 * on a working day); otherwise N months after the borgingssessie as held or forecast. A traject that stopped
 * or was cancelled has no future, so no nazorggesprek; one known only as of a report never gets a
 * nazorggesprek dated on or before that report (what had not happened then cannot lie before it).
 */
export function aftercarePlan(
  traject: Traject,
  template: Template,
  options: {
    today: IsoDate;
    months?: number;
    calendar?: WorkingCalendar;
    extraSessions?: readonly ExtraSession[];
    /** The dossier's answers to the evaluatie and nazorg forms. */
    formAnswers?: ReadonlyArray<{ formId: string; answers: Record<string, unknown>; submittedAt: string }>;
  },
): AftercarePlan {
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const forecast = forecastTraject(template, traject, { today: options.today, calendar });
  const dateOf = (key: string) => forecast.sessions.find((session) => session.key === key)?.date;
  const borgingssessie = dateOf('borgingssessie');
  const evaluatie = dateOf('evaluatie');
  const dates = {
    ...(borgingssessie ? { borgingssessie } : {}),
    ...(evaluatie ? { evaluatie } : {}),
  };
  const planned = options.extraSessions?.find((session) => session.kind === 'nazorggesprek');
  if (planned)
    return {
      ...dates,
      nazorggesprek: { date: planned.actualDate ?? planned.plannedDate, planned: true, basis: 'gepland' },
    };
  if (!borgingssessie || ENDED_EARLY_STATUSES.has(traject.status)) return dates;
  const preferred = preferredNazorgDate(options.formAnswers ?? []);
  const chosen = preferred ? boundedPreference(preferred, borgingssessie, calendar) : undefined;
  if (chosen) return { ...dates, nazorggesprek: { date: chosen, planned: false, basis: 'voorkeur' } };
  let date = nazorgDate(borgingssessie, options.months, calendar);
  if (traject.asOf && date <= traject.asOf) date = calendar.nextWorkingDay(traject.asOf);
  return { ...dates, nazorggesprek: { date, planned: false, basis: 'berekend' } };
}

/** Days before the nazorggesprek that the VNG lead and the contact person are reminded. */
export const NAZORG_REMINDER_DAYS = [14, 1] as const;

/**
 * Reminders for the nazorggesprek (finished trajects included: aftercare comes after the end), exactly once
 * per traject, day and date via the key. Due at 09:00 Europe/Amsterdam, for a week.
 */
export function dueAftercareReminders(
  items: ReadonlyArray<{ traject: Traject; nazorggesprek: IsoDate }>,
  now: Date,
  lookbackMs = 7 * 86_400_000,
): ReminderIntent[] {
  const intents: ReminderIntent[] = [];
  const today = amsterdamDate(now);
  for (const { traject, nazorggesprek } of items) {
    if (traject.asOf && traject.asOf < today) continue;
    for (const daysBefore of NAZORG_REMINDER_DAYS) {
      const day = addDays(nazorggesprek, -daysBefore);
      const dueAt = amsterdamToUtc(day, '09:00');
      if (!(dueAt.getTime() <= now.getTime() && now.getTime() < dueAt.getTime() + lookbackMs)) continue;
      const occurrence = `nazorggesprek@${nazorggesprek}-${daysBefore}d`;
      const name = trajectName(traject);
      intents.push({
        key: `${traject.id}:nazorggesprek:${occurrence}`,
        trajectId: traject.id,
        ruleId: 'nazorggesprek',
        kind: 'session',
        occurrence,
        dueAt: dueAt.toISOString(),
        audience: ['vng-lead', 'ambtelijk-contactpersoon'],
        message: {
          nl: `Over ${daysBefore === 1 ? 'één dag' : `${daysBefore} dagen`} is het nazorggesprek van ${name} (${nazorggesprek}).`,
          en: `The aftercare conversation of ${name} is in ${daysBefore === 1 ? 'one day' : `${daysBefore} days`} (${nazorggesprek}).`,
        },
        subject: { sessionKey: 'nazorggesprek', date: nazorggesprek },
      });
    }
  }
  return intents;
}
