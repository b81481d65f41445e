import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors.js';
import { parseWith } from '../validation.js';
import { holidayBoundaryToDate, type SchoolHolidayPeriod } from './school-holidays.js';

// Reading the Rijksoverheid file needs zod; planning with its periods (school-holidays.ts) does not.
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
