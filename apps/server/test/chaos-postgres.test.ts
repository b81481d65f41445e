import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, freePort, type OwnPostgres, startOwnPostgres } from './helpers/own-postgres.js';

/**
 * Chaos on a PostgreSQL cluster of the test's own: `visieleren serve` as its own process, 20 clients logging
 * hours over HTTP, while the test terminates the server's connections (idle in a transaction first, then all of
 * them, again and again) and then restarts PostgreSQL. The process must live through all of it, every write it
 * acknowledged (201) must be in the database afterwards, it answers 503 with Retry-After only while the chaos
 * lasts (never a 500), /readyz says 503 while the database is down, and it recovers by itself.
 */

const bin = findPostgresBin();
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CLIENTS = 20;
const DATABASE = 'chaos';

let cluster: OwnPostgres;
let serve: ChildProcess;
let baseUrl: string;
const output: string[] = [];

interface Attempt {
  client: number;
  note: string;
  status: number;
  retryAfter: string | null;
  at: number;
}

function build() {
  const result = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--filter=@visieleren/server', '--output-logs=errors-only', '--no-daemon'],
    { cwd: repoDir, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  if (result.status !== 0) throw new Error(`Bouwen mislukte:\n${result.stdout}\n${result.stderr}`);
  if (!existsSync(cli)) throw new Error(`${cli} ontbreekt na het bouwen.`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline)
      throw new Error(`Wachten op ${what} duurde te lang.\n${output.join('').slice(-3000)}`);
    await sleep(100);
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: cluster.url(database), application_name: 'chaos-test' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Terminates the server's backends in the chaos database (the test's own connections are spared). */
function terminate(state?: string): Promise<number> {
  return admin(async (client) => {
    const result = await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> 'chaos-test'
          AND ($2::text IS NULL OR state = $2)`,
      [DATABASE, state ?? null],
    );
    return result.rowCount ?? 0;
  });
}

describe.skipIf(!bin)(
  'the server on PostgreSQL under chaos (skipped: no PostgreSQL binaries in /usr/lib/postgresql)',
  () => {
    beforeAll(async () => {
      build();
      cluster = await startOwnPostgres(bin as string);
      await admin((client) => client.query(`CREATE DATABASE ${DATABASE}`));
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      serve = spawn(process.execPath, [cli, 'serve'], {
        cwd: serverDir,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: cluster.url(DATABASE),
          VISIELEREN_FORMS_SECRET: 'chaos-test-geheim-van-minstens-32-tekens-lang',
          PORT: String(port),
          HOST: '127.0.0.1',
          VISIELEREN_DISPATCH_INTERVAL_MS: '500',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      serve.stdout?.on('data', (chunk) => output.push(String(chunk)));
      serve.stderr?.on('data', (chunk) => output.push(String(chunk)));
      await waitFor(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, 30_000, 'de server');
    }, 600_000);

    afterAll(async () => {
      if (serve && serve.exitCode === null) {
        serve.kill('SIGKILL');
        await new Promise((resolve) => serve.once('exit', resolve));
      }
      cluster?.destroy();
    });

    it('lives through terminated connections and a restart: every acknowledged write stored, 503 only meanwhile', async () => {
      const tokens = await admin(async () => {
        // Tokens through the CLI's own store would need another process; the API needs one VNG token per
        // client (the write limit is per token), made here through the store the server uses.
        const { createStore } = await import('@visieleren/store');
        const store = await createStore({ databaseUrl: cluster.url(DATABASE), maxConnections: 2 });
        try {
          const made: string[] = [];
          for (let index = 0; index < CLIENTS; index++) {
            made.push((await store.tokens.create({ role: 'vng', label: `chaos ${index}` }, 'test')).token);
          }
          return made;
        } finally {
          await store.close();
        }
      });
      const created = await fetch(`${baseUrl}/api/v1/trajecten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          templateKey: 'visieleertraject',
          startDate: '2027-01-11',
          gemeenten: [{ name: 'Chaosdam' }],
          kernvraag: 'Blijft de server staan als de database wegvalt?',
          status: 'lopend',
        }),
      });
      expect(created.status).toBe(201);
      const trajectId = ((await created.json()) as { traject: { id: string } }).traject.id;

      const attempts: Attempt[] = [];
      let writing = true;
      const write = async (client: number, note: string) => {
        const response = await fetch(`${baseUrl}/api/v1/trajecten/${trajectId}/uren`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[client]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'ambtelijk-contactpersoon', date: '2027-02-08', hours: 1, note }),
        });
        await response.text();
        attempts.push({
          client,
          note,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          at: Date.now(),
        });
        return response.status;
      };
      const writers = Array.from({ length: CLIENTS }, async (_, client) => {
        for (let n = 0; writing; n++) {
          await write(client, `chaos-${client}-${n}`);
          // About 3 writes a second per client: under the per-token limit, so every refusal is the database's.
          await sleep(300);
        }
      });

      await sleep(1_500);
      const chaosStart = Date.now();
      let idleInTransaction = 0;
      let terminated = 0;
      for (let round = 0; round < 30; round++) {
        idleInTransaction += await terminate('idle in transaction');
        terminated += await terminate();
        await sleep(60);
      }
      // A restart (as a failover would be): down for two seconds, then up again.
      cluster.stop();
      const readyDuringOutage: number[] = [];
      const outageUntil = Date.now() + 2_000;
      while (Date.now() < outageUntil) {
        readyDuringOutage.push((await fetch(`${baseUrl}/readyz`)).status);
        await sleep(250);
      }
      cluster.start();
      const outageEnd = Date.now();
      await waitFor(
        async () => (await fetch(`${baseUrl}/readyz`)).status === 200,
        20_000,
        '/readyz na de herstart',
      );
      await sleep(4_000);
      writing = false;
      await Promise.all(writers);
      // Recovered by itself: every client's next write is stored at once.
      const after = await Promise.all(tokens.map((_, client) => write(client, `chaos-${client}-na`)));

      process.stdout.write(
        `chaos: ${attempts.length} schrijfpogingen, ${terminated} verbindingen beëindigd (${idleInTransaction} idle in transaction), ` +
          `${attempts.filter((a) => a.status === 503).length} × 503\n`,
      );
      expect(serve.exitCode, output.join('').slice(-3000)).toBeNull();
      expect(serve.signalCode).toBeNull();
      expect(terminated).toBeGreaterThan(0);
      expect(after).toEqual(tokens.map(() => 201));
      expect(readyDuringOutage.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(new Set(readyDuringOutage.filter((status) => status !== 503))).toEqual(new Set());

      const statuses = new Set(attempts.map((attempt) => attempt.status));
      expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
      const refused = attempts.filter((attempt) => attempt.status === 503);
      for (const attempt of refused) {
        expect(attempt.retryAfter).toMatch(/^\d+$/);
        // Only while the chaos lasted: from the first termination to a few seconds after the restart.
        expect(attempt.at).toBeGreaterThanOrEqual(chaosStart);
        expect(attempt.at).toBeLessThanOrEqual(outageEnd + 6_000);
      }
      const acknowledged = attempts
        .filter((attempt) => attempt.status === 201)
        .map((attempt) => attempt.note);
      expect(acknowledged.length).toBeGreaterThan(CLIENTS * 3);
      const stored = await admin(
        async (client) =>
          new Set(
            (
              await client.query<{ note: string }>(`SELECT note FROM hour_logs WHERE note LIKE 'chaos-%'`)
            ).rows.map((row) => row.note),
          ),
        DATABASE,
      );
      expect(acknowledged.filter((note) => !stored.has(note))).toEqual([]);
    }, 90_000);
  },
);
