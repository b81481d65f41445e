import { addDays } from '../calendar/dates.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { LocalizedText } from '../i18n/index.js';
import { isFrozen, viewDate } from '../lifecycle/frozen.js';
import { illustrativeNotice, type Traject, trajectName } from '../model/traject.js';
import { CLOSED_STATUSES, type IsoDate, type TrajectStatus } from '../model/vocabulary.js';
import { type ForecastPhase, forecastTraject, type TrajectForecast } from '../planner/forecast.js';
import { findBuiltInTemplate } from '../templates/registry.js';
import type { Template } from '../templates/schema.js';

/**
 * The traject as every surface shows it in one line or card: the overview page, the API, App Home in Slack,
 * the Teams status card and the Notion Trajecten row all use this view, so they never disagree.
 */

/** The template a traject follows: its own (loaded from a file) or the built-in one it names. */
export function templateOf(traject: Pick<Traject, 'templateKey' | 'template'>): Template | undefined {
  return traject.template ?? findBuiltInTemplate(traject.templateKey);
}

export interface OverdueItem {
  id: string;
  phaseKey: string;
  text: LocalizedText;
  due: IsoDate;
  /** The first day it counts as overdue: the working day after due + the template's grace days. */
  overdueFrom: IsoDate;
}

export interface TrajectOverview {
  id: string;
  name: string;
  status: TrajectStatus;
  /** Why it has that status (e.g. why it stopped), shown beside the status. */
  statusReason?: string;
  closed: boolean;
  /** Set when some of its data is made up for a demo: every surface shows this notice ("Illustratief: …"). */
  illustrative?: LocalizedText;
  /** Undefined when the template is unknown (then there is no plan to show). */
  forecast?: TrajectForecast;
  /** The running phase (forecast), if any. */
  currentPhase?: ForecastPhase;
  /** Where the traject stands when no phase runs. */
  stage: 'afgesloten' | 'onbekend' | 'loopt' | 'nog-niet-begonnen' | 'fasen-afgerond';
  nextPhase?: ForecastPhase;
  nextSession?: { key: string; name: LocalizedText; date: IsoDate };
  overdue: OverdueItem[];
  /** Where the timeline ends: the forecast end, or for a closed traject the day it ended. */
  forecastEnd?: IsoDate;
  /** Working days later than the stored plan (0 when on time). */
  slipWorkingDays?: number;
  /** Set when the traject is known only as of this day (a report): everything above is as of then. */
  asOf?: IsoDate;
}

/** The grace of the template's checklist-overdue rule, so "overdue" here is the day the reminder goes out. */
export function checklistGraceDays(template: Template): number {
  const rule = template.reminderRules.find((candidate) => candidate.kind === 'checklist-overdue');
  return rule && rule.kind === 'checklist-overdue' ? rule.graceDays : 0;
}

export function overdueFrom(due: IsoDate, graceDays: number, calendar: WorkingCalendar): IsoDate {
  return calendar.workingDayOnOrAfter(addDays(due, graceDays + 1));
}

export function trajectOverview(
  traject: Traject,
  now: IsoDate,
  options: { calendar?: WorkingCalendar } = {},
): TrajectOverview {
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const template = templateOf(traject);
  const closed = CLOSED_STATUSES.has(traject.status);
  // A traject known only as of a report is shown as it stood then, so it never shows years of slip.
  const frozen = isFrozen(traject, now);
  const today = viewDate(traject, now);
  const illustrative = illustrativeNotice(traject);
  const base = {
    id: traject.id,
    name: trajectName(traject),
    status: traject.status,
    ...(traject.statusReason ? { statusReason: traject.statusReason } : {}),
    closed,
    ...(frozen ? { asOf: today } : {}),
    ...(illustrative ? { illustrative } : {}),
  };
  if (!template) return { ...base, stage: closed ? 'afgesloten' : 'onbekend', overdue: [] };
  const forecast = forecastTraject(
    template,
    {
      startDate: traject.startDate,
      phases: traject.phases,
      sessions: traject.sessions,
      status: traject.status,
      ...(traject.region ? { region: traject.region } : {}),
    },
    { today, calendar },
  );
  // A closed traject's end is where its timeline ends (for a stopped one: the day it stopped).
  if (closed)
    return { ...base, forecast, stage: 'afgesloten', overdue: [], forecastEnd: forecast.forecastEnd };

  const grace = checklistGraceDays(template);
  const done = new Set(traject.checklist.filter((item) => item.done).map((item) => item.itemId));
  // Known only as of a report: the report says nothing about the checklist, so nothing is "te laat".
  const overdue = frozen
    ? []
    : forecast.checklist
        .filter((item) => !done.has(item.id))
        .map((item) => ({
          id: item.id,
          phaseKey: item.phaseKey,
          text: item.text,
          due: item.due,
          overdueFrom: overdueFrom(item.due, grace, calendar),
        }))
        .filter((item) => item.overdueFrom <= today);

  const currentPhase = forecast.phases.find(
    (phase) => phase.state === 'bezig' || phase.state === 'uitgelopen',
  );
  const nextPhase = forecast.phases.find((phase) => phase.state === 'gepland');
  const stage = currentPhase
    ? 'loopt'
    : forecast.phases.every((phase) => phase.state === 'afgerond')
      ? 'fasen-afgerond'
      : 'nog-niet-begonnen';
  const next = forecast.sessions
    .filter((session) => session.actualDate === undefined && session.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  return {
    ...base,
    forecast,
    stage,
    ...(currentPhase ? { currentPhase } : {}),
    ...(nextPhase ? { nextPhase } : {}),
    ...(next ? { nextSession: { key: next.key, name: next.name, date: next.date } } : {}),
    overdue,
    forecastEnd: forecast.forecastEnd,
    slipWorkingDays: forecast.slipWorkingDays,
  };
}
