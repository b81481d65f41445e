import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as everything from '../src/index.js';
import * as planning from '../src/planning.js';

const ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../src/planning.ts');

/** Every module `file` loads at run time, transitively: `import type` and `export type` load nothing. */
function runtimeImports(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    const typeOnly =
      (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) ||
      (ts.isExportDeclaration(statement) && statement.isTypeOnly);
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && !typeOnly) {
      const specifier = statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier)) specifiers.push(specifier.text);
    }
  }
  seen.set(file, specifiers);
  for (const specifier of specifiers) {
    if (specifier.startsWith('.') && !specifier.endsWith('.json')) {
      runtimeImports(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
    }
  }
  return seen;
}

describe('@visieleren/core/planning', () => {
  it('loads no zod, so `visieleren plan` starts without it', () => {
    const graph = runtimeImports(ENTRY);
    const packages = [...graph].flatMap(([file, specifiers]) =>
      specifiers.filter((specifier) => !specifier.startsWith('.')).map((name) => `${name} (from ${file})`),
    );
    expect(graph.size).toBeGreaterThan(10);
    expect(packages).toEqual([]);
  });

  it('exports the same functions and values as the main entry', () => {
    const main: Record<string, unknown> = { ...everything };
    for (const [name, value] of Object.entries(planning)) {
      expect(main[name], name).toBe(value);
    }
  });
});
