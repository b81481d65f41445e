import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@visieleren/core';

/**
 * PGlite does not stop two processes from opening one data folder, and two writers corrupt it (a newcomer
 * running `visieleren token create` next to `npm start` would). A lock file with the owner's pid prevents
 * that; a lock left by a process that no longer runs is taken over.
 */
export const DATA_DIR_LOCK_FILE = '.visieleren-store.lock';

/** Folders this process has open: the same pid in a lock file means "open here" only if listed. */
const openHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock or throws a Dutch ConfigurationError naming the process that holds it. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const file = join(dir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      openHere.add(dir);
      return () => {
        openHere.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    const held =
      Number.isInteger(owner) && owner > 0 && (owner === process.pid ? openHere.has(dir) : isRunning(owner));
    if (held) {
      throw new ConfigurationError(
        `De ingebouwde database in ${dir} is al geopend door ${owner === process.pid ? 'dit proces' : `een ander proces (pid ${owner})`}. ` +
          'Twee processen tegelijk beschadigen hem: stop het andere proces (bijvoorbeeld "visieleren serve") of gebruik PostgreSQL via DATABASE_URL.',
      );
    }
    rmSync(file, { force: true });
  }
  throw new ConfigurationError(`De vergrendeling van de datamap ${dir} kon niet worden gezet.`);
}
