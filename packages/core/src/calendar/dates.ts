import { ValidationError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { IsoDate } from '../model/vocabulary.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings. All arithmetic runs on UTC day numbers, so the machine's own time
 * zone can never shift a date (the classic `new Date('2027-01-11')` + local getters bug).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Day arithmetic without Date objects (H. Hinnant's civil-days algorithms): the planner and the reminders
 * call these millions of times, and a Date per call made them the bottleneck.
 */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Reads `count` digits at `from`; -1 when any is not a digit. Hand-rolled: this is the planner's hot path. */
function digits(value: string, from: number, count: number): number {
  let result = 0;
  for (let index = from; index < from + count; index++) {
    const code = value.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    result = result * 10 + code;
  }
  return result;
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; throws a Dutch ValidationError otherwise. */
export function toDayNumber(date: IsoDate): number {
  if (typeof date === 'string' && date.length === 10 && date[4] === '-' && date[7] === '-') {
    const year = digits(date, 0, 4);
    const month = digits(date, 5, 2);
    const day = digits(date, 8, 2);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return dayNumberFromParts(year, month, day);
    }
  }
  throw new ValidationError(
    `Ongeldige datum ${JSON.stringify(date)}: verwacht een bestaande datum als JJJJ-MM-DD.`,
    [{ path: '', message: 'verwacht een datum als JJJJ-MM-DD' }],
  );
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));

export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
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
