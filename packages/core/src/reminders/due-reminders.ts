import { addDays, formatDate, formatDateLong, isoWeek, mondayOfWeek } from '../calendar/dates.js';
import type { SchoolHolidayPeriod } from '../calendar/school-holidays.js';
import { amsterdamDate, amsterdamToUtc } from '../calendar/timezone.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { localize } from '../i18n/index.js';
import { isFrozen } from '../lifecycle/frozen.js';
import { type Traject, trajectName } from '../model/traject.js';
import { CLOSED_STATUSES, type IsoDate, type TrajectStatus } from '../model/vocabulary.js';
import { forecastTraject, type TrajectForecast } from '../planner/forecast.js';
import type { ReminderRule, Template } from '../templates/schema.js';
import { reminderText } from './messages.js';
import type { ReminderIntent } from './types.js';

export interface DueRemindersOptions {
  /**
   * How long after its due moment a reminder is still worth sending (default 7 days), so a fresh server or
   * one that was down does not flood people with reminders about things long past.
   */
  lookbackMs?: number;
  calendar?: WorkingCalendar;
  schoolHolidays?: readonly SchoolHolidayPeriod[];
}

export interface TrajectWithTemplate {
  traject: Traject;
  template: Template;
}

export const DEFAULT_REMINDER_LOOKBACK_MS = 7 * 86_400_000;

/** Statuses that get no reminders: closed ones and a paused traject. */
export function remindersSuppressed(status: TrajectStatus): boolean {
  return CLOSED_STATUSES.has(status) || status === 'gepauzeerd';
}

interface Candidate {
  occurrence: string;
  day: IsoDate;
  subject: ReminderIntent['subject'];
  /** Built only for candidates inside the window: most candidates of a long traject are not. */
  message: () => ReminderIntent['message'];
}

/**
 * The reminders that are due at `now`, from each template's rules over the traject's forecast dates (so a
 * slipped phase is announced when it will really start). Pure: same input, same output, same keys.
 * A reminder is due on its day at the template's reminderTime in Europe/Amsterdam, and stays due for the
 * lookback window. Keys are `${trajectId}:${ruleId}:${occurrence}`; delivery dedupes on them. A session's
 * occurrence is `${sessionKey}@${date}` (see `sessionOccurrence`).
 */
export function dueReminders(
  trajects: ReadonlyArray<TrajectWithTemplate>,
  now: Date,
  options: DueRemindersOptions = {},
): ReminderIntent[] {
  const lookbackMs = options.lookbackMs ?? DEFAULT_REMINDER_LOOKBACK_MS;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const today = amsterdamDate(now);
  // Days whose reminder could be in the window; one extra day each side absorbs reminderTime and DST.
  const firstDay = addDays(today, -Math.ceil(lookbackMs / 86_400_000) - 1);
  const lastDay = addDays(today, 1);
  const nowMs = now.getTime();
  const intents = new Map<string, ReminderIntent>();

  for (const { traject, template } of trajects) {
    if (remindersSuppressed(traject.status)) continue;
    // Known only as of a report (seed 002 Tabel 1): what was open then is not for anyone to do now.
    if (isFrozen(traject, today)) continue;
    const forecast = forecastTraject(template, traject, {
      today,
      calendar,
      ...(options.schoolHolidays ? { schoolHolidays: options.schoolHolidays } : {}),
    });
    const name = trajectName(traject);
    for (const rule of template.reminderRules) {
      for (const candidate of candidatesFor(rule, traject, forecast, name, calendar, firstDay, lastDay)) {
        if (candidate.day < firstDay || candidate.day > lastDay) continue;
        const dueAt = amsterdamToUtc(candidate.day, template.settings.reminderTime);
        const dueMs = dueAt.getTime();
        if (!(dueMs <= nowMs && nowMs < dueMs + lookbackMs)) continue;
        const key = `${traject.id}:${rule.id}:${candidate.occurrence}`;
        if (intents.has(key)) continue;
        intents.set(key, {
          key,
          trajectId: traject.id,
          ruleId: rule.id,
          kind: rule.kind,
          occurrence: candidate.occurrence,
          dueAt: dueAt.toISOString(),
          audience: [...rule.audience],
          message: candidate.message(),
          subject: candidate.subject,
        });
      }
    }
  }

  return [...intents.values()].sort((a, b) =>
    a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}

/** The occurrence of a session reminder: the session and the date it announces. */
export function sessionOccurrence(sessionKey: string, date: IsoDate): string {
  return `${sessionKey}@${date}`;
}

function candidatesFor(
  rule: ReminderRule,
  traject: Traject,
  forecast: TrajectForecast,
  name: string,
  calendar: WorkingCalendar,
  firstDay: IsoDate,
  lastDay: IsoDate,
): Candidate[] {
  switch (rule.kind) {
    case 'phase-start':
      return forecast.phases
        .filter((phase) => !phase.actualStart)
        .map((phase) => ({
          occurrence: phase.key,
          day: addDays(phase.start, -rule.daysBefore),
          subject: { phaseKey: phase.key, date: phase.start },
          message: () =>
            reminderText('phaseStart', (lang) => ({
              traject: name,
              phase: localize(phase.name, lang),
              date: formatDateLong(phase.start, lang),
            })),
        }));

    case 'session':
      return forecast.sessions
        .filter((session) => !session.actualDate || session.actualDate >= forecast.today)
        .map((session) => {
          const days = rule.daysBefore;
          const key = days === 0 ? 'sessionToday' : days === 1 ? 'sessionTomorrow' : 'sessionInDays';
          return {
            // The date it announces is part of the occurrence: a moved session gets a new reminder, and a
            // retry of the old one finds its reason gone.
            occurrence: sessionOccurrence(session.key, session.date),
            day: addDays(session.date, -days),
            subject: { phaseKey: session.phaseKey, sessionKey: session.key, date: session.date },
            message: () =>
              reminderText(key, (lang) => ({
                traject: name,
                session: localize(session.name, lang),
                date: formatDateLong(session.date, lang),
                days,
              })),
          };
        });

    case 'hours-check-in': {
      // Only the weeks around the window matter; a traject can run for months.
      const candidates: Candidate[] = [];
      const from = mondayOfWeek(firstDay > forecast.start ? firstDay : forecast.start);
      for (let monday = from; monday <= lastDay; monday = addDays(monday, 7)) {
        const day = addDays(monday, rule.weekday - 1);
        if (day < forecast.start || day > forecast.forecastEnd) continue;
        const week = isoWeek(day);
        candidates.push({
          occurrence: week,
          day,
          subject: { week, date: day },
          message: () =>
            reminderText('hoursCheckIn', (lang) => ({
              traject: name,
              week,
              date: formatDate(day, lang),
            })),
        });
      }
      return candidates;
    }

    case 'checklist-overdue': {
      const done = new Set(traject.checklist.filter((state) => state.done).map((state) => state.itemId));
      const phaseNames = new Map(forecast.phases.map((phase) => [phase.key, phase.name]));
      return forecast.checklist
        .filter((item) => !done.has(item.id))
        .map((item) => {
          // Overdue the first working day after due + grace.
          const day = calendar.workingDayOnOrAfter(addDays(item.due, rule.graceDays + 1));
          const phaseName = phaseNames.get(item.phaseKey);
          return {
            occurrence: item.id,
            day,
            subject: { phaseKey: item.phaseKey, checklistItemId: item.id, date: item.due },
            message: () =>
              reminderText('checklistOverdue', (lang) => ({
                traject: name,
                item: localize(item.text, lang),
                phase: phaseName ? localize(phaseName, lang) : item.phaseKey,
                due: formatDateLong(item.due, lang),
              })),
          };
        });
    }
  }
}
