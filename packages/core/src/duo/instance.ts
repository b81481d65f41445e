import { PERSPECTIVES, type Perspective } from '../model/vocabulary.js';
import type { DuoRound } from './schema.js';
import { amsterdamToEpochMinutes } from './slot-time.js';

/** A partner j of participant i and the slots where both can and at least one moderator can too. */
export interface PartnerOption {
  partner: number;
  slots: number[];
}

/**
 * The round in index form: participants, slots and moderators are numbered in input order, so every
 * loop of the solver runs in input order and the result depends on nothing else.
 */
export interface DuoInstance {
  round: DuoRound;
  participantCount: number;
  slotCount: number;
  moderatorCount: number;
  perInterviews: number;
  perspective: number[];
  /** participantAvailable[i * slotCount + s] */
  participantAvailable: Uint8Array;
  /** Participants available at slot s, in input order. */
  slotParticipants: number[][];
  /** Moderators with room for at least one interview, available at slot s, in input order. */
  slotModerators: number[][];
  moderatorCapacity: number[];
  /** For each slot: every slot (itself included) that cannot be combined with it by one person. */
  conflicts: number[][];
  /** excluded[i * participantCount + j]: avoidPairs or previousPairs. */
  excluded: Uint8Array;
  /** Allowed partners of each participant that share a slot with a moderator, fewest options first. */
  options: PartnerOption[][];
  slotIndex: Map<string, number>;
  participantIndex: Map<string, number>;
  moderatorIndex: Map<string, number>;
  startMinutes: number[];
  endMinutes: number[];
}

export function perspectivePairKey(a: number, b: number): number {
  return a < b ? a * PERSPECTIVES.length + b : b * PERSPECTIVES.length + a;
}

export function perspectiveIndex(perspective: Perspective): number {
  return PERSPECTIVES.indexOf(perspective);
}

/** Two slots clash for one person when they overlap or lie closer together than the buffer. */
export function slotsClash(
  startA: number,
  endA: number,
  startB: number,
  endB: number,
  bufferMinutes: number,
): boolean {
  return startA < endB + bufferMinutes && startB < endA + bufferMinutes;
}

export function buildInstance(round: DuoRound): DuoInstance {
  const P = round.participants.length;
  const S = round.slots.length;
  const M = round.moderators.length;
  const slotIndex = new Map(round.slots.map((slot, index) => [slot.id, index]));
  const participantIndex = new Map(round.participants.map((person, index) => [person.id, index]));
  const moderatorIndex = new Map(round.moderators.map((person, index) => [person.id, index]));
  const startMinutes = round.slots.map((slot) => amsterdamToEpochMinutes(slot.start));
  const endMinutes = round.slots.map((slot) => amsterdamToEpochMinutes(slot.end));
  const buffer = round.rules.bufferMinutes;

  const conflicts: number[][] = [];
  for (let s = 0; s < S; s++) {
    const row: number[] = [];
    for (let t = 0; t < S; t++) {
      if (slotsClash(startMinutes[s]!, endMinutes[s]!, startMinutes[t]!, endMinutes[t]!, buffer)) row.push(t);
    }
    conflicts.push(row);
  }

  const participantAvailable = new Uint8Array(P * S);
  round.participants.forEach((person, i) => {
    for (const id of person.available) participantAvailable[i * S + slotIndex.get(id)!] = 1;
  });
  const slotParticipants: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < P; i++) {
    for (let s = 0; s < S; s++) if (participantAvailable[i * S + s]) slotParticipants[s]!.push(i);
  }
  const slotModerators: number[][] = Array.from({ length: S }, () => []);
  round.moderators.forEach((person, m) => {
    if (person.maxInterviews === 0) return;
    const slots = [...new Set(person.available.map((id) => slotIndex.get(id)!))].sort((a, b) => a - b);
    for (const s of slots) slotModerators[s]!.push(m);
  });

  const excluded = new Uint8Array(P * P);
  for (const [a, b] of [...round.rules.avoidPairs, ...round.rules.previousPairs]) {
    const i = participantIndex.get(a)!;
    const j = participantIndex.get(b)!;
    excluded[i * P + j] = 1;
    excluded[j * P + i] = 1;
  }

  const perspective = round.participants.map((person) => perspectiveIndex(person.perspective));
  const slotsOf = round.participants.map((person) =>
    [...new Set(person.available.map((id) => slotIndex.get(id)!))]
      .filter((s) => slotModerators[s]!.length > 0)
      .sort((a, b) => a - b),
  );
  const options: PartnerOption[][] = Array.from({ length: P }, () => []);
  for (let i = 0; i < P; i++) {
    for (let j = i + 1; j < P; j++) {
      if (perspective[i] === perspective[j] || excluded[i * P + j]) continue;
      const slots = slotsOf[i]!.filter((s) => participantAvailable[j * S + s] === 1);
      if (slots.length === 0) continue;
      options[i]!.push({ partner: j, slots });
      options[j]!.push({ partner: i, slots });
    }
  }
  // Scarce partners first: pairing someone with few options before they are taken is what a planner does
  // by hand, and it makes the first schedule close to the best one.
  const degree = options.map((list) => list.length);
  for (const list of options) {
    list.sort((x, y) => degree[x.partner]! - degree[y.partner]! || x.partner - y.partner);
  }

  return {
    round,
    participantCount: P,
    slotCount: S,
    moderatorCount: M,
    perInterviews: round.rules.interviewsPerParticipant,
    perspective,
    participantAvailable,
    slotParticipants,
    slotModerators,
    moderatorCapacity: round.moderators.map((person) => person.maxInterviews),
    conflicts,
    excluded,
    options,
    slotIndex,
    participantIndex,
    moderatorIndex,
    startMinutes,
    endMinutes,
  };
}
