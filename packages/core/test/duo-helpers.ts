import fc from 'fast-check';
import {
  type DuoPlan,
  type DuoRound,
  type DuoRoundInput,
  PERSPECTIVES,
  parseDuoRound,
} from '../src/index.js';

/**
 * Independent checks for the duo-interview scheduler. They recompute everything from the input with
 * plain loops (no solver code), so a bug in the solver cannot hide in a shared helper.
 */

/** Minutes of a winter-time wall clock; the generated rounds stay in February, so no clock change. */
function minutes(value: string): number {
  return Date.parse(`${value}:00+01:00`) / 60_000;
}

export function clash(round: DuoRound, slotA: string, slotB: string): boolean {
  const a = round.slots.find((slot) => slot.id === slotA)!;
  const b = round.slots.find((slot) => slot.id === slotB)!;
  const buffer = round.rules.bufferMinutes;
  // Apart only if one ends (plus buffer) at or before the other starts.
  const apart = minutes(a.end) + buffer <= minutes(b.start) || minutes(b.end) + buffer <= minutes(a.start);
  return !apart;
}

const samePair = (x: readonly string[], a: string, b: string) =>
  (x[0] === a && x[1] === b) || (x[0] === b && x[1] === a);

export function hardRuleViolations(input: DuoRoundInput, plan: DuoPlan): string[] {
  const round = parseDuoRound(input);
  const problems: string[] = [];
  const participant = new Map(round.participants.map((person) => [person.id, person]));
  const moderator = new Map(round.moderators.map((person) => [person.id, person]));
  const bookings = new Map<string, string[]>();
  const book = (person: string, slot: string) =>
    bookings.set(person, [...(bookings.get(person) ?? []), slot]);
  const seenPairs: string[][] = [];

  for (const interview of plan.interviews) {
    const [a, b] = interview.participants;
    const pa = participant.get(a);
    const pb = participant.get(b);
    const m = moderator.get(interview.moderator);
    if (!pa || !pb || !m || !round.slots.some((slot) => slot.id === interview.slot)) {
      problems.push(`unknown id in ${JSON.stringify(interview)}`);
      continue;
    }
    if (a === b) problems.push(`${a} interviews themself`);
    if (pa.perspective === pb.perspective) problems.push(`${a} and ${b} share perspective ${pa.perspective}`);
    for (const person of [pa, pb, m]) {
      if (!person.available.includes(interview.slot))
        problems.push(`${person.id} not available at ${interview.slot}`);
    }
    for (const list of [round.rules.avoidPairs, round.rules.previousPairs]) {
      if (list.some((pair) => samePair(pair, a, b))) problems.push(`excluded pair ${a}-${b} planned`);
    }
    if (seenPairs.some((pair) => samePair(pair, a, b))) problems.push(`pair ${a}-${b} planned twice`);
    seenPairs.push([a, b]);
    book(a, interview.slot);
    book(b, interview.slot);
    book(m.id, interview.slot);
  }
  for (const [person, slots] of bookings) {
    for (let x = 0; x < slots.length; x++) {
      for (let y = x + 1; y < slots.length; y++) {
        if (clash(round, slots[x]!, slots[y]!))
          problems.push(`${person} booked at clashing ${slots[x]} and ${slots[y]}`);
      }
    }
    const limit = moderator.get(person)?.maxInterviews ?? round.rules.interviewsPerParticipant;
    if (slots.length > limit) problems.push(`${person} has ${slots.length} interviews, limit ${limit}`);
  }
  const expectedUnplaced = round.participants.filter((person) => !bookings.has(person.id)).map((p) => p.id);
  const reported = plan.unplaced.map((entry) => entry.id);
  if (JSON.stringify(expectedUnplaced) !== JSON.stringify(reported)) {
    problems.push(`unplaced list ${reported} differs from people without interview ${expectedUnplaced}`);
  }
  if (plan.summary.interviews !== plan.interviews.length) problems.push('summary.interviews is wrong');
  if (plan.summary.placed + plan.summary.unplaced !== round.participants.length)
    problems.push('summary counts');
  return problems;
}

/** Checks the claim of one unplaced person's reason against the input and the plan; returns what is false. */
export function falseReason(input: DuoRoundInput, plan: DuoPlan, id: string): string | undefined {
  const round = parseDuoRound(input);
  const u = round.participants.find((person) => person.id === id)!;
  const entry = plan.unplaced.find((item) => item.id === id)!;
  const others = round.participants.filter(
    (person) => person.id !== id && person.perspective !== u.perspective,
  );
  const partnersAt = (slot: string) => others.filter((person) => person.available.includes(slot));
  const moderatorsAt = (slot: string) =>
    round.moderators.filter((person) => person.maxInterviews > 0 && person.available.includes(slot));
  const excluded = (other: string) =>
    [...round.rules.avoidPairs, ...round.rules.previousPairs].some((pair) => samePair(pair, id, other));

  if (plan.interviews.some((interview) => interview.participants.includes(id)))
    return 'listed but has an interview';
  switch (entry.code) {
    case 'no-slots':
      return u.available.length === 0 ? undefined : 'has available slots';
    case 'no-partner':
      return u.available.every((slot) => partnersAt(slot).length === 0)
        ? undefined
        : 'a partner shares a slot';
    case 'no-moderator': {
      const partnerSlots = u.available.filter((slot) => partnersAt(slot).length > 0);
      if (partnerSlots.length === 0) return 'no partner slot at all';
      return partnerSlots.every((slot) => moderatorsAt(slot).length === 0)
        ? undefined
        : 'a moderator is available';
    }
    case 'all-excluded': {
      const options = u.available.flatMap((slot) =>
        moderatorsAt(slot).length > 0 ? partnersAt(slot).map((person) => person.id) : [],
      );
      if (options.length === 0) return 'no option at all';
      return options.every(excluded) ? undefined : 'an allowed option exists';
    }
    case 'capacity': {
      const load = (person: string) =>
        plan.interviews.filter((i) => i.participants.includes(person) || i.moderator === person);
      let options = 0;
      for (const slot of u.available) {
        for (const partner of partnersAt(slot)) {
          if (excluded(partner.id)) continue;
          for (const mod of moderatorsAt(slot)) {
            options++;
            const partnerBlocked =
              load(partner.id).length >= round.rules.interviewsPerParticipant ||
              load(partner.id).some((i) => clash(round, i.slot, slot));
            const moderatorBlocked =
              load(mod.id).length >= mod.maxInterviews ||
              load(mod.id).some((i) => clash(round, i.slot, slot));
            if (!partnerBlocked && !moderatorBlocked) {
              return `could be placed directly with ${partner.id} and ${mod.id} at ${slot}`;
            }
          }
        }
      }
      return options > 0 ? undefined : 'no allowed option, so capacity is not the reason';
    }
  }
}

/** The most interviews any schedule can hold, by exhaustive search (tiny rounds only). */
export function bruteForceMaxInterviews(input: DuoRoundInput): number {
  const round = parseDuoRound(input);
  const candidates: Array<{ a: string; b: string; slot: string; m: string }> = [];
  const { participants, moderators, rules } = round;
  for (let i = 0; i < participants.length; i++) {
    for (let j = i + 1; j < participants.length; j++) {
      const a = participants[i]!;
      const b = participants[j]!;
      if (a.perspective === b.perspective) continue;
      if ([...rules.avoidPairs, ...rules.previousPairs].some((pair) => samePair(pair, a.id, b.id))) continue;
      for (const slot of a.available) {
        if (!b.available.includes(slot)) continue;
        for (const m of moderators) {
          if (m.maxInterviews > 0 && m.available.includes(slot))
            candidates.push({ a: a.id, b: b.id, slot, m: m.id });
        }
      }
    }
  }
  const chosen: typeof candidates = [];
  const fits = (c: (typeof candidates)[number]) => {
    const pairUsed = chosen.some((x) => samePair([x.a, x.b], c.a, c.b));
    if (pairUsed) return false;
    for (const person of [c.a, c.b, c.m]) {
      const mine = chosen.filter((x) => x.a === person || x.b === person || x.m === person);
      const limit =
        person === c.m
          ? moderators.find((m) => m.id === person)!.maxInterviews
          : rules.interviewsPerParticipant;
      if (mine.length >= limit || mine.some((x) => clash(round, x.slot, c.slot))) return false;
    }
    return true;
  };
  let best = 0;
  const search = (index: number) => {
    best = Math.max(best, chosen.length);
    if (chosen.length + (candidates.length - index) <= best) return;
    for (let k = index; k < candidates.length; k++) {
      const candidate = candidates[k]!;
      if (!fits(candidate)) continue;
      chosen.push(candidate);
      search(k + 1);
      chosen.pop();
    }
  };
  search(0);
  return best;
}

export interface RoundShape {
  maxParticipants: number;
  maxSlots: number;
  maxModerators: number;
  maxPerParticipant: number;
}

/** Random valid rounds: overlapping and adjacent slots, few perspectives (so some pairs are impossible). */
export function roundArbitrary(shape: RoundShape): fc.Arbitrary<DuoRoundInput> {
  return fc
    .record({
      slotSpecs: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 3 }),
          quarter: fc.integer({ min: 36, max: 64 }),
          length: fc.constantFrom(2, 3, 4, 6),
        }),
        { minLength: 1, maxLength: shape.maxSlots },
      ),
      perspectiveCount: fc.integer({ min: 1, max: PERSPECTIVES.length }),
      participantCount: fc.integer({ min: 0, max: shape.maxParticipants }),
      moderatorCount: fc.integer({ min: 0, max: shape.maxModerators }),
      seeds: fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 8, maxLength: 8 }),
      interviewsPerParticipant: fc.integer({ min: 1, max: shape.maxPerParticipant }),
      bufferMinutes: fc.constantFrom(0, 0, 15, 30),
    })
    .map((spec) => {
      let state = spec.seeds.reduce((sum, seed) => (sum * 31 + seed) >>> 0, 7);
      const next = () => {
        state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
        return state / 2 ** 32;
      };
      const time = (day: number, quarter: number) => {
        const hour = String(Math.floor(quarter / 4)).padStart(2, '0');
        const minute = String((quarter % 4) * 15).padStart(2, '0');
        return `2027-02-0${day}T${hour}:${minute}`;
      };
      const slots = spec.slotSpecs.map((slot, index) => ({
        id: `s${index}`,
        start: time(slot.day, slot.quarter),
        end: time(slot.day, slot.quarter + slot.length),
      }));
      const pickSlots = (share: number) => slots.filter(() => next() < share).map((slot) => slot.id);
      const participants = Array.from({ length: spec.participantCount }, (_, i) => ({
        id: `p${i}`,
        name: `Deelnemer ${i}`,
        perspective: PERSPECTIVES[Math.floor(next() * spec.perspectiveCount)]!,
        available: pickSlots(0.2 + next() * 0.6),
      }));
      const moderators = Array.from({ length: spec.moderatorCount }, (_, i) => ({
        id: `m${i}`,
        name: `Moderator ${i}`,
        available: pickSlots(0.2 + next() * 0.6),
        maxInterviews: Math.floor(next() * 5),
      }));
      const pairs = (count: number) =>
        participants.length < 2
          ? []
          : Array.from({ length: count }, () => {
              const a = Math.floor(next() * participants.length);
              const b = (a + 1 + Math.floor(next() * (participants.length - 1))) % participants.length;
              return [`p${a}`, `p${b}`] as [string, string];
            });
      return {
        slots,
        participants,
        moderators,
        rules: {
          interviewsPerParticipant: spec.interviewsPerParticipant,
          bufferMinutes: spec.bufferMinutes,
          avoidPairs: pairs(Math.floor(next() * 3)),
          previousPairs: pairs(Math.floor(next() * 4)),
          preferredCombinations: [['bestuur', 'uitvoering']] as [['bestuur', 'uitvoering']],
        },
      } satisfies DuoRoundInput;
    });
}
