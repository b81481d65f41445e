import type { LocalizedText } from '../i18n/index.js';
import type { IsoDate } from '../model/vocabulary.js';
import { addDays, isoWeekday } from './dates.js';

export type HolidayKey =
  | 'nieuwjaarsdag'
  | 'goede-vrijdag'
  | 'eerste-paasdag'
  | 'tweede-paasdag'
  | 'koningsdag'
  | 'bevrijdingsdag'
  | 'hemelvaartsdag'
  | 'eerste-pinksterdag'
  | 'tweede-pinksterdag'
  | 'eerste-kerstdag'
  | 'tweede-kerstdag';

export interface PublicHoliday {
  key: HolidayKey;
  date: IsoDate;
  name: LocalizedText;
}

export interface HolidayOptions {
  /** Goede Vrijdag: many gemeenten close, not all, so it is opt-in. */
  goodFriday?: boolean;
}

const NAMES: Record<HolidayKey, LocalizedText> = {
  nieuwjaarsdag: { nl: 'Nieuwjaarsdag', en: "New Year's Day" },
  'goede-vrijdag': { nl: 'Goede Vrijdag', en: 'Good Friday' },
  'eerste-paasdag': { nl: 'Eerste Paasdag', en: 'Easter Sunday' },
  'tweede-paasdag': { nl: 'Tweede Paasdag', en: 'Easter Monday' },
  koningsdag: { nl: 'Koningsdag', en: "King's Day" },
  bevrijdingsdag: { nl: 'Bevrijdingsdag', en: 'Liberation Day' },
  hemelvaartsdag: { nl: 'Hemelvaartsdag', en: 'Ascension Day' },
  'eerste-pinksterdag': { nl: 'Eerste Pinksterdag', en: 'Whit Sunday' },
  'tweede-pinksterdag': { nl: 'Tweede Pinksterdag', en: 'Whit Monday' },
  'eerste-kerstdag': { nl: 'Eerste Kerstdag', en: 'Christmas Day' },
  'tweede-kerstdag': { nl: 'Tweede Kerstdag', en: 'Boxing Day' },
};

const pad = (value: number) => String(value).padStart(2, '0');

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm), valid for every year from 1583. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Koningsdag is 27 April, or Saturday 26 April when the 27th is a Sunday (Wet viering Koningsdag). */
export function koningsdag(year: number): IsoDate {
  const april27 = `${year}-04-27`;
  return isoWeekday(april27) === 7 ? `${year}-04-26` : april27;
}

/**
 * The Dutch public holidays of a year, in date order, including those on a Sunday (Eerste Paas- and
 * Pinksterdag) so a calendar can show them. Bevrijdingsdag counts every year: for gemeenten it is a paid
 * day off each year (Cao Gemeenten), not only in lustrum years as in many other sectors.
 */
export function dutchPublicHolidays(year: number, options: HolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const entries: Array<[HolidayKey, IsoDate]> = [
    ['nieuwjaarsdag', `${year}-01-01`],
    ['eerste-paasdag', easter],
    ['tweede-paasdag', addDays(easter, 1)],
    ['koningsdag', koningsdag(year)],
    ['bevrijdingsdag', `${year}-05-05`],
    ['hemelvaartsdag', addDays(easter, 39)],
    ['eerste-pinksterdag', addDays(easter, 49)],
    ['tweede-pinksterdag', addDays(easter, 50)],
    ['eerste-kerstdag', `${year}-12-25`],
    ['tweede-kerstdag', `${year}-12-26`],
  ];
  if (options.goodFriday) entries.push(['goede-vrijdag', addDays(easter, -2)]);
  return entries
    .map(([key, date]) => ({ key, date, name: NAMES[key] }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
