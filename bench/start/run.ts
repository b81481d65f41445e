/**
 * How long a new user waits: `git clone`, then `npm ci && npm start` (the README's two commands) until the
 * server answers `/readyz`, on a clone of this repository's HEAD with an empty npm cache, as on a fresh machine.
 * Each stage is timed on its own, beside a bare `node -e 0` in the same run.
 *
 *   npx tsx bench/start/run.ts              prints the table
 *   npx tsx bench/start/run.ts --warm-cache reuses this machine's npm cache (a second install)
 *   npx tsx bench/start/run.ts --write      also writes it into docs/benchmarks.md (<!-- start:start -->)
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, writeDocsSection } from '../docs-section.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const warmCache = process.argv.includes('--warm-cache');
const READY_TIMEOUT_MS = 10 * 60_000;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** Runs a command to its end and returns its wall time; a failure stops the bench with its output. */
function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return performance.now() - started;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface StartTimes {
  /** From `npm start` until the build's last line (turbo's summary). */
  buildMs: number;
  /** From `npm start` until `/readyz` answers 200. */
  readyMs: number;
}

/** `npm start` until `/readyz` says 200, noting when the build finished; the server is stopped afterwards. */
async function startUntilReady(cwd: string, env: NodeJS.ProcessEnv): Promise<StartTimes> {
  const port = await freePort();
  const started = performance.now();
  let buildMs = Number.NaN;
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd,
    env: { ...env, PORT: String(port) },
    detached: true,
  });
  const noteOutput = (chunk: Buffer) => {
    output += chunk.toString();
    if (Number.isNaN(buildMs) && /Tasks:\s+\d+ successful/.test(output))
      buildMs = performance.now() - started;
  };
  child.stdout?.on('data', noteOutput);
  child.stderr?.on('data', noteOutput);
  try {
    while (performance.now() - started < READY_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`npm start stopped (${child.exitCode}):\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return { buildMs, readyMs: performance.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`npm start was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
  } finally {
    // npm, turbo's child and the server share one process group: stop them all.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
  }
}

const work = mkdtempSync(join(tmpdir(), 'visieleren-start-'));
const clone = join(work, 'visieleren');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  ...(warmCache ? {} : { npm_config_cache: join(work, 'npm-cache') }),
};
try {
  const nodeMs = timed(process.execPath, ['-e', '0'], root, env);
  const cloneMs = timed('git', ['clone', '--quiet', root, clone], work, env);
  const installMs = timed('npm', ['ci', '--no-audit', '--no-fund'], clone, env);
  const { buildMs, readyMs } = await startUntilReady(clone, env);
  const total = installMs + readyMs;
  const table = [
    `Run: \`npx tsx bench/start/run.ts --write\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}, load average`,
    `${(await import('node:os')).loadavg()[0]?.toFixed(1)} at the end; a clone of HEAD in a temporary folder, ${warmCache ? "this machine's npm cache" : 'an empty npm cache (every package from the registry)'}.`,
    '',
    '| stage | seconds |',
    '|---|---:|',
    `| \`node -e 0\` (reference) | ${seconds(nodeMs)} |`,
    `| \`git clone\` | ${seconds(cloneMs)} |`,
    `| \`npm ci\` | ${seconds(installMs)} |`,
    `| \`npm start\`: build (turbo, 7 packages) | ${seconds(buildMs)} |`,
    `| \`npm start\`: until \`/readyz\` answers 200 (new data folder, migrations, 12 demo trajects) | ${seconds(readyMs)} |`,
    `| **\`npm ci && npm start\` until ready** | **${seconds(total)}** |`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (process.argv.includes('--write'))
    writeDocsSection('start', '`npm ci && npm start` on a fresh clone', table);
} finally {
  rmSync(work, { recursive: true, force: true });
}
