import type { Store } from '@visieleren/store';
import type { CliIo } from '../cli/command.js';
import { loadEnv, type ServerEnv } from '../env.js';
import { openStore } from '../runtime.js';

/**
 * Opens the store the environment points at (migrated, so every command works on a fresh data folder),
 * runs `work` and always closes it. The embedded database is single-process: stop `serve` first, or use the API.
 */
export async function withStore<T>(
  io: CliIo,
  work: (store: Store, env: ServerEnv) => Promise<T>,
): Promise<T> {
  const env = loadEnv(io.env);
  const store = await openStore(env, io.cwd);
  try {
    await store.migrate();
    return await work(store, env);
  } finally {
    await store.close();
  }
}

/** Who the audit log names for changes made from the terminal. */
export const CLI_ACTOR = 'cli';
