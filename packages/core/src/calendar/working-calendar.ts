import { ValidationError } from '../errors.js';
import type { IsoDate } from '../model/vocabulary.js';
import { dayNumberFromParts, fromDayNumber, isIsoDate, toDayNumber } from './dates.js';
import { dutchPublicHolidays, type PublicHoliday } from './holidays.js';

export interface WorkingCalendarOptions {
  /** Close on Goede Vrijdag too (opt-in: not every gemeente does). */
  goodFriday?: boolean;
  /** Extra closed days of this gemeente or team, e.g. a collective day off between Christmas and New Year. */
  extraClosedDays?: readonly IsoDate[];
}

export interface ClosedDay {
  date: IsoDate;
  reason: 'weekend' | 'holiday' | 'closed';
  holiday?: PublicHoliday;
}

/** Which days people work: weekdays minus Dutch public holidays (5 May included) minus extra closed days. */
export interface WorkingCalendar {
  readonly options: Readonly<WorkingCalendarOptions>;
  isWorkingDay(date: IsoDate): boolean;
  /** Why a day is not a working day, or undefined when it is one. */
  closedReason(date: IsoDate): ClosedDay | undefined;
  /** The public holiday on this date, if any. */
  holidayOn(date: IsoDate): PublicHoliday | undefined;
  /** `date` itself when it is a working day, otherwise the next working day. */
  workingDayOnOrAfter(date: IsoDate): IsoDate;
  /** `date` itself when it is a working day, otherwise the previous working day. */
  workingDayOnOrBefore(date: IsoDate): IsoDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** Moves `count` working days from `date` (backwards when negative); 0 returns `date` unchanged. */
  addWorkingDays(date: IsoDate, count: number): IsoDate;
  /** Working days in the inclusive range from `from` to `to` (0 when `to` is before `from`). */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
}

// A calendar never runs more than this many closed days in a row; guards loops against bad settings.
const MAX_CLOSED_RUN = 366;

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const extraClosed = new Set<number>();
  (options.extraClosedDays ?? []).forEach((date, index) => {
    if (!isIsoDate(date)) {
      throw new ValidationError(
        `Ongeldige gesloten dag bij extraClosedDays.${index}: ${JSON.stringify(date)}.`,
        [{ path: `extraClosedDays.${index}`, message: 'verwacht een datum als JJJJ-MM-DD' }],
      );
    }
    extraClosed.add(toDayNumber(date));
  });

  // Holidays by day number, loaded a whole year at a time as dates are asked for.
  const holidays = new Map<number, PublicHoliday>();
  const loadedYears = new Set<number>();
  const loadYear = (year: number) => {
    if (loadedYears.has(year)) return;
    loadedYears.add(year);
    for (const holiday of dutchPublicHolidays(year, { goodFriday: options.goodFriday ?? false })) {
      const day = toDayNumber(holiday.date);
      if (!holidays.has(day)) holidays.set(day, holiday);
    }
  };
  // Day numbers of 1 January of the years loaded so far let the hot path skip the year computation.
  let loadedFrom = Number.POSITIVE_INFINITY;
  let loadedTo = Number.NEGATIVE_INFINITY;
  const ensureLoaded = (day: number) => {
    if (day >= loadedFrom && day < loadedTo) return;
    const year = Number(fromDayNumber(day).slice(0, 4));
    loadYear(year);
    // Keep a contiguous range so the bounds stay meaningful.
    const firstYear = Number.isFinite(loadedFrom)
      ? Math.min(year, Number(fromDayNumber(loadedFrom).slice(0, 4)))
      : year;
    const lastYear = Number.isFinite(loadedTo)
      ? Math.max(year, Number(fromDayNumber(loadedTo - 1).slice(0, 4)))
      : year;
    for (let y = firstYear; y <= lastYear; y++) loadYear(y);
    loadedFrom = dayNumberFromParts(firstYear, 1, 1);
    loadedTo = dayNumberFromParts(lastYear + 1, 1, 1);
  };

  const holidayOnDay = (day: number): PublicHoliday | undefined => {
    ensureLoaded(day);
    return holidays.get(day);
  };
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays, 5 and 6 at the weekend.
  const isWeekendDay = (day: number) => (((day + 3) % 7) + 7) % 7 >= 5;
  const isWorkingDayNumber = (day: number) =>
    !isWeekendDay(day) && !extraClosed.has(day) && holidayOnDay(day) === undefined;

  const step = (day: number, direction: 1 | -1): number => {
    let current = day;
    for (let guard = 0; guard < MAX_CLOSED_RUN; guard++) {
      current += direction;
      if (isWorkingDayNumber(current)) return current;
    }
    throw new ValidationError(
      `Geen werkdag gevonden binnen een jaar vanaf ${fromDayNumber(day)}: controleer de gesloten dagen.`,
    );
  };

  const closedReason = (date: IsoDate): ClosedDay | undefined => {
    const day = toDayNumber(date);
    const holiday = holidayOnDay(day);
    if (holiday) return { date, reason: 'holiday', holiday };
    if (isWeekendDay(day)) return { date, reason: 'weekend' };
    if (extraClosed.has(day)) return { date, reason: 'closed' };
    return undefined;
  };

  return {
    options: { ...options },
    isWorkingDay: (date) => isWorkingDayNumber(toDayNumber(date)),
    closedReason,
    holidayOn: (date) => holidayOnDay(toDayNumber(date)),
    workingDayOnOrAfter(date) {
      const day = toDayNumber(date);
      return isWorkingDayNumber(day) ? date : fromDayNumber(step(day, 1));
    },
    workingDayOnOrBefore(date) {
      const day = toDayNumber(date);
      return isWorkingDayNumber(day) ? date : fromDayNumber(step(day, -1));
    },
    nextWorkingDay: (date) => fromDayNumber(step(toDayNumber(date), 1)),
    addWorkingDays(date, count) {
      let current = toDayNumber(date);
      const direction = count < 0 ? -1 : 1;
      for (let moved = 0; moved < Math.abs(count); moved++) current = step(current, direction);
      return count === 0 ? date : fromDayNumber(current);
    },
    countWorkingDays(from, to) {
      let count = 0;
      for (let day = toDayNumber(from), last = toDayNumber(to); day <= last; day++) {
        if (isWorkingDayNumber(day)) count++;
      }
      return count;
    },
  };
}

/** The default calendar of a gemeente: weekends and Dutch public holidays (5 May included) closed. */
export const defaultWorkingCalendar: WorkingCalendar = createWorkingCalendar();
