import { deliveryKeyOf, type Logger, type ReminderIntent } from '@visieleren/core';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { reminderDeliveries } from '../db/schema.js';
import { optionalIso, toIso } from '../db/values.js';
import {
  type ClaimedDelivery,
  type DeliveryClaim,
  type DeliveryRef,
  type DeliveryState,
  NO_CHANNEL,
  type ReminderDelivery,
  type ReminderOutbox,
} from '../types.js';

/**
 * The reminder outbox: one row per (reminder key, channel, recipient address).
 *
 * - Time is the database's: leases, retries and "timely" are compared with `now()` in SQL, and callers pass
 *   durations. Two instances whose clocks differ by minutes therefore agree on whose lease is live.
 * - A claim increments `attempts`; every later transition names the attempt it answers and only applies while
 *   the row is still `claimed` with that attempt. A late answer of an instance whose lease was taken over
 *   changes nothing.
 * - A claim whose lease expired without a recording may have been sent: it is taken over only by a caller that
 *   can ask the platform (`confirmable`), otherwise it is closed as `ambiguous`, visibly.
 */

type DeliveryRow = typeof reminderDeliveries.$inferSelect;

export const DEFAULT_MAX_ATTEMPTS = 5;
/** Error texts from platforms can be long (HTML error pages); keep what a person needs to read. */
const MAX_ERROR_LENGTH = 2000;
/** Upper bound of one `list` answer (the CLI shows the state of every due reminder of a large portfolio). */
const MAX_LIST = 100_000;
const KEY_BATCH = 5_000;
/** Rows per insert: ~12 parameters each stays far below PostgreSQL's 65,535 bind parameters. */
const INSERT_BATCH = 2_000;

/** Shown when an instance's claim expired on the last allowed attempt: it may or may not have sent. */
export const LEASE_EXPIRED_ON_LAST_ATTEMPT =
  'Onzeker: de claim verliep tijdens de laatste toegestane poging (proces gestopt of vastgelopen); mogelijk verstuurd.';
/** Shown when an expired claim is found on a channel whose notifier cannot confirm what happened. */
export const LEASE_EXPIRED_UNCONFIRMABLE =
  'Onzeker: de claim verliep zonder vastlegging (proces gestopt of vastgelopen) en het kanaal kan niet nagaan of het bericht aankwam.';

export function toDelivery(row: DeliveryRow): ReminderDelivery {
  return {
    key: row.idempotencyKey,
    channel: row.channel,
    recipient: row.recipient,
    deliveryKey: deliveryKeyOf(row.idempotencyKey, { channel: row.channel as never, address: row.recipient }),
    ...(row.recipientKind === null ? {} : { recipientKind: row.recipientKind }),
    ...(row.participantId === null ? {} : { participantId: row.participantId }),
    trajectId: row.trajectId,
    state: row.state,
    attempts: row.attempts,
    ...(row.leaseUntil ? { leaseUntil: optionalIso(row.leaseUntil) } : {}),
    ...(row.nextAttemptAt ? { nextAttemptAt: optionalIso(row.nextAttemptAt) } : {}),
    ...(row.timelyUntil ? { timelyUntil: optionalIso(row.timelyUntil) } : {}),
    ...(row.lastError === null ? {} : { lastError: row.lastError }),
    ...(row.externalId === null ? {} : { externalId: row.externalId }),
    intent: row.intent as ReminderIntent,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    ...(row.sentAt ? { sentAt: optionalIso(row.sentAt) } : {}),
  };
}

const t = reminderDeliveries;

const rowRef = (ref: DeliveryRef) =>
  and(eq(t.idempotencyKey, ref.key), eq(t.channel, ref.channel), eq(t.recipient, ref.recipient));

/** A duration in milliseconds after the database's now(). */
const fromNow = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000}::double precision)`;

/** One text[] parameter (not one parameter per element): thousands of keys stay one bind parameter. */
const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

const expiredLease = sql`(${t.state} = 'claimed' and ${t.leaseUntil} <= now())`;

/** Rows with work now, by the database's clock. */
function due(maxAttempts: number, confirmChannels: SQL | undefined): SQL {
  return sql`(
    ${t.state} = 'pending'
    or (${t.state} = 'failed' and ${t.nextAttemptAt} <= now() and ${t.attempts} < ${maxAttempts})
    or ${expiredLease}
    or (${t.state} = 'ambiguous' and ${t.nextAttemptAt} <= now() and ${t.attempts} < ${maxAttempts}
        and ${confirmChannels ?? sql`false`})
  )`;
}

function refKey(ref: DeliveryRef): string {
  return `${ref.key}\u0000${ref.channel}\u0000${ref.recipient}`;
}

function truncate(error: string): string {
  return error.slice(0, MAX_ERROR_LENGTH);
}

export function createReminderOutbox(db: Database, logger: Logger): ReminderOutbox {
  /** The fenced transition: only the claim that is still current moves the row on. */
  async function transition(
    claim: DeliveryClaim,
    set: Record<string, unknown>,
    what: DeliveryState,
  ): Promise<boolean> {
    const updated = await db
      .update(t)
      .set({ ...set, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(rowRef(claim), eq(t.state, 'claimed'), eq(t.attempts, claim.attempt)))
      .returning({ key: t.idempotencyKey });
    if (updated.length === 0) {
      // Keys hold traject ids and rule ids, never personal data; the recipient address is left out.
      logger.warn(
        'Herinnering niet bijgewerkt: deze claim is niet meer de huidige (overgenomen of al afgerond)',
        {
          key: claim.key,
          channel: claim.channel,
          attempt: claim.attempt,
          to: what,
        },
      );
      return false;
    }
    return true;
  }

  /** Of `refs`, those that have a row already: one query per KEY_BATCH keys. */
  async function existing(refs: readonly DeliveryRef[]): Promise<Set<string>> {
    const found = new Set<string>();
    const keys = [...new Set(refs.map((ref) => ref.key))];
    for (let start = 0; start < keys.length; start += KEY_BATCH) {
      const rows = await db
        .select({ key: t.idempotencyKey, channel: t.channel, recipient: t.recipient })
        .from(t)
        .where(sql`${t.idempotencyKey} = any(${textArray(keys.slice(start, start + KEY_BATCH))})`);
      for (const row of rows) found.add(refKey(row));
    }
    return found;
  }

  async function insertMissing(
    rows: Array<typeof t.$inferInsert & { refKey: string }>,
  ): Promise<Array<{ state: DeliveryState }>> {
    const present = await existing(
      rows.map((row) => ({ key: row.idempotencyKey, channel: row.channel, recipient: row.recipient ?? '' })),
    );
    const missing = rows.filter((row) => !present.has(row.refKey));
    const inserted: Array<{ state: DeliveryState }> = [];
    for (let start = 0; start < missing.length; start += INSERT_BATCH) {
      inserted.push(
        ...(await db
          .insert(t)
          .values(missing.slice(start, start + INSERT_BATCH).map(({ refKey: _, ...row }) => row))
          .onConflictDoNothing()
          .returning({ state: t.state })),
      );
    }
    return inserted;
  }

  async function recordNoChannelMany(intents: readonly ReminderIntent[]): Promise<number> {
    const rows = new Map<string, typeof t.$inferInsert & { refKey: string }>();
    for (const intent of intents) {
      const key = refKey({ key: intent.key, channel: NO_CHANNEL, recipient: '' });
      rows.set(key, {
        refKey: key,
        idempotencyKey: intent.key,
        channel: NO_CHANNEL,
        recipient: '',
        trajectId: intent.trajectId,
        state: 'no-channel',
        attempts: 0,
        intent,
      });
    }
    return (await insertMissing([...rows.values()])).length;
  }

  return {
    async enqueue(entries, options = {}) {
      // "Past its time" is judged by the clock that found the reminders due (the caller's), or the database's.
      const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
      const rows = new Map<string, typeof t.$inferInsert & { refKey: string }>();
      for (const entry of entries) {
        const recipient = entry.recipient?.address ?? '';
        const ref = { key: entry.intent.key, channel: entry.channel, recipient };
        const key = refKey(ref);
        if (rows.has(key)) continue;
        const timelyUntil = entry.timelyUntil.toISOString();
        rows.set(key, {
          refKey: key,
          idempotencyKey: ref.key,
          channel: ref.channel,
          recipient,
          recipientKind: entry.recipient?.kind ?? null,
          participantId: entry.recipient?.participantId ?? null,
          trajectId: entry.intent.trajectId,
          state: entry.recipient
            ? (sql`case when ${timelyUntil}::timestamptz <= ${now} then 'verlopen' else 'pending' end` as never)
            : 'niet-van-toepassing',
          attempts: 0,
          timelyUntil: entry.timelyUntil,
          intent: entry.intent,
        });
      }
      const report = { pending: 0, verlopen: 0, nietVanToepassing: 0 };
      for (const row of await insertMissing([...rows.values()])) {
        if (row.state === 'pending') report.pending++;
        else if (row.state === 'verlopen') report.verlopen++;
        else if (row.state === 'niet-van-toepassing') report.nietVanToepassing++;
      }
      return report;
    },

    async listDue(options = {}) {
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const confirm = options.confirmChannels?.length
        ? sql`${t.channel} = any(${textArray(options.confirmChannels)})`
        : undefined;
      const rows = await db
        .select()
        .from(t)
        .where(
          and(
            due(maxAttempts, confirm),
            options.channels ? sql`${t.channel} = any(${textArray(options.channels)})` : undefined,
          ),
        )
        .orderBy(asc(t.updatedAt), asc(t.idempotencyKey), asc(t.recipient))
        .limit(Math.min(options.limit ?? 500, 10_000));
      return rows.map(toDelivery);
    },

    async claim(ref, options) {
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const confirmable = options.confirmable === true ? sql`true` : sql`false`;
      // Closed instead of claimed, in the same statement (CASE sees the old values):
      // - an expired lease on the last attempt, or on a channel that cannot confirm: it may have been sent;
      // - a pending row no longer timely (it waited while no instance ran): never sent late.
      const closeAmbiguous = sql`(${expiredLease} and (${t.attempts} >= ${maxAttempts} or not ${confirmable}))`;
      const closeVerlopen = sql`(${t.state} = 'pending' and ${t.timelyUntil} <= now())`;
      const claimed = sql`not ${closeAmbiguous} and not ${closeVerlopen}`;
      // SKIP LOCKED: of two instances claiming the same row at once, the second skips it instead of waiting.
      const result = (await db.execute(sql`
        with target as (
          select ${t.idempotencyKey} as k, ${t.channel} as c, ${t.recipient} as r, ${t.state} as previous_state
          from ${t}
          where ${rowRef(ref)} and ${due(maxAttempts, confirmable)}
          for update skip locked
        )
        update ${t} set
          state = case when ${closeAmbiguous} then 'ambiguous' when ${closeVerlopen} then 'verlopen' else 'claimed' end,
          attempts = case when ${claimed} then ${t.attempts} + 1 else ${t.attempts} end,
          lease_until = case when ${claimed} then ${fromNow(options.leaseMs)} else null end,
          last_error = case
            when ${closeAmbiguous} and ${t.attempts} >= ${maxAttempts} then ${LEASE_EXPIRED_ON_LAST_ATTEMPT}
            when ${closeAmbiguous} then ${LEASE_EXPIRED_UNCONFIRMABLE}
            else ${t.lastError} end,
          next_attempt_at = null,
          updated_at = now()
        from target
        where ${t.idempotencyKey} = target.k and ${t.channel} = target.c and ${t.recipient} = target.r
        returning ${t}.*, target.previous_state
      `)) as unknown as { rows: Array<Record<string, unknown>> };
      const raw = result.rows[0];
      if (!raw) return undefined;
      const row = fromRaw(raw);
      if (row.state !== 'claimed') {
        const log = row.state === 'ambiguous' ? logger.error : logger.info;
        log.call(logger, `Herinnering niet geclaimd maar afgesloten als ${row.state}`, {
          key: row.idempotencyKey,
          channel: row.channel,
          attempts: row.attempts,
        });
        return undefined;
      }
      const delivery = toDelivery(row);
      return {
        ...delivery,
        state: 'claimed',
        previousState: raw.previous_state as ClaimedDelivery['previousState'],
        claim: {
          key: delivery.key,
          channel: delivery.channel,
          recipient: delivery.recipient,
          attempt: row.attempts,
        },
      };
    },

    markSent: (claim, externalId) =>
      transition(
        claim,
        {
          state: 'sent',
          sentAt: sql`now()`,
          externalId: externalId ?? null,
          lastError: null,
          nextAttemptAt: null,
        },
        'sent',
      ),

    markFailed: (claim, error, retryInMs) =>
      transition(
        claim,
        {
          state: 'failed',
          lastError: truncate(error),
          nextAttemptAt: retryInMs === undefined ? null : fromNow(retryInMs),
        },
        'failed',
      ),

    markAmbiguous: (claim, error, retryInMs) =>
      transition(
        claim,
        {
          state: 'ambiguous',
          lastError: truncate(error),
          nextAttemptAt: retryInMs === undefined ? null : fromNow(retryInMs),
        },
        'ambiguous',
      ),

    markVervallen: (claim, reason) =>
      transition(
        claim,
        { state: 'vervallen', lastError: truncate(reason), nextAttemptAt: null },
        'vervallen',
      ),

    async recordNoChannel(intent) {
      await recordNoChannelMany([intent]);
    },

    recordNoChannelMany,

    async retry(ref, retryWindowMs) {
      // Back to pending, claimable again whatever its attempts; the attempt number keeps counting up, so a late
      // answer to an earlier claim still matches no current claim.
      const updated = await db
        .update(t)
        .set({
          state: 'pending',
          nextAttemptAt: null,
          leaseUntil: null,
          timelyUntil: sql`greatest(${t.timelyUntil}, ${fromNow(retryWindowMs)})`,
          updatedAt: sql`now()`,
        })
        .where(and(rowRef(ref), inArray(t.state, ['failed', 'ambiguous'])))
        .returning({ key: t.idempotencyKey });
      return updated.length > 0;
    },

    async list(filter = {}) {
      const limit = Math.min(filter.limit ?? MAX_LIST, MAX_LIST);
      const query = (keys: string[] | undefined) =>
        db
          .select()
          .from(t)
          .where(
            and(
              filter.trajectId === undefined ? undefined : eq(t.trajectId, filter.trajectId),
              filter.state === undefined ? undefined : eq(t.state, filter.state),
              filter.channel === undefined ? undefined : eq(t.channel, filter.channel),
              keys === undefined ? undefined : inArray(t.idempotencyKey, keys),
            ),
          )
          .orderBy(asc(t.createdAt), asc(t.idempotencyKey), asc(t.channel), asc(t.recipient))
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

const date = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));

/** A row of a raw statement (snake_case, as the driver returns it) in drizzle's shape. */
function fromRaw(raw: Record<string, unknown>): DeliveryRow {
  return {
    idempotencyKey: String(raw.idempotency_key),
    channel: String(raw.channel),
    recipient: String(raw.recipient ?? ''),
    recipientKind: (raw.recipient_kind as string | null) ?? null,
    participantId: (raw.participant_id as string | null) ?? null,
    trajectId: String(raw.traject_id),
    state: raw.state as DeliveryState,
    attempts: Number(raw.attempts),
    leaseUntil: date(raw.lease_until),
    nextAttemptAt: date(raw.next_attempt_at),
    timelyUntil: date(raw.timely_until),
    lastError: (raw.last_error as string | null) ?? null,
    externalId: (raw.external_id as string | null) ?? null,
    intent: typeof raw.intent === 'string' ? JSON.parse(raw.intent) : raw.intent,
    createdAt: date(raw.created_at) as Date,
    updatedAt: date(raw.updated_at) as Date,
    sentAt: date(raw.sent_at),
  };
}
