import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * How a CLI in another shell finds `visieleren serve` on the embedded database. PGlite is one process's, so
 * while `serve` holds the data folder the CLI asks the server to run its command. The server writes this
 * file into the data folder (readable by the same user only, mode 0600) and removes it when it stops.
 */
export const SERVER_FILE = '.visieleren-server.json';
/** The same name the store's lock uses (packages/store/src/db/data-dir-lock.ts). */
const LOCK_FILE = '.visieleren-store.lock';

export interface LocalServer {
  pid: number;
  /** The loopback address the CLI channel listens on (not the public one). */
  url: string;
  /** Bearer credential for the CLI channel; new at every start. */
  credential: string;
}

/** Thrown where a command would open the embedded database that a running `serve` holds. */
export class ServerHoldsDatabase extends Error {
  constructor(readonly server: LocalServer) {
    super(`De server (pid ${server.pid}) heeft de ingebouwde database open.`);
    this.name = 'ServerHoldsDatabase';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes the discovery file; returns the function that removes it again. */
export function announceLocalServer(dataDir: string, server: LocalServer): () => void {
  const file = join(resolve(dataDir), SERVER_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, `${JSON.stringify(server)}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  // A umask cannot widen `mode`, but be explicit: only the owner may read the credential.
  chmodSync(file, 0o600);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    // Only our own file: a newer server may have replaced it.
    if (readText(file)?.includes(`"credential":"${server.credential}"`)) rmSync(file, { force: true });
  };
}

/**
 * The server holding this data folder, if one runs: its discovery file names a live process that also holds
 * the folder's lock. A file left by a server that crashed is ignored (the store takes the stale lock over).
 */
export function findLocalServer(dataDir: string): LocalServer | undefined {
  const dir = resolve(dataDir);
  const text = readText(join(dir, SERVER_FILE));
  if (!text) return undefined;
  let server: Partial<LocalServer>;
  try {
    server = JSON.parse(text) as Partial<LocalServer>;
  } catch {
    return undefined;
  }
  const { pid, url, credential } = server;
  if (typeof pid !== 'number' || typeof url !== 'string' || typeof credential !== 'string') return undefined;
  const lockOwner = Number.parseInt(readText(join(dir, LOCK_FILE)) ?? '', 10);
  if (lockOwner !== pid || !isRunning(pid)) return undefined;
  return { pid, url, credential };
}
