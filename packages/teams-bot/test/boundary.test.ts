import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('boundaries', () => {
  it('the Agents SDK is imported by one module only, and botbuilder by none', () => {
    const importers = (pattern: RegExp) =>
      files(SRC)
        .filter((file) => pattern.test(readFileSync(file, 'utf8')))
        .map((file) => relative(SRC, file));
    expect(importers(/from '@microsoft\/agents-[^']*'/)).toEqual(['bot-framework/adapter.ts']);
    expect(importers(/from 'botbuilder[^']*'/)).toEqual([]);
  });

  it('reads no process.env, imports no store and no other plugin, and never logs to the console', () => {
    for (const file of files(SRC)) {
      const source = readFileSync(file, 'utf8');
      expect({
        file,
        bad: /process\.env|@visieleren\/(store|slack-app|notion-sync|server)|console\./.test(source),
      }).toEqual({ file, bad: false });
    }
  });
});
