import { addDays, isoWeek, maxDate, minDate, mondayOfWeek } from '../calendar/dates.js';
import { ValidationError } from '../errors.js';
import type { LocalizedText } from '../i18n/index.js';
import type { Traject } from '../model/traject.js';
import type { IsoDate, Role } from '../model/vocabulary.js';
import { isoDateSchema } from '../model/vocabulary-schemas.js';
import type { Template } from '../templates/schema.js';
import { type PhaseDateRange, type ResolvedCommitment, resolveCommitments } from './resolve.js';

/**
 * onder/binnen/boven de norm; `lopend` for a week (or a dagdelen total) that is not finished yet;
 * `geen-norm` for a week outside the phases the norm applies to.
 */
export type HoursStatus = 'onder' | 'binnen' | 'boven' | 'lopend' | 'geen-norm';

export const HOURS_STATUS_LABELS: Record<HoursStatus, LocalizedText> = {
  onder: { nl: 'onder de norm', en: 'below the norm' },
  binnen: { nl: 'binnen de norm', en: 'within the norm' },
  boven: { nl: 'boven de norm', en: 'above the norm' },
  lopend: { nl: 'loopt nog', en: 'in progress' },
  'geen-norm': { nl: 'geen norm', en: 'no norm' },
};

export interface ReportWeek {
  /** ISO week, e.g. `2027-W03`. */
  week: string;
  monday: IsoDate;
  sunday: IsoDate;
  /** The whole week lies before today, so its hours are final. */
  complete: boolean;
}

export interface HoursCell {
  week: string;
  hours: number;
  status: HoursStatus;
}

export interface HoursRow {
  role: Role;
  commitment: ResolvedCommitment;
  cells: HoursCell[];
  /** All hours of this role in the report's weeks. */
  totalHours: number;
  /** hours-per-week: the norm summed over complete weeks it applies to; dagdelen: the minimum over the traject. */
  expected: { minHours: number; maxHours: number | null };
  /** Hours counted against `expected` (for hours-per-week: only complete weeks the norm applies to). */
  countedHours: number;
  status: HoursStatus;
  /** How many week cells have each status. */
  weekCounts: Record<HoursStatus, number>;
}

export interface HoursReport {
  today: IsoDate;
  trajectStart: IsoDate;
  trajectEnd: IsoDate;
  weeks: ReportWeek[];
  rows: HoursRow[];
  /** Logged hours of roles the template asks nothing of (e.g. moderators), so they are not silently dropped. */
  otherRoles: Array<{ role: Role; hours: number }>;
  /** Hours logged on days outside the report (before the start, after today or after the traject). */
  hoursOutsideReport: number;
}

const round = (hours: number) => Math.round(hours * 100) / 100;

function statusAgainst(hours: number, min: number, max: number | null): HoursStatus {
  if (hours < min) return 'onder';
  if (max !== null && hours > max) return 'boven';
  return 'binnen';
}

function emptyCounts(): Record<HoursStatus, number> {
  return { onder: 0, binnen: 0, boven: 0, lopend: 0, 'geen-norm': 0 };
}

function overlaps(week: ReportWeek, periods: ResolvedCommitment['periods']): boolean {
  return periods.some((period) => period.start <= week.sunday && period.end >= week.monday);
}

function reportWeeks(start: IsoDate, end: IsoDate, today: IsoDate): ReportWeek[] {
  const weeks: ReportWeek[] = [];
  if (end < start) return weeks;
  for (let monday = mondayOfWeek(start); monday <= end; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    weeks.push({ week: isoWeek(monday), monday, sunday, complete: sunday < today });
  }
  return weeks;
}

/**
 * Logged hours against the norms, per role and ISO week, for the weeks of the traject up to today.
 * Pure: phase dates come from the caller (planned, actual or forecast), so this does not depend on the planner.
 * Hours are summed per role: several bestuurders together count towards the bestuurders' norm.
 */
export function hoursReport(
  template: Template,
  traject: Pick<Traject, 'gemeenten' | 'phases' | 'hours'>,
  phaseDates: readonly PhaseDateRange[],
  today: IsoDate,
): HoursReport {
  if (!isoDateSchema.safeParse(today).success) {
    throw new ValidationError(
      `Ongeldige datum voor vandaag: ${JSON.stringify(today)}; verwacht JJJJ-MM-DD.`,
      [{ path: 'today', message: 'verwacht een datum als JJJJ-MM-DD' }],
    );
  }
  if (phaseDates.length === 0) {
    throw new ValidationError(
      'Geen fasedatums: het urenoverzicht heeft de start en het einde van elke fase nodig.',
      [{ path: 'phaseDates', message: 'minstens één fase met start en einde nodig' }],
    );
  }
  const trajectStart = phaseDates.map((phase) => phase.start).reduce(minDate);
  const trajectEnd = phaseDates.map((phase) => phase.end).reduce(maxDate);
  const reportEnd = minDate(today, trajectEnd);
  const weeks = reportWeeks(trajectStart, reportEnd, today);
  const firstDay = weeks[0]?.monday;
  const lastDay = weeks.at(-1)?.sunday;

  // hours[role][week]
  const byRoleWeek = new Map<Role, Map<string, number>>();
  let hoursOutsideReport = 0;
  for (const log of traject.hours) {
    const inside =
      firstDay !== undefined && lastDay !== undefined && log.date >= firstDay && log.date <= lastDay;
    if (!inside || log.date > reportEnd) {
      hoursOutsideReport += log.hours;
      continue;
    }
    const week = isoWeek(log.date);
    const perWeek = byRoleWeek.get(log.role) ?? new Map<string, number>();
    perWeek.set(week, (perWeek.get(week) ?? 0) + log.hours);
    byRoleWeek.set(log.role, perWeek);
  }

  const trajectOver = today > trajectEnd;
  const rows = resolveCommitments(template, traject, phaseDates).map((commitment): HoursRow => {
    const perWeek = byRoleWeek.get(commitment.role);
    const weekCounts = emptyCounts();
    let countedHours = 0;
    let normWeeks = 0;
    const cells = weeks.map((week): HoursCell => {
      const hours = round(perWeek?.get(week.week) ?? 0);
      let status: HoursStatus = 'geen-norm';
      if (commitment.kind === 'hours-per-week' && overlaps(week, commitment.periods)) {
        if (!week.complete) status = 'lopend';
        else {
          status = statusAgainst(hours, commitment.minHours, commitment.maxHours);
          countedHours += hours;
          normWeeks += 1;
        }
      }
      weekCounts[status] += 1;
      return { week: week.week, hours, status };
    });
    const totalHours = round(cells.reduce((sum, cell) => sum + cell.hours, 0));

    if (commitment.kind === 'dagdelen') {
      // Sessions come late in the traject: being short is only "onder" once the traject is over.
      const met = totalHours >= commitment.minHours;
      return {
        role: commitment.role,
        commitment,
        cells,
        totalHours,
        expected: { minHours: commitment.minHours, maxHours: null },
        countedHours: totalHours,
        status: met ? 'binnen' : trajectOver ? 'onder' : 'lopend',
        weekCounts,
      };
    }
    const expected = { minHours: commitment.minHours * normWeeks, maxHours: commitment.maxHours * normWeeks };
    return {
      role: commitment.role,
      commitment,
      cells,
      totalHours,
      expected,
      countedHours: round(countedHours),
      status:
        normWeeks === 0 ? 'lopend' : statusAgainst(round(countedHours), expected.minHours, expected.maxHours),
      weekCounts,
    };
  });

  const committedRoles = new Set(template.commitments.map((commitment) => commitment.role));
  const otherRoles = [...byRoleWeek.entries()]
    .filter(([role]) => !committedRoles.has(role))
    .map(([role, perWeek]) => ({
      role,
      hours: round([...perWeek.values()].reduce((sum, hours) => sum + hours, 0)),
    }))
    .sort((a, b) => a.role.localeCompare(b.role));

  return {
    today,
    trajectStart,
    trajectEnd,
    weeks,
    rows,
    otherRoles,
    hoursOutsideReport: round(hoursOutsideReport),
  };
}
