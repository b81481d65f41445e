import { addDays, maxDate, minDate } from '../calendar/dates.js';
import type { SchoolHolidayPeriod } from '../calendar/school-holidays.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { LocalizedText } from '../i18n/index.js';
import type { PhaseProgress, SessionProgress } from '../model/traject.js';
import { ENDED_EARLY_STATUSES, type IsoDate, type Region, type TrajectStatus } from '../model/vocabulary.js';
import type { Template } from '../templates/schema.js';
import {
  type PhaseDates,
  type PlannedChecklistItem,
  planChecklist,
  planTraject,
  type TrajectPlan,
  targetEndDate,
} from './plan.js';

/** gepland: not started; bezig: started, within its planned end; uitgelopen: started and past its planned end. */
export const PHASE_STATES = ['gepland', 'bezig', 'afgerond', 'uitgelopen'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

export const PHASE_STATE_LABELS: Record<PhaseState, LocalizedText> = {
  gepland: { nl: 'Gepland', en: 'Planned' },
  bezig: { nl: 'Bezig', en: 'In progress' },
  afgerond: { nl: 'Afgerond', en: 'Completed' },
  uitgelopen: { nl: 'Uitgelopen', en: 'Overrunning' },
};

/** What the forecast needs of a traject: its start, the stored baseline and what actually happened. */
export interface TrajectProgress {
  startDate: IsoDate;
  region?: Region;
  phases?: readonly PhaseProgress[];
  sessions?: readonly SessionProgress[];
  /**
   * A traject that stopped or was cancelled has no future: its forecast keeps only the phases that started
   * and the sessions that were held, and ends when the last started phase ended.
   */
  status?: TrajectStatus;
}

export interface ForecastOptions {
  /** The day the forecast is made, in Europe/Amsterdam. */
  today: IsoDate;
  calendar?: WorkingCalendar;
  region?: Region;
  schoolHolidays?: readonly SchoolHolidayPeriod[];
}

export interface ForecastPhase extends PhaseDates {
  name: LocalizedText;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  actualStart?: IsoDate;
  actualEnd?: IsoDate;
  state: PhaseState;
  /** Working days the forecast end lies after the planned end (negative when earlier). */
  slipWorkingDays: number;
}

export interface ForecastSession {
  key: string;
  name: LocalizedText;
  phaseKey: string;
  withBestuurders: boolean;
  durationHours?: number;
  plannedDate: IsoDate;
  /** The actual date when recorded, else the planned date moved with its phase. */
  date: IsoDate;
  actualDate?: IsoDate;
}

export interface TrajectForecast {
  templateKey: string;
  today: IsoDate;
  start: IsoDate;
  /** The end of the stored (baseline) plan. */
  baselineEnd: IsoDate;
  forecastEnd: IsoDate;
  targetEnd: IsoDate;
  /** Working days between baseline end and forecast end (positive: later). */
  slipWorkingDays: number;
  /** Working days between the target end (start + targetWeeks) and the forecast end. */
  slipVsTargetWorkingDays: number;
  phases: ForecastPhase[];
  sessions: ForecastSession[];
  /** Checklist due dates recomputed on the forecast phase dates. */
  checklist: PlannedChecklistItem[];
}

/** Working days from `from` to `to`: positive when `to` is later, negative when earlier. */
export function signedWorkingDays(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  if (to > from) return calendar.countWorkingDays(addDays(from, 1), to);
  if (to < from) return -calendar.countWorkingDays(addDays(to, 1), from);
  return 0;
}

/**
 * Re-plans from what happened. Recorded actual dates stand. A phase that started but has not ended and
 * whose planned length has run out is assumed to end no earlier than today (it slips). A phase without an
 * actual start begins at its planned start, or after the previous phase's forecast end when that is later,
 * and keeps its length in working days; once that start has passed it counts as running (people often do
 * not record starts) and, like a started phase, cannot end before today. So a slip only ever moves later
 * phases, never earlier ones. Forecast open trajects only: a closed one has nothing left to happen.
 */
export function forecastTraject(
  template: Template,
  progress: TrajectProgress,
  options: ForecastOptions,
): TrajectForecast {
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const { today } = options;
  const region = options.region ?? progress.region;
  // The template's own plan fills in what the stored baseline lacks; most trajects have it all.
  let fallbackPlan: TrajectPlan | undefined;
  const fallback = (): TrajectPlan => {
    fallbackPlan ??= planTraject(template, {
      start: progress.startDate,
      calendar,
      ...(region ? { region } : {}),
      ...(options.schoolHolidays ? { schoolHolidays: options.schoolHolidays } : {}),
    });
    return fallbackPlan;
  };
  const phaseProgress = new Map((progress.phases ?? []).map((phase) => [phase.key, phase]));
  const sessionProgress = new Map((progress.sessions ?? []).map((session) => [session.key, session]));

  const phases: ForecastPhase[] = [];
  const sessions: ForecastSession[] = [];
  const checklist: PlannedChecklistItem[] = [];
  const phaseDates: PhaseDates[] = [];
  let previousEnd: IsoDate | undefined;

  template.phases.forEach((templatePhase, index) => {
    const recorded = phaseProgress.get(templatePhase.key);
    const plannedStart = recorded?.plannedStart ?? fallback().phases[index]!.start;
    const plannedEnd = recorded?.plannedEnd ?? fallback().phases[index]!.end;
    const workingDays = Math.max(1, calendar.countWorkingDays(plannedStart, plannedEnd));
    const actualStart = recorded?.actualStart;
    const actualEnd = recorded?.actualEnd;

    let start: IsoDate;
    let end: IsoDate;
    let state: PhaseState;
    if (actualEnd) {
      start = actualStart ?? minDate(plannedStart, actualEnd);
      end = actualEnd;
      state = 'afgerond';
    } else if (actualStart) {
      start = actualStart;
      const naturalEnd = calendar.addWorkingDays(calendar.workingDayOnOrAfter(start), workingDays - 1);
      end = naturalEnd < today ? calendar.workingDayOnOrAfter(today) : naturalEnd;
      state = today > plannedEnd ? 'uitgelopen' : 'bezig';
    } else {
      const earliest = previousEnd
        ? maxDate(plannedStart, calendar.nextWorkingDay(previousEnd))
        : plannedStart;
      start = calendar.workingDayOnOrAfter(earliest);
      const naturalEnd = calendar.addWorkingDays(start, workingDays - 1);
      if (start <= today) {
        // The plan says it has begun. Until someone records its end it cannot have ended before today:
        // otherwise a phase still to do would show an end date long gone.
        end = naturalEnd < today ? calendar.workingDayOnOrAfter(today) : naturalEnd;
        state = today > plannedEnd ? 'uitgelopen' : 'bezig';
      } else {
        end = naturalEnd;
        state = 'gepland';
      }
    }
    previousEnd = previousEnd ? maxDate(previousEnd, end) : end;

    phases.push({
      key: templatePhase.key,
      name: templatePhase.name,
      start,
      end,
      plannedStart,
      plannedEnd,
      ...(actualStart ? { actualStart } : {}),
      ...(actualEnd ? { actualEnd } : {}),
      state,
      slipWorkingDays: signedWorkingDays(calendar, plannedEnd, end),
    });

    for (const templateSession of templatePhase.sessions) {
      const recordedSession = sessionProgress.get(templateSession.key);
      const plannedDate =
        recordedSession?.plannedDate ??
        fallback().phases[index]!.sessions.find((session) => session.key === templateSession.key)!.date;
      let date = plannedDate;
      if (recordedSession?.actualDate) {
        date = recordedSession.actualDate;
      } else if (start !== plannedStart) {
        // Keep the session's place in its phase, counted in working days.
        const offset = Math.max(0, calendar.countWorkingDays(plannedStart, plannedDate) - 1);
        date = minDate(calendar.addWorkingDays(start, offset), calendar.workingDayOnOrBefore(end));
      }
      sessions.push({
        key: templateSession.key,
        name: templateSession.name,
        phaseKey: templatePhase.key,
        withBestuurders: templateSession.withBestuurders,
        ...(templateSession.durationHours === undefined
          ? {}
          : { durationHours: templateSession.durationHours }),
        plannedDate,
        date,
        ...(recordedSession?.actualDate ? { actualDate: recordedSession.actualDate } : {}),
      });
    }
    phaseDates.push({ key: templatePhase.key, start, end });
  });
  const sessionDates = new Map(sessions.map((session) => [session.key, session.date] as const));
  template.phases.forEach((templatePhase, index) => {
    checklist.push(
      ...planChecklist(calendar, templatePhase, phaseDates[index]!, sessionDates, phaseDates[0]!.start),
    );
  });

  const baselineEnd = phases.reduce((max, phase) => maxDate(max, phase.plannedEnd), phases[0]!.plannedEnd);
  const forecastEnd = phases.reduce((max, phase) => maxDate(max, phase.end), phases[0]!.end);
  const start = phases[0]!.start;
  const targetEnd = targetEndDate(
    calendar,
    calendar.workingDayOnOrAfter(progress.startDate),
    template.targetWeeks,
  );
  const forecast: TrajectForecast = {
    templateKey: template.key,
    today,
    start,
    baselineEnd,
    forecastEnd,
    targetEnd,
    slipWorkingDays: signedWorkingDays(calendar, baselineEnd, forecastEnd),
    slipVsTargetWorkingDays: signedWorkingDays(calendar, targetEnd, forecastEnd),
    phases,
    sessions: sessions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    checklist,
  };
  return progress.status && ENDED_EARLY_STATUSES.has(progress.status)
    ? withoutFuture(forecast, calendar)
    : forecast;
}

/**
 * The forecast of a traject that stopped or was cancelled: what happened, nothing after. Its end is the end of
 * the last phase that started (the day it stopped), or its start when nothing started.
 */
function withoutFuture(forecast: TrajectForecast, calendar: WorkingCalendar): TrajectForecast {
  const phases = forecast.phases.filter((phase) => phase.actualStart !== undefined);
  const kept = new Set(phases.map((phase) => phase.key));
  const end = phases.reduce<IsoDate>(
    (max, phase) => maxDate(max, phase.actualEnd ?? phase.end),
    forecast.start,
  );
  return {
    ...forecast,
    forecastEnd: end,
    slipWorkingDays: signedWorkingDays(calendar, forecast.baselineEnd, end),
    slipVsTargetWorkingDays: signedWorkingDays(calendar, forecast.targetEnd, end),
    phases,
    sessions: forecast.sessions.filter((session) => session.actualDate !== undefined),
    checklist: forecast.checklist.filter((item) => kept.has(item.phaseKey)),
  };
}
