import { ValidationError } from '../errors.js';
import type { IsoDate } from '../model/vocabulary.js';
import { addDays, isIsoDate, isWeekend } from './dates.js';
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
  const extraClosed = new Set<IsoDate>();
  (options.extraClosedDays ?? []).forEach((date, index) => {
    if (!isIsoDate(date)) {
      throw new ValidationError(
        `Ongeldige gesloten dag bij extraClosedDays.${index}: ${JSON.stringify(date)}.`,
        [{ path: `extraClosedDays.${index}`, message: 'verwacht een datum als JJJJ-MM-DD' }],
      );
    }
    extraClosed.add(date);
  });
  const holidaysByYear = new Map<number, Map<IsoDate, PublicHoliday>>();

  const holidayOn = (date: IsoDate): PublicHoliday | undefined => {
    const year = Number(date.slice(0, 4));
    let byDate = holidaysByYear.get(year);
    if (!byDate) {
      byDate = new Map();
      for (const holiday of dutchPublicHolidays(year, { goodFriday: options.goodFriday ?? false })) {
        if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
      }
      holidaysByYear.set(year, byDate);
    }
    return byDate.get(date);
  };

  const closedReason = (date: IsoDate): ClosedDay | undefined => {
    const holiday = holidayOn(date);
    if (holiday) return { date, reason: 'holiday', holiday };
    if (isWeekend(date)) return { date, reason: 'weekend' };
    if (extraClosed.has(date)) return { date, reason: 'closed' };
    return undefined;
  };
  const isWorkingDay = (date: IsoDate) => closedReason(date) === undefined;

  const step = (date: IsoDate, direction: 1 | -1): IsoDate => {
    let current = date;
    for (let guard = 0; guard < MAX_CLOSED_RUN; guard++) {
      current = addDays(current, direction);
      if (isWorkingDay(current)) return current;
    }
    throw new ValidationError(
      `Geen werkdag gevonden binnen een jaar vanaf ${date}: controleer de gesloten dagen.`,
    );
  };

  const calendar: WorkingCalendar = {
    options: { ...options },
    isWorkingDay,
    closedReason,
    holidayOn,
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : step(date, 1)),
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : step(date, -1)),
    nextWorkingDay: (date) => step(date, 1),
    addWorkingDays(date, count) {
      let current = date;
      const direction = count < 0 ? -1 : 1;
      for (let moved = 0; moved < Math.abs(count); moved++) current = step(current, direction);
      return current;
    },
    countWorkingDays(from, to) {
      let count = 0;
      for (let current = from; current <= to; current = addDays(current, 1))
        if (isWorkingDay(current)) count++;
      return count;
    },
  };
  return calendar;
}

/** The default calendar of a gemeente: weekends and Dutch public holidays (5 May included) closed. */
export const defaultWorkingCalendar: WorkingCalendar = createWorkingCalendar();
