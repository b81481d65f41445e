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
    sessions: Array<{
      key: string;
      name: string;
      date: IsoDate;
      withBestuurders: boolean;
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
      sessions: phase.sessions.map((session) => ({
        key: session.key,
        name: localize(session.name, lang),
        date: session.date,
        withBestuurders: session.withBestuurders,
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
  };
}
