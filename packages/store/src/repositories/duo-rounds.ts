import { randomUUID } from 'node:crypto';
import { parseWith } from '@visieleren/core';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { duoInterviews, duoRounds, trajects } from '../db/schema.js';
import { toIso } from '../db/values.js';
import type { DuoRoundRecord, DuoRoundRepository, DuoScheduleInput } from '../types.js';
import { appendAudit } from './audit.js';
import { trajectNotFound } from './trajects.js';

const scheduleSchema = z
  .object({
    interviews: z.array(
      z.object({
        slot: z.string().min(1),
        participants: z.array(z.string().min(1)).length(2),
        moderator: z.string().min(1),
      }),
    ),
  })
  .passthrough();

export function toDuoRound(row: typeof duoRounds.$inferSelect): DuoRoundRecord {
  return {
    id: row.id,
    trajectId: row.trajectId,
    roundNumber: row.roundNumber,
    input: row.input,
    schedule: row.schedule as DuoScheduleInput,
    createdAt: toIso(row.createdAt),
  };
}

export function createDuoRoundRepository(db: Database): DuoRoundRepository {
  return {
    async saveRound(trajectId, input, scheduleInput, actor) {
      const schedule = parseWith(scheduleSchema, scheduleInput, 'Het duo-interviewschema');
      return db.transaction(async (tx) => {
        // Locking the traject row numbers the rounds of one traject one after the other.
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
        const id = randomUUID();
        const [row] = await tx
          .insert(duoRounds)
          .values({
            id,
            trajectId,
            roundNumber: Number(last?.value ?? 0) + 1,
            input: input ?? null,
            schedule,
          })
          .returning();
        if (!row) throw new Error('duo_rounds insert returned no row');
        if (schedule.interviews.length > 0) {
          await tx.insert(duoInterviews).values(
            schedule.interviews.map((interview) => ({
              roundId: id,
              slot: interview.slot,
              participantA: interview.participants[0] ?? '',
              participantB: interview.participants[1] ?? '',
              moderator: interview.moderator,
            })),
          );
        }
        await appendAudit(tx, {
          actor,
          action: 'duo.round.save',
          trajectId,
          detail: { roundId: id, roundNumber: row.roundNumber, interviews: schedule.interviews.length },
        });
        return toDuoRound(row);
      });
    },

    async listRounds(trajectId) {
      const rows = await db
        .select()
        .from(duoRounds)
        .where(eq(duoRounds.trajectId, trajectId))
        .orderBy(asc(duoRounds.roundNumber));
      return rows.map(toDuoRound);
    },

    async previousPairs(trajectId) {
      const rows = await db
        .select({ a: duoInterviews.participantA, b: duoInterviews.participantB })
        .from(duoInterviews)
        .innerJoin(duoRounds, eq(duoRounds.id, duoInterviews.roundId))
        .where(eq(duoRounds.trajectId, trajectId))
        .orderBy(asc(duoRounds.roundNumber), asc(duoInterviews.id));
      return rows.map((row): [string, string] => [row.a, row.b]);
    },
  };
}
