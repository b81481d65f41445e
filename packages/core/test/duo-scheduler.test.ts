import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRound } from '../../../bench/duo/generate.js';
import { type DuoRoundInput, type Perspective, planDuoRound } from '../src/index.js';
import { buildDuoRound } from '../src/testing.js';
import { bruteForceMaxInterviews, falseReason, hardRuleViolations, roundArbitrary } from './duo-helpers.js';

/** Same content, every object rebuilt with its keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  }
  return value;
}

describe('planDuoRound on random rounds', () => {
  const medium = roundArbitrary({
    maxParticipants: 40,
    maxSlots: 14,
    maxModerators: 6,
    maxPerParticipant: 3,
  });

  it('obeys every hard rule and gives every unplaced person a true reason', () => {
    fc.assert(
      fc.property(medium, (input) => {
        const plan = planDuoRound(input);
        expect(hardRuleViolations(input, plan)).toEqual([]);
        for (const entry of plan.unplaced) expect(falseReason(input, plan, entry.id)).toBeUndefined();
        expect(plan.summary.interviews).toBeLessThanOrEqual(plan.summary.upperBound);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same plan for the same input, rebuilt arrays and reordered keys included', () => {
    fc.assert(
      fc.property(medium, (input) => {
        const plan = planDuoRound(input);
        expect(planDuoRound(structuredClone(input))).toEqual(plan);
        expect(planDuoRound(reverseKeys(input))).toEqual(plan);
      }),
      { numRuns: 40 },
    );
  });

  it('places as many interviews as the brute-force optimum on tiny rounds', () => {
    const tiny = roundArbitrary({ maxParticipants: 6, maxSlots: 4, maxModerators: 2, maxPerParticipant: 2 });
    fc.assert(
      fc.property(tiny, (input) => {
        expect(planDuoRound(input).interviews.length).toBe(bruteForceMaxInterviews(input));
      }),
      { numRuns: 200 },
    );
  });
});

describe('planDuoRound on benchmark-sized rounds', () => {
  const cases: Array<[number, number, 'realistic' | 'tight']> = [
    [60, 1, 'realistic'],
    [120, 2, 'tight'],
    [200, 3, 'realistic'],
  ];
  it.each(cases)('obeys every hard rule with %i participants (seed %i, %s)', (size, seed, profile) => {
    const input: DuoRoundInput = generateRound(size, seed, profile);
    const plan = planDuoRound(input);
    expect(hardRuleViolations(input, plan)).toEqual([]);
    for (const entry of plan.unplaced) expect(falseReason(input, plan, entry.id)).toBeUndefined();
    expect(plan.summary.interviews).toBeGreaterThan(size / 4);
  });
});

describe('planDuoRound reasons and objectives', () => {
  const slots = [
    { id: 's1', start: '2027-02-01T09:00', end: '2027-02-01T10:00' },
    { id: 's2', start: '2027-02-01T10:00', end: '2027-02-01T11:00' },
    { id: 's3', start: '2027-02-01T13:00', end: '2027-02-01T14:00' },
  ];
  const person = (id: string, perspective: Perspective, available: string[]) => ({
    id,
    name: id.toUpperCase(),
    perspective,
    available,
  });

  it('explains each kind of unplaced person in Dutch', () => {
    const input = {
      slots,
      participants: [
        person('a', 'bestuur', ['s1']),
        person('b', 'uitvoering', ['s1']),
        person('leeg', 'beleid', []),
        person('alleen', 'beleid', ['s3']),
        person('zonder-mod', 'beleid', ['s2']),
        person('ook-zonder-mod', 'inwoner', ['s2']),
        person('vermeden', 'partner', ['s1']),
      ],
      moderators: [{ id: 'm1', name: 'Mo', available: ['s1', 's3'], maxInterviews: 1 }],
      rules: { avoidPairs: [['vermeden', 'a']], previousPairs: [['vermeden', 'b']] },
    };
    const plan = planDuoRound(input);
    expect(plan.interviews).toEqual([{ slot: 's1', participants: ['a', 'b'], moderator: 'm1' }]);
    const reasons = Object.fromEntries(plan.unplaced.map((entry) => [entry.id, entry.reason]));
    expect(reasons.leeg).toBe('geen beschikbare tijdsloten opgegeven');
    expect(reasons.alleen).toBe('geen deelnemer met een ander perspectief die op hetzelfde moment kan');
    expect(reasons['zonder-mod']).toBe(
      'geen moderator beschikbaar op de momenten waarop een partner kan (ma 1 feb 2027 10:00–11:00)',
    );
    expect(reasons.vermeden).toBe(
      'alle passende combinaties zijn uitgesloten (avoidPairs/eerdere rondes): A, B',
    );
    expect(plan.summary.text).toContain('1 duo-interviews gepland; 2 van 7 deelnemers ingepland, 5 niet');
  });

  it('says when capacity, not the input, kept someone out', () => {
    const input = {
      slots,
      participants: [
        person('a', 'bestuur', ['s1']),
        person('b', 'uitvoering', ['s1']),
        person('c', 'beleid', ['s1']),
      ],
      moderators: [{ id: 'm1', name: 'Mo', available: ['s1'], maxInterviews: 1 }],
    };
    const plan = planDuoRound(input);
    expect(plan.interviews).toHaveLength(1);
    expect(plan.unplaced).toHaveLength(1);
    const [entry] = plan.unplaced;
    expect(entry?.code).toBe('capacity');
    expect(entry?.reason).toMatch(
      /^kon niet worden ingepland zonder een ander te verdringen: passende partners al ingepland/,
    );
    expect(falseReason(input, plan, entry!.id)).toBeUndefined();
  });

  it('respects the buffer for moderators between adjacent slots', () => {
    const input = {
      slots,
      participants: [
        person('a', 'bestuur', ['s1']),
        person('b', 'uitvoering', ['s1']),
        person('c', 'bestuur', ['s2']),
        person('d', 'uitvoering', ['s2']),
      ],
      moderators: [{ id: 'm1', name: 'Mo', available: ['s1', 's2'], maxInterviews: 4 }],
      rules: { bufferMinutes: 15 },
    };
    expect(planDuoRound(input).interviews).toHaveLength(1);
    expect(planDuoRound({ ...input, rules: { bufferMinutes: 0 } }).interviews).toHaveLength(2);
  });

  const everywhere = ['s1', 's3'];
  const twoModerators = [
    { id: 'm1', name: 'Mo', available: everywhere, maxInterviews: 4 },
    { id: 'm2', name: 'Mia', available: everywhere, maxInterviews: 4 },
  ];
  const pairsOf = (plan: ReturnType<typeof planDuoRound>) =>
    plan.interviews.map((interview) => [...interview.participants].sort().join('+')).sort();

  it('picks the pairing that covers a preferred combination when the count is equal', () => {
    // Three perfect pairings, each with two combinations; only a+c / b+d has bestuur-inwoner.
    const input = {
      slots,
      participants: [
        person('a', 'bestuur', everywhere),
        person('b', 'uitvoering', everywhere),
        person('c', 'inwoner', everywhere),
        person('d', 'beleid', everywhere),
      ],
      moderators: twoModerators,
      rules: { preferredCombinations: [['bestuur', 'inwoner']] },
    };
    const plan = planDuoRound(input);
    expect(pairsOf(plan)).toEqual(['a+c', 'b+d']);
    expect(plan.summary.preferredCovered).toBe(1);
    expect(plan.summary.moderatorLoads.map((load) => load.interviews)).toEqual([1, 1]);
  });

  it('covers as many different combinations as possible when the count is equal', () => {
    const input = {
      slots,
      participants: [
        person('a', 'bestuur', everywhere),
        person('b', 'uitvoering', everywhere),
        person('c', 'bestuur', everywhere),
        person('d', 'uitvoering', everywhere),
        person('e', 'beleid', everywhere),
        person('f', 'inwoner', everywhere),
      ],
      moderators: twoModerators,
    };
    const plan = planDuoRound(input);
    expect(plan.interviews).toHaveLength(3);
    expect(plan.summary.combinations).toHaveLength(3);
    expect(plan.summary.moderatorLoads.map((load) => load.interviews).sort()).toEqual([1, 2]);
  });

  it('writes reasons in English on request', () => {
    const plan = planDuoRound(
      { slots, participants: [person('x', 'bestuur', [])], moderators: [] },
      { lang: 'en' },
    );
    expect(plan.unplaced[0]?.reason).toBe('no available slots given');
  });
});

describe('buildDuoRound (test kit)', () => {
  it('is a round in which everyone fits', () => {
    const plan = planDuoRound(buildDuoRound());
    expect(plan.unplaced).toEqual([]);
    expect(plan.summary.provenOptimal).toBe(true);
    expect(hardRuleViolations(buildDuoRound(), plan)).toEqual([]);
  });
});
