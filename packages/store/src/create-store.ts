import {
  type ChangeFeedPort,
  ConfigurationError,
  type DuoRoundPort,
  type FormSubmissionPort,
  type LinkCodePort,
  type PlatformLinkPort,
  silentLogger,
  type TrajectRepositoryPort,
} from '@visieleren/core';
import { type Connection, openPglite, openPostgres } from './db/connection.js';
import { findMigrationsDir, loadMigrations } from './db/migrations.js';
import { createAuditLog } from './repositories/audit.js';
import { createChangeFeed } from './repositories/changes.js';
import { exportDossier } from './repositories/dossier.js';
import { createDuoRoundRepository } from './repositories/duo-rounds.js';
import { forgetPerson } from './repositories/forget.js';
import { createFormSubmissionRepository } from './repositories/form-submissions.js';
import { createLinkCodeRepository } from './repositories/link-codes.js';
import { createPlatformLinkRepository } from './repositories/platform-links.js';
import { createReminderOutbox } from './repositories/reminder-outbox.js';
import { createTokenRepository } from './repositories/tokens.js';
import { createTrajectRepository } from './repositories/trajects.js';
import type { Store, StoreConfig } from './types.js';

/** The connection behind a store, for the test kit only (see testing.ts). */
export const connections = new WeakMap<Store, Connection>();

/**
 * Opens the store: PostgreSQL when `databaseUrl` is set, otherwise PGlite in `dataDir` (or in memory).
 * Both run the same drizzle queries and the same migrations. Call `migrate()` before use.
 */
export async function createStore(config: StoreConfig = {}): Promise<Store> {
  const logger = (config.logger ?? silentLogger).child({ component: 'store' });
  const migrations = loadMigrations(config.migrationsDir ?? findMigrationsDir());
  if (config.databaseUrl !== undefined && config.inMemory) {
    throw new ConfigurationError(
      'Kies PostgreSQL (databaseUrl) of een database in het geheugen, niet allebei.',
    );
  }
  const connection = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.maxConnections ?? 10, logger)
    : await openPglite({
        ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
        ...(config.inMemory === undefined ? {} : { inMemory: config.inMemory }),
      });
  const { db } = connection;
  let closed = false;

  const store: Store = {
    driver: connection.driver,
    async migrate() {
      return { applied: await connection.migrate(migrations, logger) };
    },
    async ping() {
      const pending = await connection.pendingMigrations(migrations);
      if (pending > 0) {
        throw new ConfigurationError(
          `De database mist nog ${pending} migratie(s); voer "visieleren db migrate" uit.`,
        );
      }
    },
    // `satisfies`: the compiler proves the store implements the ports core declares for the plugins.
    trajects: createTrajectRepository(db) satisfies TrajectRepositoryPort,
    tokens: createTokenRepository(db),
    reminderOutbox: createReminderOutbox(db, logger),
    formSubmissions: createFormSubmissionRepository(db) satisfies FormSubmissionPort,
    duoRounds: createDuoRoundRepository(db) satisfies DuoRoundPort,
    platformLinks: createPlatformLinkRepository(db) satisfies PlatformLinkPort,
    linkCodes: createLinkCodeRepository(db) satisfies LinkCodePort,
    audit: createAuditLog(db),
    changes: createChangeFeed(db) satisfies ChangeFeedPort,
    exportDossier: (trajectId, scope = { kind: 'all' }) => exportDossier(db, trajectId, scope),
    forgetPerson: (email, actor) => forgetPerson(db, email, actor),
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  };
  connections.set(store, connection);
  logger.debug('Opslag geopend', { driver: connection.driver });
  return store;
}
