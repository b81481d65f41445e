import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connections } from './create-store.js';
import { redactDatabaseUrl } from './db/redact.js';
import type { Store } from './types.js';

/**
 * Test kit for the store and the packages that use it. Not for production code: `truncateAll` wipes every
 * table, the audit log included (through the explicit `visieleren.audit_reset` switch of migration 0001).
 */

const TABLES = [
  'audit_log',
  'api_tokens',
  'form_submissions',
  'reminder_deliveries',
  'platform_links',
  'link_codes',
  'duo_rounds',
  'vit_answers',
  'hour_logs',
  'checklist_items',
  'sessions',
  'phases',
  'participants',
  'trajects',
];

export async function truncateAll(store: Store): Promise<void> {
  const connection = connections.get(store);
  if (!connection) throw new Error('truncateAll: dit is geen store van createStore');
  await connection.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('visieleren.audit_reset', 'on', true)`);
    await tx.execute(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
  });
}

/**
 * Moves the reminder outbox `ms` into the future, as the database's clock would: leases, next attempts and
 * timely windows move back by `ms`. The outbox compares them with the database's `now()`, so tests travel in
 * time this way instead of waiting.
 */
export async function advanceOutboxClock(store: Store, ms: number): Promise<void> {
  const connection = connections.get(store);
  if (!connection) throw new Error('advanceOutboxClock: dit is geen store van createStore');
  const by = sql`make_interval(secs => ${ms / 1000}::double precision)`;
  await connection.db.execute(
    sql`update reminder_deliveries set lease_until = lease_until - ${by}, next_attempt_at = next_attempt_at - ${by}, timely_until = timely_until - ${by}`,
  );
}

/**
 * Makes the database refuse every write to the reminder outbox (as a primary that just failed over to read-only
 * would: SQLSTATE 25006), or accept them again. Works across connections and instances.
 */
export async function refuseOutboxWrites(store: Store, refuse: boolean): Promise<void> {
  const connection = connections.get(store);
  if (!connection) throw new Error('refuseOutboxWrites: dit is geen store van createStore');
  if (!refuse) {
    await connection.db.execute(sql`drop trigger if exists visieleren_refuse_writes on reminder_deliveries`);
    return;
  }
  await connection.db.execute(
    sql.raw(`create or replace function visieleren_refuse_writes() returns trigger language plpgsql as $$
      begin raise exception 'cannot execute % in a read-only transaction', tg_op using errcode = '25006'; end $$`),
  );
  await connection.db.execute(
    sql`create or replace trigger visieleren_refuse_writes before insert or update or delete on reminder_deliveries for each statement execute function visieleren_refuse_writes()`,
  );
}

/** Every row of every table as text: to check that something (an e-mail address) appears nowhere. */
export async function dumpAllText(store: Store): Promise<string> {
  const connection = connections.get(store);
  if (!connection) throw new Error('dumpAllText: dit is geen store van createStore');
  const parts: string[] = [];
  for (const table of TABLES) {
    const result = (await connection.db.execute(
      sql.raw(`SELECT row_to_json(t)::text AS line FROM ${table} t`),
    )) as unknown as { rows: Array<{ line: string }> };
    parts.push(`-- ${table}`, ...result.rows.map((row) => row.line));
  }
  return parts.join('\n');
}

export interface TemporaryDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh PostgreSQL database (`vl_test_<random>`) next to the one in `adminUrl`, so parallel test
 * files and CI runs never share tables. `drop()` removes it again (closing leftover connections).
 */
export async function createTemporaryDatabase(adminUrl: string): Promise<TemporaryDatabase> {
  const name = `vl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is niet bereikbaar op ${redactDatabaseUrl(adminUrl)} (${(error as Error).message}). Start PostgreSQL of zet DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
