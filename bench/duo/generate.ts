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
 * has to choose. `crowded` squeezes the round into two days (16 slots; people available for 30 % of them,
 * moderators for 40 % with room for 2-4 interviews): moderator time is the bottleneck and has to be packed
 * exactly, the hardest case for the heuristic. `scarce` is a stress family of the same kind built on the
 * tight rounds, with two interviews per participant in every third seed; it holds the rounds where the
 * scheduler was found to end one interview below the optimum.
 */
export type RoundProfile = 'realistic' | 'tight' | 'crowded' | 'scarce';

export function generateRound(
  participantCount: number,
  seed: number,
  profile: RoundProfile = 'realistic',
): DuoRoundInput {
  if (profile === 'scarce') return scarceRound(participantCount, seed);
  const tight = profile === 'tight';
  const profileSalt = { realistic: 0, tight: 104_729, crowded: 224_737 }[profile];
  const random = createRandom(seed * 7919 + participantCount + profileSalt);
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
  const moderatorCount = Math.max(1, Math.round(participantCount / (profile === 'realistic' ? 8 : 10)));
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
  if (profile === 'crowded') {
    const twoDays = slots.slice(0, 16).map((slot) => slot.id);
    for (const person of participants) person.available = twoDays.filter(() => random.next() < 0.3);
    for (const moderator of moderators) {
      moderator.available = twoDays.filter(() => random.next() < 0.4);
      moderator.maxInterviews = 2 + Math.floor(random.next() * 3);
    }
  }
  return {
    slots: profile === 'crowded' ? slots.slice(0, 16) : slots,
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

function scarceRound(participantCount: number, seed: number): DuoRoundInput {
  const round = generateRound(participantCount, seed, 'tight');
  const random = createRandom(seed * 31 + participantCount);
  const twoDays = round.slots.slice(0, 16).map((slot) => slot.id);
  for (const person of round.participants) person.available = twoDays.filter(() => random.next() < 0.3);
  for (const moderator of round.moderators) {
    moderator.available = twoDays.filter(() => random.next() < 0.4);
    moderator.maxInterviews = 2 + Math.floor(random.next() * 3);
  }
  return { ...round, rules: { ...round.rules, interviewsPerParticipant: seed % 3 === 0 ? 2 : 1 } };
}
