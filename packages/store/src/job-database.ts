import { ConfigurationError } from '@visieleren/core';
import { connections } from './create-store.js';
import type { JobDatabase } from './db/connection.js';
import type { Store } from './types.js';

export type { JobDatabase };

/**
 * The database a job queue should share with this store: on PGlite the one embedded instance (a second one
 * could not open the same folder), on PostgreSQL its connection string (the queue keeps its own pool).
 */
export function jobDatabaseOf(store: Store): JobDatabase {
  const connection = connections.get(store);
  if (!connection) throw new ConfigurationError('Deze opslag is niet met createStore geopend.');
  return connection.jobDatabase;
}
