import type { Lang } from '../i18n/index.js';
import { PERSPECTIVE_LABELS, type Perspective } from '../model/vocabulary.js';
import { buildInstance, perspectiveIndex, perspectivePairKey } from './instance.js';
import { duoMessage } from './messages.js';
import { explainUnplaced, type UnplacedReasonCode } from './reasons.js';
import { type DuoRound, parseDuoRound } from './schema.js';
import { DEFAULT_LIMITS, type SolverLimits, solveDuoInstance } from './solver.js';

export interface DuoInterview {
  slot: string;
  participants: [string, string];
  moderator: string;
}

export interface DuoUnplaced {
  id: string;
  code: UnplacedReasonCode;
  /** A sentence a person understands, in the requested language. */
  reason: string;
}

export interface DuoCombination {
  perspectives: [Perspective, Perspective];
  interviews: number;
  preferred: boolean;
}

export interface DuoModeratorLoad {
  id: string;
  interviews: number;
  maxInterviews: number;
}

export interface DuoSummary {
  participants: number;
  interviews: number;
  /** Participants with at least one interview. */
  placed: number;
  unplaced: number;
  /** Participants with fewer interviews than `interviewsPerParticipant` (0 when that is 1 and all are placed). */
  belowTarget: number;
  /**
   * No schedule can hold more interviews than this (matching and capacity bounds); when `interviews`
   * equals it, the schedule is provably optimal in its first objective.
   */
  upperBound: number;
  provenOptimal: boolean;
  combinations: DuoCombination[];
  preferredCovered: number;
  preferredRequested: number;
  moderatorLoads: DuoModeratorLoad[];
  text: string;
}

export interface DuoPlan {
  interviews: DuoInterview[];
  unplaced: DuoUnplaced[];
  summary: DuoSummary;
}

export interface PlanDuoOptions {
  lang?: Lang;
  limits?: SolverLimits;
}

/**
 * Plans one duo-interview round.
 *
 * Hard rules: two different perspectives per interview; both participants and the moderator available in
 * the slot; nobody (moderators included) in two slots that overlap or lie closer than `bufferMinutes`;
 * a moderator at most `maxInterviews`, a participant at most `interviewsPerParticipant`; no pair from
 * `avoidPairs` or `previousPairs`, and no pair twice in one round. A moderator with `maxInterviews: 0`
 * counts as not available.
 *
 * Objective, in order: the most interviews, i.e. the most participant assignments (2 per interview; with
 * the default of one interview each this is the most participants placed, and it is what the benchmark's
 * MILP maximises); then the most distinct perspective combinations, preferred ones first; then moderator
 * loads as even as possible (smallest sum of squared loads). "Placed" in the summary means: in at least
 * one interview; `unplaced` lists the people in none, each with a reason.
 *
 * Deterministic: the same input gives the same plan (the search is seeded from the input and counts
 * steps, not time).
 */
export function planDuoRound(input: unknown, options: PlanDuoOptions = {}): DuoPlan {
  const lang = options.lang ?? 'nl';
  const round: DuoRound = parseDuoRound(input, lang);
  const instance = buildInstance(round);
  const {
    interviews: planned,
    upperBound,
    state,
  } = solveDuoInstance(instance, options.limits ?? DEFAULT_LIMITS);

  const interviews: DuoInterview[] = planned.map(({ a, b, s, m }) => ({
    slot: round.slots[s]!.id,
    participants: [round.participants[a]!.id, round.participants[b]!.id],
    moderator: round.moderators[m]!.id,
  }));

  const unplaced: DuoUnplaced[] = [];
  let belowTarget = 0;
  round.participants.forEach((participant, i) => {
    const load = state.participantLoad[i]!;
    if (load < round.rules.interviewsPerParticipant) belowTarget++;
    if (load === 0) unplaced.push({ id: participant.id, ...explainUnplaced(instance, state, i, lang) });
  });

  const preferredKeys = new Set(round.rules.preferredCombinations.map(([x, y]) => keyOf(x, y)));
  const combinationMap = new Map<number, DuoCombination>();
  for (const { a, b } of planned) {
    const pa = round.participants[a]!.perspective;
    const pb = round.participants[b]!.perspective;
    const key = keyOf(pa, pb);
    const existing = combinationMap.get(key);
    if (existing) existing.interviews++;
    else {
      const perspectives = (instance.perspective[a]! < instance.perspective[b]! ? [pa, pb] : [pb, pa]) as [
        Perspective,
        Perspective,
      ];
      combinationMap.set(key, { perspectives, interviews: 1, preferred: preferredKeys.has(key) });
    }
  }
  const combinations = [...combinationMap.entries()].sort(([x], [y]) => x - y).map(([, value]) => value);
  const moderatorLoads = round.moderators.map((moderator, m) => ({
    id: moderator.id,
    interviews: state.moderatorLoad[m]!,
    maxInterviews: moderator.maxInterviews,
  }));
  const placed = round.participants.length - unplaced.length;
  const loadsText =
    moderatorLoads.length === 0
      ? duoMessage('noModerators', lang)
      : moderatorLoads
          .map((load, m) => `${round.moderators[m]!.name} ${load.interviews}/${load.maxInterviews}`)
          .join(', ');

  return {
    interviews,
    unplaced,
    summary: {
      participants: round.participants.length,
      interviews: interviews.length,
      placed,
      unplaced: unplaced.length,
      belowTarget,
      upperBound,
      provenOptimal: interviews.length === upperBound,
      combinations,
      preferredCovered: combinations.filter((combination) => combination.preferred).length,
      preferredRequested: preferredKeys.size,
      moderatorLoads,
      text: duoMessage('summaryText', lang, {
        interviews: interviews.length,
        placed,
        participants: round.participants.length,
        unplaced: unplaced.length,
        combinations: combinations.length,
        loads: loadsText,
      }),
    },
  };
}

function keyOf(x: Perspective, y: Perspective): number {
  return perspectivePairKey(perspectiveIndex(x), perspectiveIndex(y));
}

/** Dutch (or English) label of a perspective combination, e.g. "Bestuur – Uitvoering". */
export function combinationLabel(combination: DuoCombination, lang: Lang = 'nl'): string {
  return combination.perspectives.map((perspective) => PERSPECTIVE_LABELS[perspective][lang]).join(' – ');
}
