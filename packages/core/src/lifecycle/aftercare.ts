import { addDays } from '../calendar/dates.js';
import { amsterdamDate, amsterdamToUtc } from '../calendar/timezone.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { type Traject, trajectName } from '../model/traject.js';
import type { IsoDate } from '../model/vocabulary.js';
import { forecastTraject } from '../planner/forecast.js';
import type { ReminderIntent } from '../reminders/types.js';
import type { Template } from '../templates/schema.js';
import type { ExtraSession } from './extra-sessions.js';

/**
 * Months between the borgingssessie and the nazorggesprek. Seed 002 only says every gemeente gets "een
 * evaluerend nazorggesprek"; six months is OUR default (an interpretation), a setting of the server.
 */
export const DEFAULT_NAZORG_MONTHS = 6;

/** `date` plus whole calendar months; the 31st becomes the month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** The nazorggesprek: the first working day on or after N months past the borgingssessie (always after it). */
export function nazorgDate(
  borgingssessie: IsoDate,
  months: number = DEFAULT_NAZORG_MONTHS,
  calendar: WorkingCalendar = defaultWorkingCalendar,
): IsoDate {
  const target = addMonths(borgingssessie, Math.max(1, Math.trunc(months)));
  return calendar.workingDayOnOrAfter(target > borgingssessie ? target : addDays(borgingssessie, 1));
}

export interface AftercarePlan {
  borgingssessie?: IsoDate;
  evaluatie?: IsoDate;
  nazorggesprek?: { date: IsoDate; planned: boolean };
}

/**
 * The evaluatie (the template's session at the end of Borgen) and the nazorggesprek: a planned extra session
 * of that kind wins; otherwise N months after the borgingssessie as held or forecast.
 */
export function aftercarePlan(
  traject: Traject,
  template: Template,
  options: {
    today: IsoDate;
    months?: number;
    calendar?: WorkingCalendar;
    extraSessions?: readonly ExtraSession[];
  },
): AftercarePlan {
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const forecast = forecastTraject(template, traject, { today: options.today, calendar });
  const dateOf = (key: string) => forecast.sessions.find((session) => session.key === key)?.date;
  const borgingssessie = dateOf('borgingssessie');
  const evaluatie = dateOf('evaluatie');
  const planned = options.extraSessions?.find((session) => session.kind === 'nazorggesprek');
  const nazorggesprek = planned
    ? { date: planned.actualDate ?? planned.plannedDate, planned: true }
    : borgingssessie
      ? { date: nazorgDate(borgingssessie, options.months, calendar), planned: false }
      : undefined;
  return {
    ...(borgingssessie ? { borgingssessie } : {}),
    ...(evaluatie ? { evaluatie } : {}),
    ...(nazorggesprek ? { nazorggesprek } : {}),
  };
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
