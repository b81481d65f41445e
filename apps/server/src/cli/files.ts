import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './command.js';

/** Reads a JSON file named by a CLI argument; every failure names the argument and the file, in Dutch. */
export async function readJsonArgument(cwd: string, option: string, path: string): Promise<unknown> {
  const fullPath = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(fullPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'bestaat niet' : code === 'EISDIR' ? 'is een map' : 'is niet leesbaar';
    throw new UsageError(`Het bestand bij --${option} (${path}) ${reason}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Het bestand bij --${option} (${path}) is geen geldige JSON: ${detail}`);
  }
}

export async function writeOutputFile(cwd: string, option: string, path: string, content: string) {
  try {
    await writeFile(resolve(cwd, path), content, 'utf8');
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`Kan niet schrijven naar het bestand bij --${option} (${path}): ${detail}.`);
  }
}
