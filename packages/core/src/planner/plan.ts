import { addDays, formatDateLong, isoWeekday, maxDate, minDate } from '../calendar/dates.js';
import { type SchoolHolidayPeriod, schoolHolidayOn } from '../calendar/school-holidays.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { LocalizedText } from '../i18n/index.js';
import { DEFAULT_NAZORG_MONTHS, nazorgDate } from '../lifecycle/nazorg-date.js';
import type { IsoDate, Region, Role } from '../model/vocabulary.js';
import type {
  ChecklistItem,
  Commitment,
  Template,
  TemplatePhase,
  TemplateSession,
} from '../templates/schema.js';
import { plannerText } from './messages.js';

/** A working week: phases and the weeks inside them are counted in blocks of five working days. */
export const WORKING_DAYS_PER_WEEK = 5;

export interface PlanOptions {
  /** The day the traject starts; moved to the next working day when it is not one. */
  start: IsoDate;
  /** The gemeente's school-holiday region; sessions with bestuurders avoid its holidays. */
  region?: Region;
  schoolHolidays?: readonly SchoolHolidayPeriod[];
  calendar?: WorkingCalendar;
  /** Months from the borgingssessie to the nazorggesprek (default `DEFAULT_NAZORG_MONTHS`, a server setting). */
  nazorgMonths?: number;
}

/**
 * The nazorggesprek after the traject: the Rapportage Visieleren ("Woord van dank") gives every gemeente "een
 * evaluerend nazorggesprek"; how many months after the borgingssessie is our setting, so the plan says so.
 */
export interface PlannedAftercare {
  key: 'nazorggesprek';
  name: LocalizedText;
  date: IsoDate;
  monthsAfterBorgingssessie: number;
  borgingssessie: IsoDate;
  note: LocalizedText;
}

export interface PlannedSession {
  key: string;
  name: LocalizedText;
  phaseKey: string;
  date: IsoDate;
  withBestuurders: boolean;
  durationHours?: number;
  /** The last working day of a series (the duo-interviews), never past its phase. */
  until?: IsoDate;
  /** Why the date differs from the template's preferred day (a holiday, a school holiday). */
  adjustments: LocalizedText[];
  /** What could not be solved, e.g. a session with bestuurders left inside a school holiday. */
  warnings: LocalizedText[];
}

export interface PlannedChecklistItem {
  id: string;
  phaseKey: string;
  text: LocalizedText;
  due: IsoDate;
  role?: Role;
  source?: string;
}

export interface PhaseDates {
  key: string;
  start: IsoDate;
  end: IsoDate;
}

/** A weekday inside a phase on which nobody works: it makes the phase end later. */
export interface ClosedDayInPhase {
  date: IsoDate;
  reason: LocalizedText;
}

export interface PlannedPhase extends PhaseDates {
  name: LocalizedText;
  description: LocalizedText;
  durationWeeks: number;
  workingDays: number;
  /** Holidays and closed weekdays inside the phase: why it ends later than its weeks suggest. */
  closedDays: ClosedDayInPhase[];
  sessions: PlannedSession[];
  checklist: PlannedChecklistItem[];
}

export interface PlannedProgrammeStep {
  number: number;
  name: LocalizedText;
  phaseKeys: string[];
  /** Spanned by its phases; absent for a step after the traject (e.g. delen van geleerde lessen). */
  start?: IsoDate;
  end?: IsoDate;
  afterTraject: boolean;
}

export interface TrajectPlan {
  templateKey: string;
  templateVersion: string;
  templateName: LocalizedText;
  start: IsoDate;
  /** The last working day of the last phase. */
  end: IsoDate;
  /** Where the traject would end if it took exactly the template's targetWeeks (calendar weeks). */
  targetEnd: IsoDate;
  targetWeeks: number;
  region?: Region;
  phases: PlannedPhase[];
  sessions: PlannedSession[];
  checklist: PlannedChecklistItem[];
  programmeSteps: PlannedProgrammeStep[];
  commitments: Commitment[];
  warnings: LocalizedText[];
  /** Where the template interprets the sources (phase lengths, size bands, the step mapping). */
  interpretations: Template['interpretations'];
  /** The length the sources give, beside `targetWeeks`. */
  durationInSources?: NonNullable<Template['durationInSources']>;
  /** The nazorggesprek, for a template with a borgingssessie. */
  nazorggesprek?: PlannedAftercare;
}

/** Weekdays from `start` to `end` that are closed (holidays, 5 May, extra closed days), with the reason. */
export function closedWeekdays(calendar: WorkingCalendar, start: IsoDate, end: IsoDate): ClosedDayInPhase[] {
  const days: ClosedDayInPhase[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    const closed = calendar.closedReason(day);
    // A holiday on a Sunday (Eerste Paasdag) costs no working day.
    if (!closed || closed.reason === 'weekend' || isoWeekday(day) > 5) continue;
    days.push({ date: day, reason: closed.holiday ? closed.holiday.name : plannerText('closedDay') });
  }
  return days;
}

interface SessionContext {
  calendar: WorkingCalendar;
  region?: Region;
  schoolHolidays?: readonly SchoolHolidayPeriod[];
}

/** A phase of N weeks covers N*5 working days from its first working day, so holidays lengthen it. */
export function layoutPhase(
  calendar: WorkingCalendar,
  earliestStart: IsoDate,
  durationWeeks: number,
): PhaseDates & {
  workingDays: number;
} {
  const start = calendar.workingDayOnOrAfter(earliestStart);
  const workingDays = durationWeeks * WORKING_DAYS_PER_WEEK;
  return { key: '', start, end: calendar.addWorkingDays(start, workingDays - 1), workingDays };
}

/** The first working day of week `week` (0-based) of a phase that starts on `phaseStart`. */
export function weekStartInPhase(calendar: WorkingCalendar, phaseStart: IsoDate, week: number): IsoDate {
  return calendar.addWorkingDays(phaseStart, week * WORKING_DAYS_PER_WEEK);
}

function closedDayReason(calendar: WorkingCalendar, date: IsoDate): LocalizedText {
  const closed = calendar.closedReason(date);
  if (closed?.holiday) return closed.holiday.name;
  if (closed?.reason === 'weekend') return plannerText('weekend');
  return plannerText('closedDay');
}

const longDate = (date: IsoDate) => (lang: 'nl' | 'en') => formatDateLong(date, lang);

/**
 * Places a session: the template's weekday in the given week of the phase; the next working day when that
 * is closed; for sessions with bestuurders the nearest working day in the phase outside the region's school
 * holidays (a soft constraint: when none exists the date stays and carries a warning).
 */
export function placeSession(
  session: TemplateSession,
  phase: PhaseDates,
  context: SessionContext,
): PlannedSession {
  const { calendar } = context;
  const adjustments: LocalizedText[] = [];
  const warnings: LocalizedText[] = [];
  const weekStart = weekStartInPhase(calendar, phase.start, session.weekInPhase);
  const preferred = addDays(weekStart, (session.weekday - isoWeekday(weekStart) + 7) % 7);
  let date = minDate(calendar.workingDayOnOrAfter(preferred), phase.end);
  if (date !== preferred) {
    const reason = closedDayReason(calendar, preferred);
    adjustments.push(
      plannerText('movedFromClosedDay', (lang) => ({
        from: formatDateLong(preferred, lang),
        to: formatDateLong(date, lang),
        reason: reason[lang],
      })),
    );
  }

  const { region, schoolHolidays } = context;
  if (session.withBestuurders && region && schoolHolidays && schoolHolidays.length > 0) {
    const holiday = schoolHolidayOn(schoolHolidays, region, date);
    if (holiday) {
      const free = nearestFreeDay(date, phase, (day) =>
        calendar.isWorkingDay(day) ? schoolHolidayOn(schoolHolidays, region, day) === undefined : false,
      );
      if (free) {
        const from = date;
        adjustments.push(
          plannerText('movedFromSchoolHoliday', (lang) => ({
            from: longDate(from)(lang),
            to: longDate(free)(lang),
            holiday: holiday.name,
            region,
          })),
        );
        date = free;
      } else {
        warnings.push(plannerText('inSchoolHoliday', { holiday: holiday.name, region }));
      }
    }
  }

  return {
    key: session.key,
    name: session.name,
    phaseKey: phase.key,
    date,
    withBestuurders: session.withBestuurders,
    ...(session.durationHours === undefined ? {} : { durationHours: session.durationHours }),
    ...(session.seriesWorkingDays === undefined
      ? {}
      : { until: minDate(calendar.addWorkingDays(date, session.seriesWorkingDays - 1), phase.end) }),
    adjustments,
    warnings,
  };
}

/** The closest day to `from` inside the phase that passes `isFree`; later wins a tie. */
function nearestFreeDay(
  from: IsoDate,
  phase: PhaseDates,
  isFree: (day: IsoDate) => boolean,
): IsoDate | undefined {
  for (let distance = 1; ; distance++) {
    const later = addDays(from, distance);
    const earlier = addDays(from, -distance);
    const laterInPhase = later <= phase.end;
    const earlierInPhase = earlier >= phase.start;
    if (!laterInPhase && !earlierInPhase) return undefined;
    if (laterInPhase && isFree(later)) return later;
    if (earlierInPhase && isFree(earlier)) return earlier;
  }
}

/** Due on the last working day of the item's week (default: the phase's last week), never after the phase. */
export function checklistDueDate(
  calendar: WorkingCalendar,
  item: ChecklistItem,
  phase: PhaseDates,
  durationWeeks: number,
): IsoDate {
  const week = Math.min(item.dueWeekInPhase ?? durationWeeks - 1, durationWeeks - 1);
  const lastDayOfWeek = calendar.addWorkingDays(
    phase.start,
    week * WORKING_DAYS_PER_WEEK + WORKING_DAYS_PER_WEEK - 1,
  );
  return minDate(lastDayOfWeek, phase.end);
}

/**
 * An item that prepares a session keeps its own distance to that session: it is due
 * `prepares.workingDaysBefore` working days before it (0 = that day), whatever its week in the phase says, so
 * items that prepare the same session keep their order (synthesis step 1 three working days before the
 * ontwerpsessie, step 2 one day before). Two bounds: nothing is due before the traject starts, and an item of
 * an earlier phase is due by that phase's end (participants recruited in Starten for the duo-interviews of
 * Luisteren). Without the session's date the item's week applies.
 */
export function preparedSessionDue(
  calendar: WorkingCalendar,
  item: ChecklistItem,
  due: IsoDate,
  bounds: { trajectStart: IsoDate; phaseEnd: IsoDate },
  sessionDates: ReadonlyMap<string, IsoDate> | undefined,
): IsoDate {
  const session = item.prepares ? sessionDates?.get(item.prepares.session) : undefined;
  if (!item.prepares || session === undefined) return due;
  const beforeSession = calendar.addWorkingDays(session, -item.prepares.workingDaysBefore);
  return maxDate(bounds.trajectStart, minDate(bounds.phaseEnd, beforeSession));
}

export function planChecklist(
  calendar: WorkingCalendar,
  templatePhase: TemplatePhase,
  phase: PhaseDates,
  /** Dates of the traject's sessions by key, so items that prepare a session fall before it. */
  sessionDates?: ReadonlyMap<string, IsoDate>,
  /** The traject's first day (default: this phase's): no item is due before it. */
  trajectStart: IsoDate = phase.start,
): PlannedChecklistItem[] {
  return templatePhase.checklist.map((item) => ({
    id: item.id,
    phaseKey: phase.key,
    text: item.text,
    due: preparedSessionDue(
      calendar,
      item,
      checklistDueDate(calendar, item, phase, templatePhase.durationWeeks),
      { trajectStart, phaseEnd: phase.end },
      sessionDates,
    ),
    ...(item.role ? { role: item.role } : {}),
    ...(item.source ? { source: item.source } : {}),
  }));
}

/** `targetWeeks` calendar weeks from the start, on the last working day before that. */
export function targetEndDate(calendar: WorkingCalendar, start: IsoDate, targetWeeks: number): IsoDate {
  return calendar.workingDayOnOrBefore(addDays(start, targetWeeks * 7 - 1));
}

export function planProgrammeSteps(
  template: Template,
  phases: readonly PhaseDates[],
): PlannedProgrammeStep[] {
  return template.programmeSteps.map((step) => {
    const covered = phases.filter((phase) => step.phaseKeys.includes(phase.key));
    const first = covered[0];
    const last = covered[covered.length - 1];
    return {
      number: step.number,
      name: step.name,
      phaseKeys: [...step.phaseKeys],
      ...(first && last
        ? {
            start: covered.reduce((min, phase) => minDate(min, phase.start), first.start),
            end: covered.reduce((max, phase) => maxDate(max, phase.end), last.end),
          }
        : {}),
      afterTraject: step.phaseKeys.length === 0,
    };
  });
}

/**
 * Template + start date → a dated plan: phases one after another over working weeks, sessions on working
 * days (school holidays of the region avoided for sessions with bestuurders), checklist due dates, the
 * programme steps over the phases, and the template's commitments.
 */
/** The nazorggesprek N months after the plan's borgingssessie, on a working day (none without one). */
export function planAftercare(
  sessions: ReadonlyArray<{ key: string; date: IsoDate }>,
  calendar: WorkingCalendar,
  months: number = DEFAULT_NAZORG_MONTHS,
): PlannedAftercare | undefined {
  const borgingssessie = sessions.find((session) => session.key === 'borgingssessie')?.date;
  if (!borgingssessie) return undefined;
  const whole = Math.max(1, Math.trunc(months));
  return {
    key: 'nazorggesprek',
    name: { nl: 'Nazorggesprek', en: 'Aftercare conversation' },
    date: nazorgDate(borgingssessie, whole, calendar),
    monthsAfterBorgingssessie: whole,
    borgingssessie,
    note: {
      nl: `Een evaluerend nazorggesprek (Rapportage Visieleren, VNG, april 2024, "Woord van dank"); ${whole} maanden na de borgingssessie is onze instelling, geen termijn uit de bron. Een voorkeursdatum in het evaluatie- of nazorgformulier verschuift het.`,
      en: `An evaluative aftercare conversation (Rapportage Visieleren, VNG, April 2024, "Woord van dank"); ${whole} months after the embedding session is our setting, not a term from the source. A preferred date in the evaluation or aftercare form moves it.`,
    },
  };
}

export function planTraject(template: Template, options: PlanOptions): TrajectPlan {
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const start = calendar.workingDayOnOrAfter(options.start);
  const context: SessionContext = {
    calendar,
    ...(options.region ? { region: options.region } : {}),
    ...(options.schoolHolidays ? { schoolHolidays: options.schoolHolidays } : {}),
  };

  const phases: PlannedPhase[] = [];
  let cursor = start;
  let closedFrom = options.start;
  for (const templatePhase of template.phases) {
    const layout = layoutPhase(calendar, cursor, templatePhase.durationWeeks);
    const dates: PhaseDates = { key: templatePhase.key, start: layout.start, end: layout.end };
    phases.push({
      ...dates,
      name: templatePhase.name,
      description: templatePhase.description,
      durationWeeks: templatePhase.durationWeeks,
      workingDays: layout.workingDays,
      // From the day after the previous phase: a closed day between two phases also moves this one.
      closedDays: closedWeekdays(calendar, closedFrom, layout.end),
      sessions: templatePhase.sessions
        .map((session) => placeSession(session, dates, context))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      checklist: [],
    });
    cursor = calendar.nextWorkingDay(layout.end);
    closedFrom = addDays(layout.end, 1);
  }
  // Checklists last: an item may prepare a session of a later phase (participants recruited in Starten for
  // the duo-interviews of Luisteren).
  const sessionDates = new Map(
    phases.flatMap((phase) => phase.sessions.map((s) => [s.key, s.date] as const)),
  );
  template.phases.forEach((templatePhase, index) => {
    const phase = phases[index]!;
    phase.checklist = planChecklist(calendar, templatePhase, phase, sessionDates, phases[0]!.start);
  });

  const warnings: LocalizedText[] = [];
  if (options.schoolHolidays && options.schoolHolidays.length > 0 && !options.region) {
    warnings.push(plannerText('noRegion'));
  }
  if (options.region && !(options.schoolHolidays && options.schoolHolidays.length > 0)) {
    warnings.push(plannerText('noSchoolHolidays', { region: options.region }));
  }

  const last = phases[phases.length - 1];
  const sessions = phases.flatMap((phase) => phase.sessions);
  const nazorggesprek = planAftercare(sessions, calendar, options.nazorgMonths);
  return {
    templateKey: template.key,
    templateVersion: template.version,
    templateName: template.name,
    start,
    end: last ? last.end : start,
    targetEnd: targetEndDate(calendar, start, template.targetWeeks),
    targetWeeks: template.targetWeeks,
    ...(options.region ? { region: options.region } : {}),
    phases,
    sessions,
    checklist: phases.flatMap((phase) => phase.checklist),
    programmeSteps: planProgrammeSteps(template, phases),
    commitments: template.commitments,
    warnings,
    interpretations: template.interpretations,
    ...(template.durationInSources ? { durationInSources: template.durationInSources } : {}),
    ...(nazorggesprek ? { nazorggesprek } : {}),
  };
}
