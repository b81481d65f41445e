import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('package boundary', () => {
  it('imports neither the store nor another plugin, and reads no environment itself', () => {
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from '@visieleren\/(store|teams-bot|slack-app|server)/);
      expect(text, file).not.toMatch(/process\.env/);
    }
  });

  it('only the gateway talks to @notionhq/client; the renderers use its request types only', () => {
    const importers = files(src).filter((file) =>
      /import (?!type )[^;]*from '@notionhq\/client'/.test(readFileSync(file, 'utf8')),
    );
    expect(importers.map((file) => file.slice(src.length))).toEqual(['client/gateway.ts']);
  });
});
