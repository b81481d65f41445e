import { DEFAULT_LANG, type Lang, localize } from '../i18n/index.js';
import type { IsoDate, Role } from '../model/vocabulary.js';
import { ROLE_LABELS } from '../model/vocabulary.js';
import type { Commitment } from '../templates/schema.js';
import type { TrajectPlan } from './plan.js';

export interface PlanJsonCommitment {
  role: Role;
  roleName: string;
  kind: Commitment['kind'];
  minHours?: number;
  maxHours?: number;
  minDagdelen?: number;
  plusPreparation?: boolean;
  /** Absent: the whole traject. */
  phaseKeys?: string[];
  note?: string;
  source: string;
}

/** The stable JSON form of a plan (`visieleren plan --json`, the API): dates `YYYY-MM-DD`, texts in one language. */
export interface PlanJson {
  template: string;
  templateVersion: string;
  start: IsoDate;
  end: IsoDate;
  targetEnd: IsoDate;
  targetWeeks: number;
  region?: string;
  phases: Array<{
    key: string;
    name: string;
    start: IsoDate;
    end: IsoDate;
    /** Working weeks of the phase; holidays inside it (`closedDays`) make it end later. */
    workingWeeks: number;
    closedDays: Array<{ date: IsoDate; reason: string }>;
    sessions: Array<{
      key: string;
      name: string;
      date: IsoDate;
      withBestuurders: boolean;
      /** A series (the duo-interviews) runs from `date` to `until`. */
      until?: IsoDate;
      /** Why the date differs from the template's preferred day (which holiday, which school holiday). */
      adjustments: string[];
      warnings: string[];
    }>;
    checklist: Array<{ id: string; text: string; due: IsoDate }>;
  }>;
  commitments: PlanJsonCommitment[];
  programmeSteps: Array<{
    number: number;
    name: string;
    phaseKeys: string[];
    start?: IsoDate;
    end?: IsoDate;
  }>;
  warnings: string[];
  /** How long the plan is, in the template's working weeks and in calendar days, against the sources. */
  duration: PlanDuration;
  /** Where the template interprets the sources rather than quoting them. */
  interpretations: Array<{ about: string; text: string }>;
  /** After the traject: the nazorggesprek, N months after the borgingssessie (our setting, said in `note`). */
  nazorggesprek?: { name: string; date: IsoDate; monthsAfterBorgingssessie: number; note: string };
}

export interface PlanDuration {
  workingWeeks: number;
  calendarDays: number;
  targetWeeks: number;
  /** Calendar days the holidays and closed days add to the working weeks. */
  closedDays: number;
  /** The length the sources give (7-10 weeks aimed at, about 12, often six months), when the template says. */
  inSources?: string;
  summary: string;
}

const DAY_MS = 86_400_000;

/**
 * The plan's length said the way the sources count it: phases are working weeks, so a plan of 12 working
 * weeks that spans a holiday ends a few calendar days after "12 weeks"; that is not a delay.
 */
export function planDuration(plan: TrajectPlan, lang: Lang = DEFAULT_LANG): PlanDuration {
  const workingWeeks = plan.phases.reduce((sum, phase) => sum + phase.durationWeeks, 0);
  const calendarDays = Math.round((Date.parse(plan.end) - Date.parse(plan.start)) / DAY_MS) + 1;
  const closedDays = plan.phases.reduce((sum, phase) => sum + phase.closedDays.length, 0);
  const inSources = plan.durationInSources ? localize(plan.durationInSources.text, lang) : undefined;
  const holidays =
    closedDays === 0
      ? ''
      : lang === 'nl'
        ? `; ${closedDays} feestdag${closedDays === 1 ? '' : 'en'} of gesloten dag${closedDays === 1 ? '' : 'en'} ertussen, dus ${calendarDays} kalenderdagen`
        : `; ${closedDays} holiday${closedDays === 1 ? '' : 's'} or closed day${closedDays === 1 ? '' : 's'} in between, so ${calendarDays} calendar days`;
  const versus =
    workingWeeks === plan.targetWeeks
      ? lang === 'nl'
        ? 'precies de streefduur'
        : 'exactly the target'
      : lang === 'nl'
        ? `streefduur ${plan.targetWeeks} weken`
        : `target ${plan.targetWeeks} weeks`;
  const summary =
    lang === 'nl'
      ? `${workingWeeks} werkweken (${versus})${holidays}.${inSources ? ` Bronnen: ${inSources}` : ''}`
      : `${workingWeeks} working weeks (${versus})${holidays}.${inSources ? ` Sources: ${inSources}` : ''}`;
  return {
    workingWeeks,
    calendarDays,
    targetWeeks: plan.targetWeeks,
    closedDays,
    ...(inSources ? { inSources } : {}),
    summary,
  };
}

export function commitmentToJson(commitment: Commitment, lang: Lang = DEFAULT_LANG): PlanJsonCommitment {
  const base = {
    role: commitment.role,
    roleName: localize(commitment.roleLabel ?? ROLE_LABELS[commitment.role], lang),
    kind: commitment.kind,
  };
  const tail = {
    ...(commitment.phaseKeys ? { phaseKeys: [...commitment.phaseKeys] } : {}),
    ...(commitment.note ? { note: localize(commitment.note, lang) } : {}),
    source: commitment.source,
  };
  return commitment.kind === 'hours-per-week'
    ? { ...base, minHours: commitment.minHours, maxHours: commitment.maxHours, ...tail }
    : { ...base, minDagdelen: commitment.minDagdelen, plusPreparation: commitment.plusPreparation, ...tail };
}

export function planToJson(plan: TrajectPlan, lang: Lang = DEFAULT_LANG): PlanJson {
  return {
    template: plan.templateKey,
    templateVersion: plan.templateVersion,
    start: plan.start,
    end: plan.end,
    targetEnd: plan.targetEnd,
    targetWeeks: plan.targetWeeks,
    ...(plan.region ? { region: plan.region } : {}),
    phases: plan.phases.map((phase) => ({
      key: phase.key,
      name: localize(phase.name, lang),
      start: phase.start,
      end: phase.end,
      workingWeeks: phase.durationWeeks,
      closedDays: phase.closedDays.map((day) => ({ date: day.date, reason: localize(day.reason, lang) })),
      sessions: phase.sessions.map((session) => ({
        key: session.key,
        name: localize(session.name, lang),
        date: session.date,
        withBestuurders: session.withBestuurders,
        ...(session.until ? { until: session.until } : {}),
        adjustments: session.adjustments.map((note) => localize(note, lang)),
        warnings: session.warnings.map((warning) => localize(warning, lang)),
      })),
      checklist: phase.checklist.map((item) => ({
        id: item.id,
        text: localize(item.text, lang),
        due: item.due,
      })),
    })),
    commitments: plan.commitments.map((commitment) => commitmentToJson(commitment, lang)),
    programmeSteps: plan.programmeSteps.map((step) => ({
      number: step.number,
      name: localize(step.name, lang),
      phaseKeys: step.phaseKeys,
      ...(step.start ? { start: step.start } : {}),
      ...(step.end ? { end: step.end } : {}),
    })),
    warnings: plan.warnings.map((warning) => localize(warning, lang)),
    duration: planDuration(plan, lang),
    interpretations: plan.interpretations.map((entry) => ({
      about: entry.about,
      text: localize(entry.text, lang),
    })),
    ...(plan.nazorggesprek
      ? {
          nazorggesprek: {
            name: localize(plan.nazorggesprek.name, lang),
            date: plan.nazorggesprek.date,
            monthsAfterBorgingssessie: plan.nazorggesprek.monthsAfterBorgingssessie,
            note: localize(plan.nazorggesprek.note, lang),
          },
        }
      : {}),
  };
}
