/**
 * Background-job throughput on pg-boss 12 (apps/server/src/jobs/job-runner.ts) on both drivers: N jobs
 * enqueued, then worked until all are done. Reference in the same run and the same database: the floor of
 * any durable queue, one INSERT per job and one claiming UPDATE … RETURNING per job on a plain table.
 *
 *   npx tsx --conditions=@visieleren/source bench/jobs/run.ts          prints the table
 *   npx tsx bench/jobs/run.ts --write    also writes it into docs/benchmarks.md (<!-- jobs:start -->)
 */

import pg from 'pg';
import { createJobRunner } from '../../apps/server/src/jobs/job-runner.js';
import { silentLogger } from '../../packages/core/src/index.js';
import { createStore, jobDatabaseOf, type Store } from '../../packages/store/src/index.js';
import { createTemporaryDatabase } from '../../packages/store/src/testing.js';
import { machine, writeDocsSection } from '../docs-section.js';

const JOBS = 300;
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  driver: string;
  enqueueMs: number;
  drainMs: number;
  jobsPerSecond: number;
  referenceMs: number;
}

type Query = (text: string, params?: unknown[]) => Promise<unknown>;

/** The floor: insert N rows, then claim and finish each with one UPDATE … RETURNING (SKIP LOCKED). */
async function reference(query: Query): Promise<number> {
  await query('create table if not exists bench_queue (id serial primary key, data jsonb, state text)');
  await query('truncate bench_queue');
  const started = performance.now();
  for (let n = 0; n < JOBS; n++)
    await query(`insert into bench_queue (data, state) values ($1, 'created')`, [{ n }]);
  for (let n = 0; n < JOBS; n++) {
    await query(
      `update bench_queue set state = 'completed' where id = (select id from bench_queue where state = 'created' order by id limit 1 for update skip locked) returning id`,
    );
  }
  return performance.now() - started;
}

async function measure(driver: 'pglite' | 'postgres'): Promise<Row> {
  const database = driver === 'postgres' ? await createTemporaryDatabase(ADMIN_URL) : undefined;
  const store: Store = await createStore(database ? { databaseUrl: database.url } : { inMemory: true });
  await store.migrate();
  const jobDatabase = jobDatabaseOf(store);
  const pool =
    jobDatabase.kind === 'postgres'
      ? new pg.Pool({ connectionString: jobDatabase.connectionString, max: 1 })
      : undefined;
  const query: Query =
    jobDatabase.kind === 'pglite'
      ? (text, params) => jobDatabase.client.query(text, params)
      : (text, params) => (pool as pg.Pool).query(text, params);
  try {
    const referenceMs = await reference(query);
    const runner = await createJobRunner({ database: jobDatabase, logger: silentLogger, work: false });
    let done = 0;
    let finished: () => void = () => {};
    const allDone = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const started = performance.now();
    await runner.register([{ name: 'bench.noop', async handler() {} }]);
    for (let n = 0; n < JOBS; n++) await runner.enqueue('bench.noop', { n });
    const enqueueMs = performance.now() - started;
    await runner.stop();
    // A working runner: one job at a time per poll, polling every 0.5 s when idle (pg-boss's minimum).
    const worker = await createJobRunner({
      database: jobDatabase,
      logger: silentLogger,
      pollingIntervalSeconds: 0.5,
    });
    const drainStart = performance.now();
    await worker.register([
      {
        name: 'bench.noop',
        async handler() {
          if (++done === JOBS) finished();
        },
      },
    ]);
    await allDone;
    const drainMs = performance.now() - drainStart;
    await worker.stop();
    return { driver, enqueueMs, drainMs, jobsPerSecond: (JOBS * 1000) / drainMs, referenceMs };
  } finally {
    await pool?.end();
    await store.close();
    await database?.drop();
  }
}

const rows = [await measure('pglite'), await measure('postgres')];
const table = [
  `${JOBS} jobs per driver, a no-op handler; ${machine()}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| driver | enqueue all | work all | total | jobs/s worked | reference: insert + claim each (plain SQL) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${row.driver === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL 127.0.0.1'} | ${row.enqueueMs.toFixed(0)} ms | ${row.drainMs.toFixed(0)} ms | ${(row.enqueueMs + row.drainMs).toFixed(0)} ms | ${row.jobsPerSecond.toFixed(0)} | ${row.referenceMs.toFixed(0)} ms |`,
  ),
  '',
  'Enqueue is one `send` per job (each its own statement, as a Slack request or an invite enqueues one).',
  'Workers fetch up to 10 jobs at a time and fetch again at once while batches come back full; new jobs',
  'wake an idle worker through LISTEN/NOTIFY. pg-boss does more per job than the reference (queue policy,',
  'retry bookkeeping, state history): total against reference is the price of that. The plugins enqueue a',
  'handful of jobs per Slack request, invite round or sync, far below these rates.',
].join('\n');
process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) writeDocsSection('jobs', 'Background jobs (pg-boss)', table);
