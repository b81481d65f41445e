import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@visieleren/core';
import { createStore, jobDatabaseOf, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, type JobRunner } from '../src/jobs/job-runner.js';
import { runCliCaptured } from './helpers/cli.js';

/** `visieleren jobs list|retry` on a database where a serve-like worker left one done and one failed job. */

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let database: TemporaryDatabase;
let store: Store;
let worker: JobRunner;
let cwd: string;
let failedId: string;
let attempts = 0;

const cli = (...argv: string[]) =>
  runCliCaptured(argv, {
    cwd,
    env: { DATABASE_URL: database.url, VISIELEREN_FORMS_SECRET: 'jobs-test-geheim-van-minstens-32-tekens!!' },
  });

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 200; round++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('waited 20 s in vain');
}

beforeAll(async () => {
  database = await createTemporaryDatabase(ADMIN_URL);
  store = await createStore({ databaseUrl: database.url, maxConnections: 2 });
  await store.migrate();
  cwd = await mkdtemp(join(tmpdir(), 'visieleren-jobs-'));
  worker = await createJobRunner({
    database: jobDatabaseOf(store),
    logger: silentLogger,
    pollingIntervalSeconds: 0.5,
  });
  await worker.register([
    { name: 'uitnodiging.mail', async handler() {} },
    {
      name: 'notion.sync',
      retryLimit: 0,
      async handler() {
        if (attempts++ === 0) throw new Error('Notion antwoordde 503');
      },
    },
  ]);
  await worker.enqueue('uitnodiging.mail', { ronde: 1 });
  failedId = (await worker.enqueue('notion.sync', {})) as string;
  await waitFor(async () => (await worker.list({ state: 'failed' })).length === 1);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await store?.close();
  await database?.drop();
  await rm(cwd, { recursive: true, force: true });
});

describe('visieleren jobs', () => {
  it('lists the jobs with their state, and the failed ones with the error', async () => {
    const all = await cli('jobs', 'list');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('uitnodiging.mail');
    expect(all.stdout).toMatch(/notion\.sync\s+mislukt/);
    const failed = await cli('jobs', 'list', '--state', 'failed', '--json');
    expect(failed.code).toBe(0);
    const jobs = JSON.parse(failed.stdout) as Array<{ id: string; state: string; error?: string }>;
    expect(jobs).toEqual([
      expect.objectContaining({ id: failedId, state: 'failed', error: 'Notion antwoordde 503' }),
    ]);
  });

  it('retries a failed job, which the worker then finishes', async () => {
    const retried = await cli('jobs', 'retry', failedId);
    expect(retried).toMatchObject({ code: 0 });
    expect(retried.stdout).toContain(`Taak ${failedId} staat weer in de wachtrij.`);
    await waitFor(async () => (await worker.list({ name: 'notion.sync', state: 'completed' })).length === 1);
    const again = await cli('jobs', 'retry', failedId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Geen mislukte taak met id');
  });

  it('refuses a bad state or a missing id in Dutch, exit code 2', async () => {
    const badState = await cli('jobs', 'list', '--state', 'kapot');
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('--toestand');
    const noId = await cli('jobs', 'retry');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('taak-id');
  });
});
