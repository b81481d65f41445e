import { ConfigurationError } from '@visieleren/core';
import { connections } from './create-store.js';
import type { LifecycleRepository } from './lifecycle-types.js';
import { createLifecycleRepository } from './repositories/lifecycle.js';
import type { Store } from './types.js';

const repositories = new WeakMap<Store, LifecycleRepository>();

/** The traject lifecycle's repository on this store's database (one per store). */
export function lifecycleOf(store: Store): LifecycleRepository {
  const known = repositories.get(store);
  if (known) return known;
  const connection = connections.get(store);
  if (!connection) throw new ConfigurationError('Deze opslag is niet met createStore geopend.');
  const repository = createLifecycleRepository(connection.db);
  repositories.set(store, repository);
  return repository;
}
