import { silentLogger, ValidationError } from '@visieleren/core';
import { describeJobQueueContract } from '@visieleren/core/contract';
import { createStore, jobDatabaseOf, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, dedupeJobId, type JobRunner } from '../src/jobs/job-runner.js';

const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let round = 0; round < 200; round++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('waited 20 s in vain');
}

describe('dedupeJobId', () => {
  it('is a stable UUID per name and key', () => {
    const id = dedupeJobId('slack.command', 'T1:trigger-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(dedupeJobId('slack.command', 'T1:trigger-1')).toBe(id);
    expect(dedupeJobId('slack.command', 'T1:trigger-2')).not.toBe(id);
    expect(dedupeJobId('notion.sync', 'T1:trigger-1')).not.toBe(id);
  });
});

for (const driver of ['pglite', 'postgres'] as const) {
  describe(`jobs on pg-boss (${driver})`, () => {
    let store: Store;
    let runner: JobRunner;
    let database: TemporaryDatabase | undefined;
    const handled: string[] = [];
    let failuresLeft = 1;

    beforeAll(async () => {
      if (driver === 'postgres') database = await createTemporaryDatabase(ADMIN_DATABASE_URL);
      store = await createStore(database ? { databaseUrl: database.url } : { inMemory: true });
      await store.migrate();
      runner = await createJobRunner({
        database: jobDatabaseOf(store),
        logger: silentLogger,
        pollingIntervalSeconds: 0.5,
      });
      await runner.register([
        {
          name: 'test.echo',
          async handler(data) {
            handled.push(String(data.value));
          },
        },
        {
          name: 'test.invalid',
          async handler(data) {
            handled.push(`invalid:${String(data.value)}`);
            throw new ValidationError('Regel 3: 2026-12-32 is geen datum.');
          },
        },
        {
          name: 'test.flaky',
          retryLimit: 0,
          async handler(data) {
            if (failuresLeft-- > 0) throw new Error(`mislukt voor ${String(data.value)}`);
            handled.push(`flaky:${String(data.value)}`);
          },
        },
      ]);
    });

    afterAll(async () => {
      await runner?.stop();
      await store?.close();
      await database?.drop();
    });

    it('runs a queued job once', async () => {
      await runner.enqueue('test.echo', { value: 'a' });
      await waitFor(
        async () => handled,
        (list) => list.includes('a'),
      );
      expect(handled.filter((value) => value === 'a')).toHaveLength(1);
    });

    it('creates a deduplicated job once, also after it finished', async () => {
      const first = await runner.enqueue('test.echo', { value: 'b' }, { dedupeKey: 'request-1' });
      expect(first).toBeDefined();
      await waitFor(
        async () => handled,
        (list) => list.includes('b'),
      );
      const again = await runner.enqueue('test.echo', { value: 'b' }, { dedupeKey: 'request-1' });
      expect(again).toBeUndefined();
      const jobs = await runner.list({ name: 'test.echo' });
      expect(jobs.filter((job) => job.id === first)).toHaveLength(1);
    });

    it('fails a job with a validation error at once, without retries', async () => {
      const id = await runner.enqueue('test.invalid', { value: 'v' });
      const [failed] = await waitFor(
        () => runner.list({ name: 'test.invalid', state: 'failed' }),
        (jobs) => jobs.some((job) => job.id === id),
      );
      expect(failed).toMatchObject({ id, retryCount: 0, error: 'Regel 3: 2026-12-32 is geen datum.' });
      expect(handled.filter((value) => value === 'invalid:v')).toHaveLength(1);
    });

    it('lists a failed job with its error and retries it on request', async () => {
      const id = await runner.enqueue('test.flaky', { value: 'c' });
      const [failed] = await waitFor(
        () => runner.list({ name: 'test.flaky', state: 'failed' }),
        (jobs) => jobs.some((job) => job.id === id),
      );
      expect(failed).toMatchObject({ id, name: 'test.flaky', state: 'failed' });
      expect(failed?.error).toContain('mislukt voor c');
      expect(await runner.retry(id as string)).toBe(true);
      await waitFor(
        async () => handled,
        (list) => list.includes('flaky:c'),
      );
      expect(await runner.retry(id as string)).toBe(false);
      expect(await runner.retry('00000000-0000-4000-8000-000000000000')).toBe(false);
    });
  });
}

// The in-memory kit runs the same contract: what tests see of deduplication is what pg-boss does.
describeJobQueueContract('pg-boss 12 (PGlite)', async () => {
  const store = await createStore({ inMemory: true });
  await store.migrate();
  const runner = await createJobRunner({ database: jobDatabaseOf(store), logger: silentLogger, work: false });
  return {
    async fresh() {
      return runner;
    },
    async close() {
      await runner.stop();
      await store.close();
    },
  };
});
