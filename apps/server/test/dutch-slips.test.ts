import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Dutch slips users reported (issue 20) stay out of every text the packages and apps show. */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SLIPS = [/het contactpersoon/i, /verschuldigde herinneringen/i, /maak een nieuw[.,;:!?'"`\s]*$/im];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('Dutch texts', () => {
  it('have none of the reported slips in any package or app source', () => {
    const files = ['packages', 'apps'].flatMap((top) =>
      readdirSync(join(ROOT, top)).flatMap((name) => {
        const src = join(ROOT, top, name, 'src');
        try {
          return sourceFiles(src);
        } catch {
          return [];
        }
      }),
    );
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return SLIPS.filter((slip) => slip.test(text)).map((slip) => `${file}: ${slip}`);
    });
    expect(found).toEqual([]);
  });
});
