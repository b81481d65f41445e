import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(join(dir, entry.name));
    return entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [];
  });
}

describe('packages/forms stays pure', () => {
  const files = sourceFiles(srcDir).map((path) => ({
    path: path.slice(srcDir.length + 1),
    text: readFileSync(path, 'utf8'),
  }));

  it('imports no vendor SDK, no I/O module and reads no environment', () => {
    const forbidden =
      /from '(?:botbuilder[^']*|@slack\/[^']*|@notionhq\/[^']*|@microsoft\/[^']*|adaptivecards[^']*|ajv[^']*|playwright[^']*|axe-core|node:fs[^']*|node:net|node:http[^']*|node:child_process|pg|express)'|process\.env|console\.log/;
    expect(files.filter((file) => forbidden.test(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('keeps node:crypto in the signing module only', () => {
    expect(files.filter((file) => file.text.includes("from 'node:crypto'")).map((file) => file.path)).toEqual(
      ['token/form-token.ts'],
    );
  });

  it('the check sees the files it should', () => {
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['index.ts', 'render/html.ts', 'testing.ts']),
    );
  });
});
