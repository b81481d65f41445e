import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Logger, silentLogger } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import type { ServerEnv } from './env.js';

/** Opens the store the environment points at: PostgreSQL with DATABASE_URL, else PGlite in the data folder. */
export async function openStore(env: ServerEnv, cwd: string, logger: Logger = silentLogger): Promise<Store> {
  if (env.databaseUrl !== undefined) return createStore({ databaseUrl: env.databaseUrl, logger });
  const dataDir = resolve(cwd, env.dataDir);
  await mkdir(dataDir, { recursive: true });
  return createStore({ dataDir, logger });
}

const FORMS_SECRET_FILE = 'forms-secret';

/**
 * The secret that signs form links. With PostgreSQL it must come from the environment (every instance must
 * agree); on the embedded database it is generated once and kept in the data folder, so links stay valid
 * across restarts without any setup.
 */
export async function resolveFormsSecret(env: ServerEnv, cwd: string): Promise<string> {
  if (env.formsSecret !== undefined) return env.formsSecret;
  const file = join(resolve(cwd, env.dataDir), FORMS_SECRET_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  await mkdir(resolve(cwd, env.dataDir), { recursive: true });
  await writeFile(file, `${secret}\n`, { encoding: 'utf8', mode: 0o600 });
  return secret;
}
