import type { SchoolHolidayPeriod } from '../calendar/school-holidays.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Lang } from '../i18n/index.js';
import { type Gemeente, type Participant, type Traject, trajectSchema } from '../model/traject.js';
import type { IsoDate, Region, Theme, TrajectStatus } from '../model/vocabulary.js';
import type { Template } from '../templates/schema.js';
import { parseWith } from '../validation.js';
import { planTraject, type TrajectPlan } from './plan.js';

export interface NewTrajectInput {
  id: string;
  gemeenten: Gemeente[];
  kernvraag: string;
  themes?: Theme[];
  start: IsoDate;
  status?: TrajectStatus;
  region?: Region;
  participants?: Participant[];
}

export interface CreateTrajectOptions {
  calendar?: WorkingCalendar;
  schoolHolidays?: readonly SchoolHolidayPeriod[];
  lang?: Lang;
}

/**
 * A new traject with its planned phases and sessions taken from the template's plan, and an empty
 * checklist and hour log. The result is validated, so bad input fails here with Dutch field paths.
 */
export function createTrajectFromTemplate(
  template: Template,
  input: NewTrajectInput,
  options: CreateTrajectOptions = {},
): Traject {
  const plan: TrajectPlan = planTraject(template, {
    start: input.start,
    ...(input.region ? { region: input.region } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.schoolHolidays ? { schoolHolidays: options.schoolHolidays } : {}),
  });
  const traject = {
    id: input.id,
    gemeenten: input.gemeenten,
    kernvraag: input.kernvraag,
    themes: input.themes ?? [],
    templateKey: template.key,
    startDate: plan.start,
    status: input.status ?? 'aangemeld',
    ...(input.region ? { region: input.region } : {}),
    participants: input.participants ?? [],
    phases: plan.phases.map((phase) => ({
      key: phase.key,
      plannedStart: phase.start,
      plannedEnd: phase.end,
    })),
    sessions: plan.sessions.map((session) => ({
      key: session.key,
      phaseKey: session.phaseKey,
      plannedDate: session.date,
    })),
    checklist: [],
    hours: [],
  };
  const lang = options.lang ?? 'nl';
  return parseWith(trajectSchema, traject, lang === 'nl' ? 'Het traject' : 'The traject', lang);
}
