import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ConfigurationError, type Logger } from '@visieleren/core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { StoreDriver } from '../types.js';
import { lockDataDir } from './data-dir-lock.js';
import {
  applyMigrations,
  type Migration,
  type MigrationSession,
  pendingMigrationCount,
} from './migrations.js';
import { redactDatabaseUrl } from './redact.js';

export type Database = PgDatabase<PgQueryResultHKT>;
// biome-ignore lint/suspicious/noExplicitAny: drizzle's transaction type differs per driver; both share this API.
export type Transaction = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything a repository can run queries on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type JobDatabase = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; connectionString: string };

export interface Connection {
  driver: StoreDriver;
  db: Database;
  /** Where a job queue (pg-boss) finds the same database: the PGlite instance, or the connection string. */
  jobDatabase: JobDatabase;
  migrate(migrations: Migration[], logger: Logger): Promise<string[]>;
  pendingMigrations(migrations: Migration[]): Promise<number>;
  close(): Promise<void>;
}

/** Key of the advisory lock that makes migrations exclusive across instances ("vl" + 1). */
const MIGRATION_LOCK = [0x766c, 1] as const;

/** Errors that mean "wrong address, server down or wrong credentials", not a bug: said in Dutch, no password. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  '28P01',
  '28000',
  '3D000',
]);

/**
 * A connection can die in any state: idle in the pool, checked out between two statements of a transaction
 * ("idle in transaction"), or mid-statement. pg-pool listens for errors on idle clients only and takes its
 * listener off while a client is checked out, so a server restart, a failover, `pg_terminate_backend` or
 * `idle_in_transaction_session_timeout` at the wrong moment emitted an unheard 'error' and ended the process.
 * Each client gets a listener of its own for its whole life: the error is logged (its code, nothing of the
 * query), the statement that was running fails with it, and the pool discards the client when it comes back
 * (a client that lost its connection is no longer queryable, and pg-pool drops such a client on release).
 */
export function survivesConnectionErrors(pool: pg.Pool, logger: Logger): void {
  const report = (error: Error & { code?: string }) =>
    logger.warn('databaseverbinding verbroken', { code: error.code ?? 'verbinding' });
  pool.on('error', report);
  pool.on('connect', (client) => {
    client.on('error', report);
  });
}

function explainConnectionError(error: unknown, databaseUrl: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !CONNECTION_ERRORS.has(code)) return error;
  return new ConfigurationError(
    `PostgreSQL is niet bereikbaar op ${redactDatabaseUrl(databaseUrl)} (${code}: ${(error as Error).message}). Controleer DATABASE_URL en of de server draait.`,
  );
}

/** How long a request waits for a connection before it is told the database is away (503), not forever. */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openPostgres(
  databaseUrl: string,
  maxConnections: number,
  logger: Logger,
): Promise<Connection> {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: maxConnections,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A server that vanished without closing the socket (a failover, a cable) is noticed by TCP keepalive.
      keepAlive: true,
    });
  } catch (error) {
    throw new ConfigurationError(
      `DATABASE_URL is geen geldige verbindingsreeks: ${(error as Error).message}`,
    );
  }
  survivesConnectionErrors(pool, logger);
  const db = drizzlePg({ client: pool }) as unknown as Database;
  const sessionOf = (client: pg.PoolClient): MigrationSession => ({
    query: async (text, params) => (await client.query(text, params)).rows,
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        await work(sessionOf(client));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  });
  return {
    driver: 'postgres',
    db,
    jobDatabase: { kind: 'postgres', connectionString: databaseUrl },
    async migrate(migrations, logger) {
      // One dedicated connection holds the advisory lock for the whole run, so instances that start at the
      // same time apply the migrations one after the other; the later ones find nothing left to do.
      const client = await pool.connect().catch((error: unknown) => {
        throw explainConnectionError(error, databaseUrl);
      });
      try {
        await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
        try {
          return await applyMigrations(sessionOf(client), migrations, logger);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    pendingMigrations: (migrations) =>
      pendingMigrationCount(async (text) => {
        try {
          return (await pool.query(text)).rows;
        } catch (error) {
          throw explainConnectionError(error, databaseUrl);
        }
      }, migrations),
    close: () => pool.end(),
  };
}

export async function openPglite(options: { dataDir?: string; inMemory?: boolean }): Promise<Connection> {
  let client: PGlite;
  let unlock = () => {};
  if (options.inMemory) {
    client = new PGlite();
  } else {
    if (!options.dataDir) throw new ConfigurationError('Geef een datamap (dataDir) of kies inMemory.');
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    client = new PGlite(dir);
  }
  try {
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client }) as unknown as Database;
  type Queryable = Pick<PGlite, 'query'>;
  const sessionOf = (queryable: Queryable, inTransaction: boolean): MigrationSession => ({
    query: async (text, params) =>
      (await queryable.query<Record<string, unknown>>(text, params as unknown[] | undefined)).rows,
    transaction: async (work) => {
      if (inTransaction) throw new Error('Geneste migratietransactie');
      await client.transaction(async (tx) => work(sessionOf(tx, true)));
    },
  });
  return {
    driver: 'pglite',
    db,
    jobDatabase: { kind: 'pglite', client },
    // PGlite is a single connection in a single process: nobody else can migrate at the same time.
    migrate: (migrations, logger) => applyMigrations(sessionOf(client, false), migrations, logger),
    pendingMigrations: (migrations) =>
      pendingMigrationCount(
        async (text) => (await client.query<Record<string, unknown>>(text)).rows,
        migrations,
      ),
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
