import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMilp, loadHighs, relaxMilp, solveWithHighs } from '../../../bench/duo/milp.js';
import { type DuoRoundInput, planDuoRound } from '../src/index.js';
import { bruteForceMaxInterviews, roundArbitrary } from './duo-helpers.js';

/**
 * The benchmark compares the scheduler with HiGHS on a MILP model of the round. This test proves that
 * model right where exhaustive search is possible: the MILP optimum equals the brute-force optimum, its
 * LP relaxation is never below it, and the scheduler reaches it too.
 */
describe('the benchmark MILP model', () => {
  it('has the brute-force optimum on tiny rounds, and so does the scheduler', async () => {
    await loadHighs();
    const tiny = roundArbitrary({ maxParticipants: 6, maxSlots: 4, maxModerators: 2, maxPerParticipant: 2 });
    await fc.assert(
      fc.asyncProperty(tiny, async (input) => {
        const exact = bruteForceMaxInterviews(input);
        const model = buildMilp(input);
        const milp = await solveWithHighs(model, 10);
        expect(milp.status).toBe('Optimal');
        expect(Math.round(milp.objective)).toBe(exact);
        const relaxed = await solveWithHighs(relaxMilp(model), 10);
        expect(relaxed.objective).toBeGreaterThanOrEqual(exact - 1e-6);
        expect(planDuoRound(input).interviews.length).toBe(exact);
      }),
      { numRuns: 60 },
    );
  });

  it('counts a moderator buffer clash that brute force also sees', async () => {
    const input: DuoRoundInput = {
      slots: [
        { id: 's1', start: '2027-02-01T09:00', end: '2027-02-01T10:00' },
        { id: 's2', start: '2027-02-01T10:00', end: '2027-02-01T11:00' },
      ],
      participants: [
        { id: 'a', name: 'A', perspective: 'bestuur', available: ['s1'] },
        { id: 'b', name: 'B', perspective: 'beleid', available: ['s1'] },
        { id: 'c', name: 'C', perspective: 'bestuur', available: ['s2'] },
        { id: 'd', name: 'D', perspective: 'beleid', available: ['s2'] },
      ],
      moderators: [{ id: 'm', name: 'M', available: ['s1', 's2'], maxInterviews: 2 }],
      rules: { bufferMinutes: 10 },
    };
    const milp = await solveWithHighs(buildMilp(input), 10);
    expect(Math.round(milp.objective)).toBe(1);
    expect(bruteForceMaxInterviews(input)).toBe(1);
  });
});
