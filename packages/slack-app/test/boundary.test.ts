import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The plugin imports only core, forms, its vendor SDK and Node; it reads no environment of its own. */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('slack-app boundaries', () => {
  const sources = files(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('imports nothing but core, forms, @slack/* and node: modules (and its own files)', () => {
    const allowed = /^(\.{1,2}\/|node:|@visieleren\/(core|forms)$|@slack\/(bolt|web-api)$)/;
    // The test kit (src/testing/) may build on core's test kit; the plugin itself may not.
    const allowedInKit = /^@visieleren\/core\/testing$/;
    const bad = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/from '([^']+)'/g)]
        .map((match) => match[1] ?? '')
        .filter(
          (specifier) =>
            !allowed.test(specifier) && !(path.includes('/src/testing/') && allowedInKit.test(specifier)),
        )
        .map((specifier) => `${path}: ${specifier}`),
    );
    expect(bad).toEqual([]);
  });

  it('never reads process.env and never writes to the console', () => {
    const bad = sources.filter(({ text }) => /process\.env|console\./.test(text)).map(({ path }) => path);
    expect(bad).toEqual([]);
  });
});
