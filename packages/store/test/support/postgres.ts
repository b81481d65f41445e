import { createTemporaryDatabase, type TemporaryDatabase } from '../../src/testing.js';

/**
 * The PostgreSQL the tests run against. The machine and CI always have one, so an unreachable server is a
 * test FAILURE with a clear message, never a skip.
 */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database per test file, so parallel files and CI runs never see each other's rows. */
export function freshDatabase(): Promise<TemporaryDatabase> {
  return createTemporaryDatabase(ADMIN_DATABASE_URL);
}
