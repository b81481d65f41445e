import type { Logger, ReminderIntent } from '@visieleren/core';
import { and, asc, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { reminderDeliveries } from '../db/schema.js';
import { optionalIso, toIso } from '../db/values.js';
import { NO_CHANNEL, type ReminderDelivery, type ReminderOutbox } from '../types.js';

type DeliveryRow = typeof reminderDeliveries.$inferSelect;

export const DEFAULT_MAX_ATTEMPTS = 5;
/** Error texts from platforms can be long (HTML error pages); keep what a person needs to read. */
const MAX_ERROR_LENGTH = 2000;
/** Upper bound of one `list` answer (the CLI shows the state of every due reminder of a large portfolio). */
const MAX_LIST = 100_000;
const KEY_BATCH = 5_000;

export function toDelivery(row: DeliveryRow): ReminderDelivery {
  return {
    key: row.idempotencyKey,
    channel: row.channel,
    trajectId: row.trajectId,
    state: row.state,
    attempts: row.attempts,
    ...(row.leaseUntil ? { leaseUntil: optionalIso(row.leaseUntil) } : {}),
    ...(row.nextAttemptAt ? { nextAttemptAt: optionalIso(row.nextAttemptAt) } : {}),
    ...(row.lastError === null ? {} : { lastError: row.lastError }),
    ...(row.externalId === null ? {} : { externalId: row.externalId }),
    intent: row.intent as ReminderIntent,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    ...(row.sentAt ? { sentAt: optionalIso(row.sentAt) } : {}),
  };
}

/**
 * A row another instance may take over now: an expired lease (a crashed or stuck instance), or a failed
 * attempt whose retry is due and that has attempts left.
 */
function claimable(now: Date, maxAttempts: number) {
  return or(
    and(eq(reminderDeliveries.state, 'claimed'), lte(reminderDeliveries.leaseUntil, now)),
    and(
      eq(reminderDeliveries.state, 'failed'),
      isNotNull(reminderDeliveries.nextAttemptAt),
      lte(reminderDeliveries.nextAttemptAt, now),
      lt(reminderDeliveries.attempts, maxAttempts),
    ),
  );
}

/** Shown when an instance died during the last allowed attempt, so the failure is visible, not stuck. */
export const LEASE_EXPIRED_ON_LAST_ATTEMPT =
  'Afgebroken: de claim verliep tijdens de laatste toegestane poging (proces gestopt of vastgelopen).';

const rowKey = (key: string, channel: string) =>
  and(eq(reminderDeliveries.idempotencyKey, key), eq(reminderDeliveries.channel, channel));

export function createReminderOutbox(db: Database, logger: Logger): ReminderOutbox {
  async function transition(
    key: string,
    channel: string,
    set: Partial<typeof reminderDeliveries.$inferInsert>,
    what: string,
  ): Promise<void> {
    // Only the claimed row moves on: a late answer after a takeover or a final state must not overwrite it.
    const updated = await db
      .update(reminderDeliveries)
      .set({ ...set, leaseUntil: null, updatedAt: new Date() })
      .where(and(rowKey(key, channel), eq(reminderDeliveries.state, 'claimed')))
      .returning({ key: reminderDeliveries.idempotencyKey });
    if (updated.length === 0) {
      logger.warn('Herinnering niet bijgewerkt: geen geclaimde bezorging gevonden', {
        key,
        channel,
        to: what,
      });
    }
  }

  return {
    async claim(intent, channel, options) {
      const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      // A fresh key: INSERT … ON CONFLICT DO NOTHING. Of two concurrent inserts one waits for the other and
      // then inserts nothing.
      const inserted = await db
        .insert(reminderDeliveries)
        .values({
          idempotencyKey: intent.key,
          channel,
          trajectId: intent.trajectId,
          state: 'claimed',
          attempts: 1,
          leaseUntil,
          intent,
          createdAt: options.now,
          updatedAt: options.now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted[0]) return toDelivery(inserted[0]);
      // A known key: take it over only if it is claimable. Under READ COMMITTED a concurrent UPDATE waits for
      // the row lock and re-checks the WHERE clause on the new row, so only one instance gets it.
      // An expired lease on the last allowed attempt is not taken over but closed as a visible failure, in
      // the same statement (column references in SET are the old values).
      const exhausted = sql`${reminderDeliveries.attempts} >= ${maxAttempts}`;
      const taken = await db
        .update(reminderDeliveries)
        .set({
          state: sql`case when ${exhausted} then 'failed' else 'claimed' end`,
          attempts: sql`case when ${exhausted} then ${reminderDeliveries.attempts} else ${reminderDeliveries.attempts} + 1 end`,
          leaseUntil: sql`case when ${exhausted} then null else ${leaseUntil.toISOString()}::timestamptz end`,
          lastError: sql`case when ${exhausted} then ${LEASE_EXPIRED_ON_LAST_ATTEMPT} else ${reminderDeliveries.lastError} end`,
          nextAttemptAt: null,
          updatedAt: options.now,
        })
        .where(and(rowKey(intent.key, channel), claimable(options.now, maxAttempts)))
        .returning();
      const row = taken[0];
      if (row?.state === 'failed') {
        logger.error('Herinnering definitief mislukt: claim verlopen na de laatste poging', {
          key: intent.key,
          channel,
          attempts: row.attempts,
        });
      }
      return row?.state === 'claimed' ? toDelivery(row) : undefined;
    },

    markSent: (key, channel, externalId) =>
      transition(
        key,
        channel,
        {
          state: 'sent',
          sentAt: new Date(),
          externalId: externalId ?? null,
          lastError: null,
          nextAttemptAt: null,
        },
        'sent',
      ),

    markFailed: (key, channel, error, nextAttemptAt) =>
      transition(
        key,
        channel,
        {
          state: 'failed',
          lastError: error.slice(0, MAX_ERROR_LENGTH),
          nextAttemptAt: nextAttemptAt ?? null,
        },
        'failed',
      ),

    markAmbiguous: (key, channel, error) =>
      transition(
        key,
        channel,
        { state: 'ambiguous', lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt: null },
        'ambiguous',
      ),

    async recordNoChannel(intent) {
      await db
        .insert(reminderDeliveries)
        .values({
          idempotencyKey: intent.key,
          channel: NO_CHANNEL,
          trajectId: intent.trajectId,
          state: 'no-channel',
          attempts: 0,
          intent,
        })
        .onConflictDoNothing();
    },

    async listDue(now, options = {}) {
      const rows = await db
        .select()
        .from(reminderDeliveries)
        .where(claimable(now, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
        .orderBy(asc(reminderDeliveries.updatedAt))
        .limit(Math.min(options.limit ?? 500, 10_000));
      return rows.map(toDelivery);
    },

    async list(filter = {}) {
      const limit = Math.min(filter.limit ?? MAX_LIST, MAX_LIST);
      const query = (keys: string[] | undefined) =>
        db
          .select()
          .from(reminderDeliveries)
          .where(
            and(
              filter.trajectId === undefined ? undefined : eq(reminderDeliveries.trajectId, filter.trajectId),
              filter.state === undefined ? undefined : eq(reminderDeliveries.state, filter.state),
              filter.channel === undefined ? undefined : eq(reminderDeliveries.channel, filter.channel),
              keys === undefined ? undefined : inArray(reminderDeliveries.idempotencyKey, keys),
            ),
          )
          .orderBy(asc(reminderDeliveries.createdAt), asc(reminderDeliveries.idempotencyKey))
          .limit(limit);
      if (filter.keys === undefined) return (await query(undefined)).map(toDelivery);
      // Keys in batches: a whole portfolio's due reminders would exceed PostgreSQL's 65,535 bind parameters.
      const rows: DeliveryRow[] = [];
      for (let start = 0; start < filter.keys.length && rows.length < limit; start += KEY_BATCH) {
        rows.push(...(await query(filter.keys.slice(start, start + KEY_BATCH))));
      }
      return rows.slice(0, limit).map(toDelivery);
    },
  };
}
