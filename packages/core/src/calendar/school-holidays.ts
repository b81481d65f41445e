import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors.js';
import type { IsoDate, Region } from '../model/vocabulary.js';
import { parseWith } from '../validation.js';
import { addDays, isIsoDate } from './dates.js';
import { toAmsterdam } from './timezone.js';

/**
 * School holidays in the Rijksoverheid open-data format (one JSON document per schooljaar, or the list
 * endpoint's array of them): `content[].vacations[]` with `type`, `compulsorydates` and
 * `regions[] { region: noord|midden|zuid|heel Nederland, startdate, enddate }`.
 * We ship no dates: the user downloads the official file; tests use a synthetic fixture.
 */
const regionNameSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['noord', 'midden', 'zuid', 'heel nederland']));

const regionPeriodSchema = z.object({
  region: regionNameSchema,
  startdate: z.string().min(1),
  enddate: z.string().min(1),
});

const vacationSchema = z.object({
  type: z.string().trim().min(1),
  compulsorydates: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  regions: z.array(regionPeriodSchema).min(1),
});

const schoolYearDocumentSchema = z.object({
  notice: z.string().nullish(),
  content: z
    .array(
      z.object({
        schoolyear: z.string().trim().optional(),
        vacations: z.array(vacationSchema),
      }),
    )
    .min(1),
});

const schoolYearListSchema = z.array(schoolYearDocumentSchema).min(1);

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

/** Parses a downloaded Rijksoverheid file into holiday periods; errors name the bad field in Dutch. */
export function parseSchoolHolidays(
  input: unknown,
  source = 'Het schoolvakantiebestand',
): SchoolHolidayPeriod[] {
  // Choose the shape first: a zod union would hide the path of the bad field behind "ongeldige invoer".
  const parsed = Array.isArray(input)
    ? parseWith(schoolYearListSchema, input, source)
    : parseWith(schoolYearDocumentSchema, input, source);
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  const prefix = (documentIndex: number) => (Array.isArray(parsed) ? `${documentIndex}.` : '');
  const periods: SchoolHolidayPeriod[] = [];
  const issues: FieldIssue[] = [];

  documents.forEach((document, documentIndex) => {
    document.content.forEach((content, contentIndex) => {
      content.vacations.forEach((vacation, vacationIndex) => {
        vacation.regions.forEach((period, regionIndex) => {
          const path = `${prefix(documentIndex)}content.${contentIndex}.vacations.${vacationIndex}.regions.${regionIndex}`;
          const start = holidayBoundaryToDate(period.startdate, 'start');
          const end = holidayBoundaryToDate(period.enddate, 'end');
          if (!start)
            issues.push({ path: `${path}.startdate`, message: 'verwacht een datum of tijdstip (ISO 8601)' });
          if (!end)
            issues.push({ path: `${path}.enddate`, message: 'verwacht een datum of tijdstip (ISO 8601)' });
          if (!start || !end) return;
          if (end < start) {
            issues.push({
              path: `${path}.enddate`,
              message: `einddatum ${end} ligt voor begindatum ${start}`,
            });
            return;
          }
          periods.push({
            name: vacation.type,
            region: period.region === 'heel nederland' ? 'heel-nederland' : period.region,
            start,
            end,
            compulsory:
              vacation.compulsorydates === undefined ? true : String(vacation.compulsorydates) === 'true',
            ...(content.schoolyear ? { schoolYear: content.schoolyear } : {}),
          });
        });
      });
    });
  });

  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new ValidationError([`${source} is ongeldig:`, ...lines].join('\n'), issues);
  }
  return periods.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.region < b.region ? -1 : 1,
  );
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
