import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The server's modules form no import circle: the composition root (`http/app.ts`, `server.ts`,
 * `cli/run.ts`) imports the route modules and commands, which import none of it back. Every relative
 * import counts, `import type` and `import()` included, as `madge --circular` counts them.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of each file under `SRC`, as paths relative to it (`./x.js` is the source `./x.ts`). */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** The first circle found by a depth-first walk, as the files along it (first file repeated at the end). */
function findCycle(graph: Graph): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (onPath.has(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    path.push(node);
    onPath.add(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph of apps/server/src', () => {
  it('finds a circle when there is one, and none in a tree', () => {
    const circle: Graph = new Map([
      ['app.ts', ['routes.ts', 'types.ts']],
      ['routes.ts', ['domain.ts']],
      ['domain.ts', ['app.ts']],
    ]);
    expect(findCycle(circle)).toEqual(['app.ts', 'routes.ts', 'domain.ts', 'app.ts']);
    const tree: Graph = new Map([
      ['app.ts', ['routes.ts', 'types.ts']],
      ['routes.ts', ['types.ts']],
    ]);
    expect(findCycle(tree)).toBeUndefined();
  });

  it('reads the real imports, including type-only and dynamic ones', () => {
    const graph = importGraph();
    expect(graph.get('http/app.ts')).toContain('http/api-modules.ts');
    expect(graph.get('http/api-modules.ts')).toContain('http/app-domain.ts');
    expect(graph.get('cli/catalog.ts')).toContain('commands/serve.ts');
  });

  it('has no import circle', () => {
    expect(findCycle(importGraph())).toBeUndefined();
  });
});
