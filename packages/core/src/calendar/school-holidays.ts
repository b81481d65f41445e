import type { IsoDate, Region } from '../model/vocabulary.js';
import { addDays, isIsoDate } from './dates.js';
import { toAmsterdam } from './timezone.js';

/**
 * School holidays in the Rijksoverheid open-data format (one JSON document per schooljaar, or the list
 * endpoint's array of them): `content[].vacations[]` with `type`, `compulsorydates` and
 * `regions[] { region: noord|midden|zuid|heel Nederland, startdate, enddate }`.
 * We ship no dates: the user downloads the official file; tests use a synthetic fixture.
 */

export type SchoolHolidayRegion = Region | 'heel-nederland';

export interface SchoolHolidayPeriod {
  /** As published, e.g. "Herfstvakantie". */
  name: string;
  region: SchoolHolidayRegion;
  /** First and last day off, both included, as calendar days in Europe/Amsterdam. */
  start: IsoDate;
  end: IsoDate;
  /** False for advised dates (e.g. the meivakantie beyond the fixed week). */
  compulsory: boolean;
  schoolYear?: string;
}

const UTC_DATE_LABEL = /T(00:00:00(\.0+)?|23:59(:59(\.\d+)?)?)(Z|[+-]00:?00)$/;

/**
 * Reads one boundary of a holiday as an Amsterdam calendar day. The published instants mix conventions, so
 * naive `toISOString().slice(0, 10)` is off by one for some of them:
 * - `2026-10-10T00:00:00.000Z` or `…T23:59:00Z`: a date written as a UTC label; the label is the day.
 * - `2026-10-09T22:00:00.000Z`: Amsterdam midnight (CEST) of 10 October; as a start that is the day.
 * - `2026-10-18T21:59:00.000Z`: 23:59 in Amsterdam on the 18th: the last day.
 * - an end exactly at Amsterdam midnight (`…T23:00:00Z` in winter) is exclusive: the day before is the last.
 * - plain `YYYY-MM-DD` is taken as is.
 */
export function holidayBoundaryToDate(value: string, boundary: 'start' | 'end'): IsoDate | undefined {
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
  if (!hasOffset) {
    // A local date-time without offset is an Amsterdam wall-clock time already.
    const date = trimmed.slice(0, 10);
    return isIsoDate(date) ? date : undefined;
  }
  const instant = new Date(trimmed);
  if (Number.isNaN(instant.getTime())) return undefined;
  if (UTC_DATE_LABEL.test(trimmed)) return instant.toISOString().slice(0, 10);
  const local = toAmsterdam(instant);
  if (boundary === 'end' && local.time === '00:00:00') return addDays(local.date, -1);
  return local.date;
}

/** The periods that apply to a region: its own plus those for heel Nederland. */
export function schoolHolidaysForRegion(
  periods: readonly SchoolHolidayPeriod[],
  region: Region,
): SchoolHolidayPeriod[] {
  return periods.filter((period) => period.region === region || period.region === 'heel-nederland');
}

/** The school holiday of the region on this date, if any. */
export function schoolHolidayOn(
  periods: readonly SchoolHolidayPeriod[],
  region: Region,
  date: IsoDate,
): SchoolHolidayPeriod | undefined {
  return periods.find(
    (period) =>
      (period.region === region || period.region === 'heel-nederland') &&
      period.start <= date &&
      date <= period.end,
  );
}
