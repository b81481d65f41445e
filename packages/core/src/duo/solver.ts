import { interviewUpperBound } from './bounds.js';
import { type DuoInstance, perspectiveIndex, perspectivePairKey } from './instance.js';
import { createRandom, type Random } from './random.js';
import { type PlannedInterview, ScheduleState } from './schedule-state.js';

/**
 * How hard the search works. Budgets are counted in search steps, never in milliseconds, so the same
 * input always gives the same schedule, on any machine.
 */
export interface SolverLimits {
  /** Deepest ejection chain: how many planned interviews one insertion may move aside in a row. */
  maxDepth: number;
  /** Search steps per attempt to place one participant. */
  stepsPerAttempt: number;
  /** Ruin-and-recreate rounds after the ejection chains, while the bound is not reached. */
  perturbationRounds: number;
  /**
   * Search steps for the whole solve (one step: one partner, slot or moderator examined). Together with
   * the stall rule it keeps hard rounds, where the bound cannot be reached, under a second at 200
   * participants; the final direct-insertion pass always runs, so everyone left out really could not be
   * added without moving someone.
   */
  totalSteps: number;
}

export const DEFAULT_LIMITS: SolverLimits = {
  maxDepth: 3,
  stepsPerAttempt: 4000,
  perturbationRounds: 1500,
  totalSteps: 12_000_000,
};

/** Ruin-and-recreate rounds in a row without a gain after which the search gives up. */
const STALL_ROUNDS = 400;

/** Steps left for the whole solve, shared by every phase. */
interface Budget {
  left: number;
}

export interface SolverResult {
  interviews: PlannedInterview[];
  upperBound: number;
  state: ScheduleState;
}

interface ChainContext {
  steps: number;
  budget: Budget;
  locked: Set<number>;
  inChain: Uint8Array;
}

/**
 * Places u directly with a free partner, slot and moderator (least-loaded moderator first). Charges the
 * budget but never stops on it: this is the check behind every "could not be placed" reason.
 */
function insertDirectly(state: ScheduleState, u: number, budget?: Budget): boolean {
  const { options, slotModerators, moderatorCapacity, perInterviews } = state.instance;
  if (state.participantLoad[u]! >= perInterviews) return false;
  let work = 0;
  for (const { partner: v, slots } of options[u]!) {
    work++;
    if (state.participantLoad[v]! >= perInterviews || !state.pairFree(u, v)) continue;
    let best: PlannedInterview | undefined;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const s of slots) {
      work++;
      if (!state.participantFree(u, s) || !state.participantFree(v, s)) continue;
      for (const m of slotModerators[s]!) {
        work++;
        if (!state.moderatorFree(m, s)) continue;
        const load = state.moderatorLoad[m]! / moderatorCapacity[m]!;
        if (load < bestLoad) {
          bestLoad = load;
          best = { a: u, b: v, s, m };
        }
      }
    }
    if (best) {
      if (budget) budget.left -= work;
      state.add(best);
      return true;
    }
  }
  if (budget) budget.left -= work;
  return false;
}

/**
 * The ways to make room for (u, v, s, m) by moving exactly one planned interview: each entry is one
 * interview id (or empty when nothing is in the way). Combinations that need two or more moves are left out.
 */
function evictionCandidates(state: ScheduleState, u: number, v: number, s: number, m: number): number[][] {
  const { perInterviews, moderatorCapacity } = state.instance;
  // With more than one interview each, u may itself have an interview too close to s.
  const ownClash = state.participantClashes(u, s);
  if (ownClash.length > 1) return [];
  const partnerClash = state.participantClashes(v, s);
  if (partnerClash.length > 1) return [];
  const partnerChoices =
    partnerClash.length === 1
      ? [partnerClash]
      : state.participantLoad[v]! >= perInterviews
        ? state.byParticipant[v]!.map((id) => [id])
        : [[]];
  const moderatorClash = state.moderatorClashes(m, s);
  if (moderatorClash.length > 1) return [];
  const moderatorChoices =
    moderatorClash.length === 1
      ? [moderatorClash]
      : state.moderatorLoad[m]! >= moderatorCapacity[m]!
        ? state.byModerator[m]!.map((id) => [id])
        : [[]];
  const result: number[][] = [];
  for (const partnerSide of partnerChoices) {
    for (const moderatorSide of moderatorChoices) {
      const union = [...new Set([...ownClash, ...partnerSide, ...moderatorSide])];
      if (union.length <= 1) result.push(union);
    }
  }
  return result;
}

/**
 * Ejection chain: place u next to partner v by moving one planned interview aside, then place one of the
 * people it freed, recursively. For one interview per person this is an augmenting path of a matching
 * that also respects slots, buffers and moderators. Succeeds only if the total grows by one; on failure
 * the schedule is restored exactly.
 */
function placeWithChain(state: ScheduleState, u: number, depth: number, context: ChainContext): boolean {
  if (insertDirectly(state, u, context.budget)) return true;
  if (depth === 0 || state.participantLoad[u]! >= state.instance.perInterviews) return false;
  const { options, slotModerators } = state.instance;
  context.inChain[u] = 1;
  try {
    for (const { partner: v, slots } of options[u]!) {
      if (context.inChain[v] || !state.pairFree(u, v)) continue;
      for (const s of slots) {
        for (const m of slotModerators[s]!) {
          context.budget.left--;
          if (--context.steps < 0 || context.budget.left < 0) return false;
          for (const eviction of evictionCandidates(state, u, v, s, m)) {
            const victim = eviction[0];
            if (victim === undefined || context.locked.has(victim)) continue;
            const moved = state.remove(victim);
            if (!state.canAdd(u, v, s, m)) {
              state.add(moved, victim);
              continue;
            }
            const placed = state.add({ a: u, b: v, s, m });
            context.locked.add(placed);
            for (const freed of [moved.a, moved.b]) {
              if (freed === u || freed === v) continue;
              if (placeWithChain(state, freed, depth - 1, context)) return true;
            }
            // Moving a moderator's interview frees moderator time around its slot, which someone other
            // than the two people it freed may be able to use.
            if (moved.m === m && moved.s !== s && placeNear(state, moved.s, context.budget)) return true;
            context.locked.delete(placed);
            state.remove(placed);
            state.add(moved, victim);
          }
        }
      }
    }
    return false;
  } finally {
    context.inChain[u] = 0;
  }
}

/** Places anyone with room who is available around slot `s`, directly. */
function placeNear(state: ScheduleState, s: number, budget: Budget): boolean {
  const { conflicts, slotParticipants, perInterviews } = state.instance;
  for (const t of conflicts[s]!) {
    for (const w of slotParticipants[t]!) {
      if (state.participantLoad[w]! < perInterviews && insertDirectly(state, w, budget)) return true;
    }
  }
  return false;
}

function participantsByScarcity(instance: DuoInstance): number[] {
  return Array.from({ length: instance.participantCount }, (_, i) => i).sort(
    (x, y) => instance.options[x]!.length - instance.options[y]!.length || x - y,
  );
}

function maximiseCount(
  state: ScheduleState,
  order: number[],
  bound: number,
  limits: SolverLimits,
  budget: Budget,
): void {
  const { perInterviews, participantCount } = state.instance;
  const inChain = new Uint8Array(participantCount);
  for (let depth = 0; depth <= limits.maxDepth && state.count < bound; depth++) {
    let improved = true;
    while (improved && state.count < bound && budget.left > 0) {
      improved = false;
      for (const u of order) {
        while (state.participantLoad[u]! < perInterviews && state.count < bound && budget.left > 0) {
          const context: ChainContext = { steps: limits.stepsPerAttempt, budget, locked: new Set(), inChain };
          if (!placeWithChain(state, u, depth, context)) break;
          improved = true;
        }
      }
    }
  }
}

function rebuild(instance: DuoInstance, interviews: PlannedInterview[]): ScheduleState {
  const state = new ScheduleState(instance);
  for (const interview of interviews) state.add(interview);
  return state;
}

/**
 * Ruin and recreate: drop part of the schedule, refill it in a random order, keep if not worse. The part
 * alternates between a random quarter, everything of two moderators, and everything near one moment:
 * dropping related interviews frees room that a random choice rarely frees at once.
 */
function perturb(
  instance: DuoInstance,
  current: ScheduleState,
  random: Random,
  bound: number,
  limits: SolverLimits,
  budget: Budget,
  round: number,
): ScheduleState {
  const live = current.live();
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random.next() * items.length)];
  let drop: (interview: PlannedInterview) => boolean;
  const spare = current.moderatorLoad.reduce<number[]>((list, load, m) => {
    if (load < instance.moderatorCapacity[m]!) list.push(m);
    return list;
  }, []);
  if (round % 4 === 3 && spare.length > 0) {
    // Around a moderator with room left: clear half of what is planned near the slots they could take.
    const moderator = pick(spare)!;
    const near = new Set<number>();
    instance.slotModerators.forEach((moderators, s) => {
      if (moderators.includes(moderator)) for (const t of instance.conflicts[s]!) near.add(t);
    });
    drop = (interview) => (near.has(interview.s) && random.next() < 0.5) || random.next() < 0.05;
  } else if (round % 3 === 1 && instance.moderatorCount > 0) {
    const first = pick(live)?.m;
    const second = pick(live)?.m;
    drop = (interview) => interview.m === first || interview.m === second || random.next() < 0.1;
  } else if (round % 3 === 2 && live.length > 0) {
    const centre = pick(live)!.s;
    const near = new Set(instance.conflicts[centre]!.flatMap((s) => instance.conflicts[s]!));
    drop = (interview) => near.has(interview.s) || random.next() < 0.1;
  } else {
    drop = () => random.next() < 0.25;
  }
  const kept = live.filter((interview) => !drop(interview));
  const candidate = rebuild(instance, kept);
  const order = random.shuffle(participantsByScarcity(instance));
  maximiseCount(candidate, order, bound, { ...limits, maxDepth: Math.min(limits.maxDepth, 2) }, budget);
  return candidate;
}

function comboScore(state: ScheduleState, preferred: Set<number>): number {
  return scoreOfCounts(state.comboCount, preferred);
}

function scoreOfCounts(comboCount: Int32Array, preferred: Set<number>): number {
  let preferredCovered = 0;
  let distinct = 0;
  comboCount.forEach((count, key) => {
    if (count === 0) return;
    distinct++;
    if (preferred.has(key)) preferredCovered++;
  });
  // Preferred combinations first, then any other new combination.
  return preferredCovered * 1000 + distinct;
}

/** The combination score if the interviews with perspective keys `out` were replaced by ones with `in`. */
function scoreAfter(state: ScheduleState, preferred: Set<number>, out: number[], into: number[]): number {
  // Changed in place and restored: this runs for every pair of interviews, so no copies.
  const counts = state.comboCount;
  for (const key of out) counts[key]!--;
  for (const key of into) counts[key]!++;
  const score = scoreOfCounts(counts, preferred);
  for (const key of into) counts[key]!--;
  for (const key of out) counts[key]!++;
  return score;
}

/** Best free slot and moderator for a pair, or undefined. */
function placePair(state: ScheduleState, a: number, b: number): PlannedInterview | undefined {
  const option = state.instance.options[a]!.find((candidate) => candidate.partner === b);
  if (!option || !state.pairFree(a, b)) return undefined;
  for (const s of option.slots) {
    if (!state.participantFree(a, s) || !state.participantFree(b, s)) continue;
    let best: number | undefined;
    for (const m of state.instance.slotModerators[s]!) {
      if (!state.moderatorFree(m, s)) continue;
      if (best === undefined || state.moderatorLoad[m]! < state.moderatorLoad[best]!) best = m;
    }
    if (best !== undefined) return { a, b, s, m: best };
  }
  return undefined;
}

/** Swap partners between two interviews (or take in someone unplaced) when that covers more combinations. */
function improveCombinations(state: ScheduleState, preferred: Set<number>): void {
  const { perspective, participantCount, perInterviews } = state.instance;
  for (let round = 0; round < 20; round++) {
    let improved = false;
    const live = state.interviews.map((interview, id) => ({ interview, id })).filter((x) => x.interview);
    for (let x = 0; x < live.length; x++) {
      for (let y = x + 1; y < live.length; y++) {
        const first = state.interviews[live[x]!.id];
        const second = state.interviews[live[y]!.id];
        if (!first || !second) continue;
        for (const [p, q, r, t] of [
          [first.a, second.a, first.b, second.b],
          [first.a, second.b, first.b, second.a],
        ] as const) {
          if (perspective[p] === perspective[q] || perspective[r] === perspective[t]) continue;
          if (p === q || r === t || p === r || q === t) continue;
          const before = comboScore(state, preferred);
          const out = [perspectivePairKey(perspective[first.a]!, perspective[first.b]!)];
          out.push(perspectivePairKey(perspective[second.a]!, perspective[second.b]!));
          const into = [perspectivePairKey(perspective[p]!, perspective[q]!)];
          into.push(perspectivePairKey(perspective[r]!, perspective[t]!));
          // Cheap test first: only touch the schedule when the swap would cover more combinations.
          if (scoreAfter(state, preferred, out, into) <= before) continue;
          const removedFirst = state.remove(live[x]!.id);
          const removedSecond = state.remove(live[y]!.id);
          const one = placePair(state, p, q);
          const oneId = one ? state.add(one) : undefined;
          const two = oneId !== undefined ? placePair(state, r, t) : undefined;
          const twoId = two ? state.add(two) : undefined;
          if (twoId !== undefined && comboScore(state, preferred) > before) {
            live[x]!.id = oneId!;
            live[y]!.id = twoId;
            improved = true;
            break;
          }
          if (twoId !== undefined) state.remove(twoId);
          if (oneId !== undefined) state.remove(oneId);
          state.add(removedFirst, live[x]!.id);
          state.add(removedSecond, live[y]!.id);
        }
      }
    }
    // Someone without an interview may bring a combination that is still missing.
    for (let u = 0; u < participantCount; u++) {
      if (state.participantLoad[u]! >= perInterviews) continue;
      for (const id of liveIds(state)) {
        const interview = state.interviews[id];
        if (!interview) continue;
        if (replaceOne(state, preferred, id, interview, u)) improved = true;
        if (state.participantLoad[u]! >= perInterviews) break;
      }
    }
    if (!improved) return;
  }
}

/** Tries (u, b) or (a, u) instead of (a, b); keeps it only if more combinations are covered. */
function replaceOne(
  state: ScheduleState,
  preferred: Set<number>,
  id: number,
  interview: PlannedInterview,
  u: number,
): boolean {
  const { perspective } = state.instance;
  for (const stay of [interview.a, interview.b]) {
    if (perspective[u] === perspective[stay] || u === interview.a || u === interview.b) continue;
    const before = comboScore(state, preferred);
    const out = [perspectivePairKey(perspective[interview.a]!, perspective[interview.b]!)];
    const into = [perspectivePairKey(perspective[u]!, perspective[stay]!)];
    if (scoreAfter(state, preferred, out, into) <= before) continue;
    state.remove(id);
    const replacement = placePair(state, u, stay);
    const replacementId = replacement ? state.add(replacement) : undefined;
    if (replacementId !== undefined && comboScore(state, preferred) > before) return true;
    if (replacementId !== undefined) state.remove(replacementId);
    state.add(interview, id);
  }
  return false;
}

/** Moves interviews from busier to quieter moderators (same slot, or another slot the pair can make). */
function balanceModerators(state: ScheduleState): void {
  const { slotModerators, options } = state.instance;
  for (let round = 0; round < 50; round++) {
    let improved = false;
    for (const id of liveIds(state)) {
      const interview = state.interviews[id]!;
      const { a, b, m } = interview;
      state.remove(id);
      const slots = options[a]!.find((option) => option.partner === b)!.slots;
      let better: PlannedInterview | undefined;
      for (const s of slots) {
        if (!state.participantFree(a, s) || !state.participantFree(b, s)) continue;
        for (const other of slotModerators[s]!) {
          if (!state.moderatorFree(other, s)) continue;
          // m's load is already lowered by the removal: moving helps only if `other` ends up below m's old load.
          if (state.moderatorLoad[other]! >= state.moderatorLoad[m]!) continue;
          if (!better || state.moderatorLoad[other]! < state.moderatorLoad[better.m]!)
            better = { a, b, s, m: other };
        }
      }
      if (better) state.add(better);
      else state.add(interview, id);
      if (better) improved = true;
    }
    if (!improved) return;
  }
}

function liveIds(state: ScheduleState): number[] {
  const ids: number[] = [];
  state.interviews.forEach((interview, id) => {
    if (interview) ids.push(id);
  });
  return ids;
}

function fillDirectly(state: ScheduleState, order: number[]): void {
  let placed = true;
  while (placed) {
    placed = false;
    for (const u of order) if (insertDirectly(state, u)) placed = true;
  }
}

/** Deterministic seed from the instance content (participants, slots, moderators in input order). */
function seedOf(instance: DuoInstance): number {
  const text = JSON.stringify(instance.round);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function solveDuoInstance(instance: DuoInstance, limits: SolverLimits = DEFAULT_LIMITS): SolverResult {
  const bound = interviewUpperBound(instance);
  const order = participantsByScarcity(instance);
  const budget: Budget = { left: limits.totalSteps };
  let best = new ScheduleState(instance);
  maximiseCount(best, order, bound, limits, budget);

  const random = createRandom(seedOf(instance));
  // Stop early when many rounds in a row find nothing better: the bound is then probably not reachable.
  let stalled = 0;
  for (let round = 0; round < limits.perturbationRounds && best.count < bound && budget.left > 0; round++) {
    const candidate = perturb(instance, best, random, bound, limits, budget, round);
    stalled = candidate.count > best.count ? 0 : stalled + 1;
    if (candidate.count >= best.count) best = candidate;
    if (stalled >= STALL_ROUNDS) break;
  }

  const state = rebuild(instance, best.live());
  const preferred = new Set(
    instance.round.rules.preferredCombinations.map(([x, y]) =>
      perspectivePairKey(perspectiveIndex(x), perspectiveIndex(y)),
    ),
  );
  improveCombinations(state, preferred);
  fillDirectly(state, order);
  balanceModerators(state);
  fillDirectly(state, order);
  const final = rebuild(instance, state.live());
  return { interviews: final.live(), upperBound: bound, state: final };
}
