import { addDays } from '../calendar/dates.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { IsoDate } from '../model/vocabulary.js';

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
