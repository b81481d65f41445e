import { randomUUID } from 'node:crypto';
import {
  availabilityAfter,
  cancellation,
  checkedSchedule,
  type DuoRoundSchedule,
  NotFoundError,
  pairsOfRounds,
  parseDuoRoundCreate,
  parseDuoSchedule,
  rescheduledInterview,
} from '@visieleren/core';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/connection.js';
import { duoRounds, trajects } from '../db/schema.js';
import { optionalIso, toIso } from '../db/values.js';
import type { Actor, DuoRoundRecord, DuoRoundRepository } from '../types.js';
import { appendAudit } from './audit.js';
import { trajectNotFound } from './trajects.js';

type DuoRoundRow = typeof duoRounds.$inferSelect;

export function toDuoRound(row: DuoRoundRow): DuoRoundRecord {
  const deadline = optionalIso(row.deadline);
  return {
    id: row.id,
    trajectId: row.trajectId,
    roundNumber: row.roundNumber,
    state: row.state,
    input: row.input,
    ...(deadline === undefined ? {} : { deadline }),
    availability: row.availability,
    ...(row.schedule === null ? {} : { schedule: row.schedule as DuoRoundSchedule }),
    revision: row.revision,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

function roundNotFound(roundId: string): NotFoundError {
  return new NotFoundError(`Duo-ronde ${JSON.stringify(roundId)} bestaat niet.`);
}

/** Inserts round n+1 of the traject; locking the traject row numbers one traject's rounds one after the other. */
async function insertRound(
  tx: Transaction,
  trajectId: string,
  values: Pick<typeof duoRounds.$inferInsert, 'state' | 'input' | 'deadline' | 'schedule'>,
): Promise<DuoRoundRow> {
  const [traject] = await tx
    .select({ id: trajects.id })
    .from(trajects)
    .where(eq(trajects.id, trajectId))
    .for('update');
  if (!traject) throw trajectNotFound(trajectId);
  const [last] = await tx
    .select({ value: sql<number>`coalesce(max(${duoRounds.roundNumber}), 0)` })
    .from(duoRounds)
    .where(eq(duoRounds.trajectId, trajectId));
  const [row] = await tx
    .insert(duoRounds)
    .values({ id: randomUUID(), trajectId, roundNumber: Number(last?.value ?? 0) + 1, ...values })
    .returning();
  if (!row) throw new Error('duo_rounds insert returned no row');
  return row;
}

export function createDuoRoundRepository(db: Database): DuoRoundRepository {
  /**
   * Every change to a round: lock its row, let core's rules decide (the same rules the in-memory kit runs),
   * write the result with the next revision and one audit entry, in one transaction.
   */
  async function change(
    roundId: string,
    actor: Actor,
    decide: (round: DuoRoundRecord) => {
      set: Partial<Pick<DuoRoundRecord, 'state' | 'availability' | 'schedule'>>;
      action: string;
      detail?: Record<string, unknown>;
    },
  ): Promise<DuoRoundRecord> {
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(duoRounds).where(eq(duoRounds.id, roundId)).for('update');
      if (!row) throw roundNotFound(roundId);
      const round = toDuoRound(row);
      const { set, action, detail = {} } = decide(round);
      const [updated] = await tx
        .update(duoRounds)
        .set({ ...set, revision: row.revision + 1, updatedAt: sql`now()` })
        .where(eq(duoRounds.id, roundId))
        .returning();
      if (!updated) throw roundNotFound(roundId);
      await appendAudit(tx, {
        actor,
        action,
        trajectId: row.trajectId,
        detail: { roundId, roundNumber: row.roundNumber, ...detail },
      });
      return toDuoRound(updated);
    });
  }

  return {
    async create(trajectId, input, actor) {
      const { round, deadline } = parseDuoRoundCreate(input);
      return db.transaction(async (tx) => {
        const row = await insertRound(tx, trajectId, {
          state: 'beschikbaarheid',
          input: round,
          deadline: deadline === undefined ? null : new Date(deadline),
          schedule: null,
        });
        await appendAudit(tx, {
          actor,
          action: 'duo.round.create',
          trajectId,
          detail: { roundId: row.id, roundNumber: row.roundNumber },
        });
        return toDuoRound(row);
      });
    },

    async saveRound(trajectId, input, scheduleInput, actor) {
      // `duo plan --save`: a round planned at once, with whatever input the caller had.
      const schedule = parseDuoSchedule(scheduleInput);
      return db.transaction(async (tx) => {
        const row = await insertRound(tx, trajectId, {
          state: 'gepland',
          input: input ?? null,
          deadline: null,
          schedule,
        });
        await appendAudit(tx, {
          actor,
          action: 'duo.round.save',
          trajectId,
          detail: { roundId: row.id, roundNumber: row.roundNumber, interviews: schedule.interviews.length },
        });
        return toDuoRound(row);
      });
    },

    async get(roundId) {
      const [row] = await db.select().from(duoRounds).where(eq(duoRounds.id, roundId));
      if (!row) throw roundNotFound(roundId);
      return toDuoRound(row);
    },

    async listRounds(trajectId) {
      const rows = await db
        .select()
        .from(duoRounds)
        .where(eq(duoRounds.trajectId, trajectId))
        .orderBy(asc(duoRounds.roundNumber));
      return rows.map(toDuoRound);
    },

    setAvailability(roundId, personId, slotIds, actor) {
      // The audit entry names the person by id; which slots is their planning and stays in the round.
      return change(roundId, actor, (round) => ({
        set: { availability: availabilityAfter(round, personId, slotIds) },
        action: 'duo.availability',
        detail: { personId },
      }));
    },

    schedule(roundId, input, actor) {
      return change(roundId, actor, (round) => {
        const schedule = checkedSchedule(round, input);
        return {
          set: { state: 'gepland', schedule },
          action: 'duo.round.schedule',
          detail: { interviews: schedule.interviews.length },
        };
      });
    },

    reschedule(roundId, interviewIndex, slotId, actor) {
      return change(roundId, actor, (round) => ({
        set: { schedule: rescheduledInterview(round, interviewIndex, slotId) },
        action: 'duo.interview.reschedule',
        detail: { interviewIndex, slotId },
      }));
    },

    cancel(roundId, actor, interviewIndex) {
      return change(roundId, actor, (round) => ({
        set: cancellation(round, interviewIndex),
        ...(interviewIndex === undefined
          ? { action: 'duo.round.cancel' }
          : { action: 'duo.interview.cancel', detail: { interviewIndex } }),
      }));
    },

    async previousPairs(trajectId) {
      const rows = await db
        .select()
        .from(duoRounds)
        .where(and(eq(duoRounds.trajectId, trajectId), ne(duoRounds.state, 'geannuleerd')))
        .orderBy(asc(duoRounds.roundNumber));
      return pairsOfRounds(rows.map(toDuoRound));
    },
  };
}
