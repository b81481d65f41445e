import { ConfigurationError } from '@visieleren/core';
import type { Store, StoreConfig } from './types.js';

/** Opens the store: PostgreSQL when `databaseUrl` is set, otherwise embedded PGlite. */
export async function createStore(_config: StoreConfig = {}): Promise<Store> {
  // Replaced by the real drivers in the next commit; the interface in types.ts is stable.
  throw new ConfigurationError('De opslag is nog niet beschikbaar in deze versie.');
}
