import { resolve } from 'node:path';
import type { LifecycleRepository, Store } from '@visieleren/store';
import type { CliIo } from '../cli/command.js';
import { findLocalServer, ServerHoldsDatabase } from '../cli/local-server.js';
import { loadEnv, type ServerEnv } from '../env.js';

/**
 * Runs `work` on the store the environment points at (migrated, so every command works on a fresh data folder)
 * and always closes it. Inside `serve` (a command sent from another shell) it uses the server's open store.
 * On the embedded database that a running `serve` holds, it throws ServerHoldsDatabase: `runCli` then sends
 * the command to that server instead.
 */
export async function withStore<T>(
  io: CliIo,
  work: (store: Store, env: ServerEnv) => Promise<T>,
): Promise<T> {
  return withOpenStore(io, async (store, env) => {
    await store.migrate();
    return work(store, env);
  });
}

/** `withStore` without migrating first (`db migrate` reports what it applies). */
export async function withOpenStore<T>(
  io: CliIo,
  work: (store: Store, env: ServerEnv) => Promise<T>,
): Promise<T> {
  if (io.attached) return work(io.attached.store, io.attached.env);
  const env = loadEnv(io.env);
  if (env.databaseUrl === undefined) {
    const server = findLocalServer(resolve(io.cwd, env.dataDir));
    if (server) throw new ServerHoldsDatabase(server);
  }
  // Loaded here, not on import: a command's `--help` never pays for the store.
  const { openStore } = await import('../runtime.js');
  const store = await openStore(env, io.cwd);
  try {
    return await work(store, env);
  } finally {
    await store.close();
  }
}

/** The store's lifecycle repository (aanmeldingen, lessons, programmes), loaded with the store. */
export async function lifecycleRepository(store: Store): Promise<LifecycleRepository> {
  const { lifecycleOf } = await import('@visieleren/store');
  return lifecycleOf(store);
}

/** Who the audit log names for changes made from the terminal. */
export const CLI_ACTOR = 'cli';
