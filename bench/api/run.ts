/**
 * API throughput and latency with autocannon against a served instance on each database: PGlite in memory,
 * PGlite in a data folder (the `npm start` default) and PostgreSQL. Endpoints: GET /api/v1/trajecten (342
 * trajects), GET /api/v1/trajecten/{id} (with forecast, hours report and VIT), POST /api/v1/trajecten/{id}/uren;
 * GET /healthz (no database) is the in-run reference for what the machine and HTTP stack give at all.
 *
 *   npx tsx bench/api/run.ts            prints the table
 *   npx tsx bench/api/run.ts --write    also writes it into docs/benchmarks.md between
 *                                       <!-- api:start --> and <!-- api:end -->
 *   --quick                             2 s per endpoint instead of 8
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { machine, writeDocsSection } from '../docs-section.js';

const quick = process.argv.includes('--quick');
const DURATION_S = quick ? 2 : 8;
const CONNECTIONS = 10;
const KINDS = ['memory', 'datadir', 'postgres'] as const;
const LABELS: Record<(typeof KINDS)[number], string> = {
  memory: 'PGlite in memory',
  datadir: 'PGlite in a data folder',
  postgres: 'PostgreSQL 15 (127.0.0.1)',
};

interface Served {
  url: string;
  token: string;
  trajectId: string;
  child: ChildProcess;
}

async function serve(kind: string): Promise<Served> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  // Node itself with tsx's loader, not `npx tsx`: a SIGTERM to npx would leave the server running.
  const child = spawn(
    process.execPath,
    ['--conditions=@visieleren/source', '--import', 'tsx', script, kind],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) {
      const info = JSON.parse(line) as Omit<Served, 'child'>;
      return { ...info, child };
    }
  }
  throw new Error(`De benchmarkserver (${kind}) is gestopt zonder adres.`);
}

interface Result {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: non2xx,
  };
}

const rows: string[] = [];
for (const kind of KINDS) {
  const served = await serve(kind);
  try {
    const auth = { authorization: `Bearer ${served.token}` };
    const endpoints: Array<[string, autocannon.Options]> = [
      ['GET /healthz (reference)', { url: `${served.url}/healthz` }],
      ['GET /api/v1/trajecten', { url: `${served.url}/api/v1/trajecten`, headers: auth }],
      // The overview page the VNG team opens (HTML, every traject's current phase, next session and forecast).
      ['GET / (overview page)', { url: `${served.url}/` }],
      [
        'GET /api/v1/trajecten/{id}',
        { url: `${served.url}/api/v1/trajecten/${served.trajectId}`, headers: auth },
      ],
      [
        'POST /api/v1/trajecten/{id}/uren',
        {
          url: `${served.url}/api/v1/trajecten/${served.trajectId}/uren`,
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'ambtelijk-contactpersoon', date: '2027-02-01', hours: 1.5 }),
        },
      ],
    ];
    for (const [name, options] of endpoints) {
      const result = await load(options);
      // autocannon stops sending, but the server may still be working off queued requests (PGlite runs one
      // query at a time): wait until a database round trip comes back, so the next endpoint starts clean.
      await fetch(`${served.url}/readyz`);
      rows.push(
        `| ${LABELS[kind]} | ${name} | ${Math.round(result.requests)} | ${result.p50} | ${result.p99} | ${result.errors} |`,
      );
      process.stderr.write(`${kind} ${name}: ${Math.round(result.requests)} req/s, p99 ${result.p99} ms\n`);
    }
  } finally {
    served.child.kill('SIGTERM');
    await new Promise((resolve) => served.child.once('exit', resolve));
  }
}

const table = [
  `Run: \`npx tsx bench/api/run.ts --write\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}.`,
  `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per endpoint; the server runs in its own process (tsx, from source)`,
  'with 342 trajects, logging at warn. Requests/s is the mean per second; latency in ms. GET /healthz touches no',
  'database: it is the reference for what this machine and the HTTP stack give in the same run.',
  'The machine is shared (2 cores, other work running), so compare rows within one run rather than across runs.',
  '',
  '| database | endpoint | requests/s | p50 ms | p99 ms | non-2xx/errors |',
  '|---|---|---:|---:|---:|---:|',
  ...rows,
].join('\n');
process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) writeDocsSection('api', 'API throughput', table);
