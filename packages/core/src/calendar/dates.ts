import { ValidationError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { IsoDate } from '../model/vocabulary.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings. All arithmetic runs on UTC day numbers, so the machine's own time
 * zone can never shift a date (the classic `new Date('2027-01-11')` + local getters bug).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; throws a Dutch ValidationError otherwise. */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [, year, month, day] = match;
    const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
    // Date.UTC rolls 2027-02-30 over to March; a round trip catches it.
    if (fromDayNumber(time / MS_PER_DAY) === date) return time / MS_PER_DAY;
  }
  throw new ValidationError(
    `Ongeldige datum ${JSON.stringify(date)}: verwacht een bestaande datum als JJJJ-MM-DD.`,
    [{ path: '', message: 'verwacht een datum als JJJJ-MM-DD' }],
  );
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

export function mondayOfWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO 8601 week, e.g. `2027-W03`; the week belongs to the year of its Thursday. */
export function isoWeek(date: IsoDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week written as `2027-W03`. */
export function mondayOfIsoWeek(week: string): IsoDate {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) {
    throw new ValidationError(
      `Ongeldige week ${JSON.stringify(week)}: verwacht JJJJ-Www, bijvoorbeeld 2027-W03.`,
    );
  }
  const [, year, weekNumber] = match;
  // 4 January is always in week 1.
  const mondayOfWeekOne = mondayOfWeek(`${year}-01-04`);
  return addDays(mondayOfWeekOne, (Number(weekNumber) - 1) * 7);
}

/** Every date from `from` to `to`, both included. */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = toDayNumber(from), last = toDayNumber(to); day <= last; day++) days.push(fromDayNumber(day));
  return days;
}

const WEEKDAY_NAMES: Record<Lang, readonly string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTH_NAMES: Record<Lang, readonly string[]> = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** `maandag`, or `Monday`; a fixed table so output does not depend on the ICU data Node was built with. */
export function weekdayName(date: IsoDate, lang: Lang = 'nl'): string {
  return WEEKDAY_NAMES[lang][isoWeekday(date) - 1] ?? '';
}

/** `8 februari 2027` / `8 February 2027`. */
export function formatDate(date: IsoDate, lang: Lang = 'nl'): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTH_NAMES[lang][Number(month) - 1]} ${year}`;
}

/** `maandag 8 februari 2027` / `Monday 8 February 2027`. */
export function formatDateLong(date: IsoDate, lang: Lang = 'nl'): string {
  return `${weekdayName(date, lang)} ${formatDate(date, lang)}`;
}
