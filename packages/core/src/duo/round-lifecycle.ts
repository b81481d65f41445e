import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors.js';
import type { DuoRoundRecord, DuoRoundSchedule, DuoRoundState } from '../ports.js';
import { parseWith } from '../validation.js';
import { type DuoRound, parseDuoRound } from './schema.js';

/**
 * The life of a stored duo-interview round (`DuoRoundPort`): availability → schedule → moves and
 * cancellations. Pure rules on a record, so the store and the in-memory test kit refuse exactly the same
 * things with the same Dutch messages; each implementation only loads, locks and writes.
 */

type RoundView = Pick<DuoRoundRecord, 'id' | 'state' | 'input' | 'availability' | 'schedule'>;

function invalid(what: string, path: string, message: string): ValidationError {
  const issues: FieldIssue[] = [{ path, message }];
  return new ValidationError(`${what} is ongeldig:\n  - ${path}: ${message}`, issues);
}

const createSchema = z
  .object({ round: z.unknown(), deadline: z.string().datetime({ offset: true }).optional() })
  .strict();

/** The checked input of `create`: core's DuoRound (defaults applied) and the deadline. */
export function parseDuoRoundCreate(input: unknown): { round: DuoRound; deadline?: string } {
  const parsed = parseWith(createSchema, input, 'De duo-ronde');
  const round = parseDuoRound(parsed.round);
  // One spelling of the instant (UTC, milliseconds), as a database hands it back.
  return parsed.deadline === undefined
    ? { round }
    : { round, deadline: new Date(parsed.deadline).toISOString() };
}

/** Slot and person ids of a stored input; lenient, since rounds saved before the port may lack parts. */
function idsOf(input: unknown, field: 'slots' | 'participants' | 'moderators'): string[] | undefined {
  const list = (input as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

function knowsSlot(round: RoundView, slotId: string): boolean {
  const slots = idsOf(round.input, 'slots');
  return slots === undefined || slots.includes(slotId);
}

/** The availability after `personId` answered `slotIds` (replacing an earlier answer). */
export function availabilityAfter(
  round: RoundView,
  personId: string,
  slotIds: readonly string[],
): Record<string, string[]> {
  const what = 'De beschikbaarheid';
  if (round.state !== 'beschikbaarheid') {
    throw invalid(what, 'round', `de duo-ronde vraagt geen beschikbaarheid meer (status ${round.state})`);
  }
  const people = [...(idsOf(round.input, 'participants') ?? []), ...(idsOf(round.input, 'moderators') ?? [])];
  if (!people.includes(personId)) {
    throw invalid(what, 'personId', `${JSON.stringify(personId)} doet niet mee aan deze duo-ronde`);
  }
  slotIds.forEach((slotId, index) => {
    if (!knowsSlot(round, slotId)) {
      throw invalid(
        what,
        `slotIds.${index}`,
        `tijdslot ${JSON.stringify(slotId)} hoort niet bij deze duo-ronde`,
      );
    }
  });
  return { ...round.availability, [personId]: [...new Set(slotIds)] };
}

const scheduleSchema = z
  .object({
    interviews: z.array(
      z
        .object({
          slot: z.string().min(1),
          participants: z.array(z.string().min(1)).length(2),
          moderator: z.string().min(1),
          cancelled: z.boolean().optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

/** The scheduler's output, checked: two participants per interview, slots of this round. */
export function parseDuoSchedule(schedule: unknown): DuoRoundSchedule {
  return parseWith(scheduleSchema, schedule, 'Het duo-interviewschema') as DuoRoundSchedule;
}

/** The schedule to store for `schedule(roundId, …)`; refused for a cancelled round. */
export function checkedSchedule(round: RoundView, input: unknown): DuoRoundSchedule {
  const what = 'Het duo-interviewschema';
  if (round.state === 'geannuleerd') throw invalid(what, 'round', 'de duo-ronde is geannuleerd');
  const schedule = parseDuoSchedule(input);
  schedule.interviews.forEach((interview, index) => {
    if (!knowsSlot(round, interview.slot)) {
      throw invalid(
        what,
        `interviews.${index}.slot`,
        `tijdslot ${JSON.stringify(interview.slot)} hoort niet bij deze duo-ronde`,
      );
    }
  });
  return schedule;
}

function plannedInterview(round: RoundView, interviewIndex: number, what: string) {
  if (round.state !== 'gepland' || !round.schedule) {
    throw invalid(what, 'round', `de duo-ronde is niet gepland (status ${round.state})`);
  }
  const interview = Number.isInteger(interviewIndex) ? round.schedule.interviews[interviewIndex] : undefined;
  if (!interview) {
    throw invalid(what, 'interviewIndex', `interview ${interviewIndex} bestaat niet in deze duo-ronde`);
  }
  if (interview.cancelled)
    throw invalid(what, 'interviewIndex', `interview ${interviewIndex} is geannuleerd`);
  return { schedule: round.schedule, interview };
}

function replaceInterview(
  schedule: DuoRoundSchedule,
  index: number,
  change: Partial<DuoRoundSchedule['interviews'][number]>,
): DuoRoundSchedule {
  return {
    ...schedule,
    interviews: schedule.interviews.map((interview, at) =>
      at === index ? { ...interview, ...change } : interview,
    ),
  };
}

/** The schedule after moving one interview to another slot of the round. */
export function rescheduledInterview(
  round: RoundView,
  interviewIndex: number,
  slotId: string,
): DuoRoundSchedule {
  const what = 'De verplaatsing';
  const { schedule } = plannedInterview(round, interviewIndex, what);
  if (typeof slotId !== 'string' || !slotId || !knowsSlot(round, slotId)) {
    throw invalid(what, 'slotId', `tijdslot ${JSON.stringify(slotId)} hoort niet bij deze duo-ronde`);
  }
  return replaceInterview(schedule, interviewIndex, { slot: slotId });
}

/** State and schedule after cancelling one interview, or the whole round when no index is given. */
export function cancellation(
  round: RoundView,
  interviewIndex?: number,
): { state: DuoRoundState; schedule?: DuoRoundSchedule } {
  const what = 'De annulering';
  if (round.state === 'geannuleerd') throw invalid(what, 'round', 'de duo-ronde is al geannuleerd');
  if (interviewIndex === undefined) {
    return round.schedule ? { state: 'geannuleerd', schedule: round.schedule } : { state: 'geannuleerd' };
  }
  const { schedule } = plannedInterview(round, interviewIndex, what);
  return { state: round.state, schedule: replaceInterview(schedule, interviewIndex, { cancelled: true }) };
}

/** Pairs that met (or will meet) in scheduled rounds, oldest round first: the scheduler's `previousPairs`. */
export function pairsOfRounds(rounds: readonly RoundView[]): Array<[string, string]> {
  return rounds.flatMap((round) =>
    round.state === 'gepland' && round.schedule
      ? round.schedule.interviews.flatMap((interview): Array<[string, string]> => {
          const [a, b] = interview.participants;
          return interview.cancelled || a === undefined || b === undefined ? [] : [[a, b]];
        })
      : [],
  );
}
