#!/usr/bin/env node
/**
 * `npm run bench -- [name …] [--write]`: runs the benchmarks under bench/ one after another (all of them, or the
 * named ones), each as `tsx --conditions=@visieleren/source bench/<name>/run.ts`, passing the other arguments on.
 * `--write` makes each one write its section of docs/benchmarks.md. One at a time: they measure wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${benchDir}${entry.name}/run.ts`))
  .map((entry) => entry.name)
  .sort();
const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith('--'));
const passOn = args.filter((arg) => arg.startsWith('--'));
const unknown = named.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Onbekende benchmark: ${unknown.join(', ')}. Kies uit: ${all.join(', ')}.\n`);
  process.exit(2);
}

let failed = 0;
for (const name of named.length > 0 ? named : all) {
  process.stdout.write(`\n## ${name}\n`);
  const result = spawnSync(
    'npx',
    ['tsx', '--conditions=@visieleren/source', `bench/${name}/run.ts`, ...passOn],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
