import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../src/create-store.js';
import { createStore, isDatabaseUnavailable, type Store } from '../src/index.js';
import type { TemporaryDatabase } from '../src/testing.js';
import { ADMIN_DATABASE_URL, freshDatabase } from './support/postgres.js';

/**
 * A connection the server drops (restart, failover, `pg_terminate_backend`, idle_in_transaction_session_timeout)
 * in each state a pool client can be in: idle in the pool, checked out between two statements of a transaction,
 * checked out with nothing running. None may end the process with an unheard 'error' event (vitest fails a
 * file on an uncaught error); the store answers the next request as usual. Only this file's own temporary
 * database's backends are terminated.
 */

let database: TemporaryDatabase;
let store: Store;
let admin: pg.Client;
let databaseName: string;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  database = await freshDatabase();
  databaseName = new URL(database.url).pathname.slice(1);
  store = await createStore({ databaseUrl: database.url, maxConnections: 4 });
  await store.migrate();
  admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  process.on('uncaughtException', onUncaught);
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await admin.end();
  await store.close();
  await database.drop();
});

/** Terminates every backend of this file's database in the given state (or all), never anyone else's. */
async function terminate(state?: string): Promise<number> {
  const result = await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND ($2::text IS NULL OR state = $2)`,
    [databaseName, state ?? null],
  );
  return result.rowCount ?? 0;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a dropped database connection', () => {
  it('while idle in a transaction fails that transaction with a 503-kind error, and the process lives on', async () => {
    const db = connections.get(store)?.db;
    if (!db) throw new Error('geen verbinding');
    const failed = await db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        // Between two statements: the backend is "idle in transaction".
        expect(await terminate('idle in transaction')).toBe(1);
        await settle();
        await tx.execute(sql`select 2`);
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    await settle();
    expect(uncaught).toEqual([]);
    // The broken client was thrown away: the next request works.
    expect(await store.trajects.count()).toBe(0);
  });

  it('while checked out with nothing running, and while idle in the pool', async () => {
    // Fill the pool with idle clients, then drop them all.
    await Promise.all([store.trajects.count(), store.trajects.count(), store.trajects.count()]);
    expect(await terminate()).toBeGreaterThan(0);
    await settle();
    expect(uncaught).toEqual([]);
    expect(await store.trajects.count()).toBe(0);
    // Checked out by a transaction that waits on something else (a slow call) when the connection goes.
    const db = connections.get(store)?.db;
    if (!db) throw new Error('geen verbinding');
    const failed = await db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await terminate();
        await settle();
        await settle();
      })
      .catch((error: unknown) => error);
    // The COMMIT at the end fails: nothing was acknowledged.
    expect(failed).toBeInstanceOf(Error);
    await settle();
    expect(uncaught).toEqual([]);
    expect(await store.trajects.count()).toBe(0);
  });

  it('is told apart from a wrong request: 57P01, connection refused and a timeout are "unavailable"', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('Failed query: insert …', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('iets anders'))).toBe(false);
  });
});
