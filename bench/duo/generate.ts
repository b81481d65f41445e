import type { DuoRoundInput } from '../../packages/core/src/duo/index.js';
import { createRandom } from '../../packages/core/src/duo/random.js';

/**
 * Realistic, seeded duo-interview rounds for the benchmark: six perspectives unevenly spread, two weeks
 * of working days in one-hour blocks (09:00-17:00), each person available for 20-50 % of them, about one
 * moderator per eight participants with room for 3-6 interviews, some pairs to avoid and pairs from an
 * earlier round, a 15-minute buffer.
 */
const PERSPECTIVE_WEIGHTS = [
  ['uitvoering', 0.3],
  ['beleid', 0.22],
  ['management', 0.15],
  ['inwoner', 0.13],
  ['bestuur', 0.1],
  ['partner', 0.1],
] as const;

const DAYS = ['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'].concat([
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-02-11',
  '2027-02-12',
]);

/**
 * `realistic` follows the brief; `tight` makes people and moderators scarcer (10-25 % availability, one
 * moderator per ten participants, moderators available 15-30 %) so that not everyone fits and the search
 * has to choose — the case where a heuristic can fall short of the optimum.
 */
export type RoundProfile = 'realistic' | 'tight';

export function generateRound(
  participantCount: number,
  seed: number,
  profile: RoundProfile = 'realistic',
): DuoRoundInput {
  const tight = profile === 'tight';
  const random = createRandom(seed * 7919 + participantCount + (tight ? 104_729 : 0));
  const slots = DAYS.flatMap((day) =>
    Array.from({ length: 8 }, (_, h) => {
      const hour = String(9 + h).padStart(2, '0');
      const next = String(10 + h).padStart(2, '0');
      return { id: `${day}-${hour}`, start: `${day}T${hour}:00`, end: `${day}T${next}:00` };
    }),
  );
  const pickAvailability = (low: number, high: number) => {
    const share = low + random.next() * (high - low);
    return slots.filter(() => random.next() < share).map((slot) => slot.id);
  };
  const pickPerspective = () => {
    let roll = random.next();
    for (const [perspective, weight] of PERSPECTIVE_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return perspective;
    }
    return PERSPECTIVE_WEIGHTS[0][0];
  };
  const participants = Array.from({ length: participantCount }, (_, i) => ({
    id: `p${i + 1}`,
    name: `Deelnemer ${i + 1}`,
    perspective: pickPerspective(),
    available: tight ? pickAvailability(0.1, 0.25) : pickAvailability(0.2, 0.5),
  }));
  const moderatorCount = Math.max(1, Math.round(participantCount / (tight ? 10 : 8)));
  const moderators = Array.from({ length: moderatorCount }, (_, i) => ({
    id: `m${i + 1}`,
    name: `Moderator ${i + 1}`,
    available: tight ? pickAvailability(0.15, 0.3) : pickAvailability(0.2, 0.5),
    maxInterviews: 3 + Math.floor(random.next() * 4),
  }));
  const randomPairs = (count: number) =>
    Array.from({ length: count }, () => {
      const a = Math.floor(random.next() * participantCount);
      const b = (a + 1 + Math.floor(random.next() * (participantCount - 1))) % participantCount;
      return [`p${a + 1}`, `p${b + 1}`] as [string, string];
    });
  return {
    slots,
    participants,
    moderators,
    rules: {
      interviewsPerParticipant: 1,
      bufferMinutes: 15,
      avoidPairs: randomPairs(Math.round(participantCount / 10)),
      previousPairs: randomPairs(Math.round(participantCount / 5)),
      preferredCombinations: [
        ['bestuur', 'uitvoering'],
        ['inwoner', 'beleid'],
      ],
    },
  };
}
