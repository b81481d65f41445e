import {
  availabilityAfter,
  cancellation,
  checkedSchedule,
  pairsOfRounds,
  parseDuoRoundCreate,
  rescheduledInterview,
} from '../duo/round-lifecycle.js';
import { NotFoundError } from '../errors.js';
import type { Clock, DuoRoundPort, DuoRoundRecord } from '../ports.js';
import type { MemoryAudit } from './memory-audit.js';

export function createMemoryDuoRounds(
  clock: Clock,
  audit: MemoryAudit,
  trajectExists: (id: string) => boolean,
): DuoRoundPort {
  const rounds = new Map<string, DuoRoundRecord>();
  let ids = 0;

  const load = (roundId: string): DuoRoundRecord => {
    const round = rounds.get(roundId);
    if (!round) throw new NotFoundError(`Duo-ronde ${JSON.stringify(roundId)} bestaat niet.`);
    return round;
  };

  /** Writes the next version of a round with one audit entry, like the store. */
  function write(
    round: DuoRoundRecord,
    change: Partial<Pick<DuoRoundRecord, 'state' | 'availability' | 'schedule'>>,
    actor: string,
    action: string,
    detail: Record<string, unknown> = {},
  ): DuoRoundRecord {
    const next: DuoRoundRecord = {
      ...round,
      ...structuredClone(change),
      revision: round.revision + 1,
      updatedAt: clock.now().toISOString(),
    };
    rounds.set(round.id, next);
    audit.record({
      actor,
      action,
      trajectId: round.trajectId,
      detail: { roundId: round.id, roundNumber: round.roundNumber, ...detail },
    });
    return structuredClone(next);
  }

  return {
    async create(trajectId, input, actor) {
      const { round, deadline } = parseDuoRoundCreate(input);
      if (!trajectExists(trajectId))
        throw new NotFoundError(`Traject ${JSON.stringify(trajectId)} bestaat niet.`);
      const roundNumber =
        [...rounds.values()].filter((existing) => existing.trajectId === trajectId).length + 1;
      const at = clock.now().toISOString();
      const record: DuoRoundRecord = {
        id: `duo-ronde-${++ids}`,
        trajectId,
        roundNumber,
        state: 'beschikbaarheid',
        input: structuredClone(round),
        ...(deadline === undefined ? {} : { deadline }),
        availability: {},
        revision: 1,
        createdAt: at,
        updatedAt: at,
      };
      rounds.set(record.id, record);
      audit.record({
        actor,
        action: 'duo.round.create',
        trajectId,
        detail: { roundId: record.id, roundNumber },
      });
      return structuredClone(record);
    },

    async get(roundId) {
      return structuredClone(load(roundId));
    },

    async listRounds(trajectId) {
      return [...rounds.values()]
        .filter((round) => round.trajectId === trajectId)
        .sort((a, b) => a.roundNumber - b.roundNumber)
        .map((round) => structuredClone(round));
    },

    async setAvailability(roundId, personId, slotIds, actor) {
      const round = load(roundId);
      const availability = availabilityAfter(round, personId, slotIds);
      // The audit entry names the person by id; which slots is personal planning and stays in the round.
      return write(round, { availability }, actor, 'duo.availability', { personId });
    },

    async schedule(roundId, input, actor) {
      const round = load(roundId);
      const schedule = checkedSchedule(round, input);
      return write(round, { state: 'gepland', schedule }, actor, 'duo.round.schedule', {
        interviews: schedule.interviews.length,
      });
    },

    async reschedule(roundId, interviewIndex, slotId, actor) {
      const round = load(roundId);
      const schedule = rescheduledInterview(round, interviewIndex, slotId);
      return write(round, { schedule }, actor, 'duo.interview.reschedule', { interviewIndex, slotId });
    },

    async cancel(roundId, actor, interviewIndex) {
      const round = load(roundId);
      const change = cancellation(round, interviewIndex);
      return interviewIndex === undefined
        ? write(round, change, actor, 'duo.round.cancel')
        : write(round, change, actor, 'duo.interview.cancel', { interviewIndex });
    },

    async previousPairs(trajectId) {
      return pairsOfRounds(
        [...rounds.values()]
          .filter((round) => round.trajectId === trajectId)
          .sort((a, b) => a.roundNumber - b.roundNumber),
      );
    },
  };
}
