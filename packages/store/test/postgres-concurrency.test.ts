import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMigrationsDir, loadMigrations } from '../src/db/migrations.js';
import { createStore, type Store } from '../src/index.js';
import { advanceOutboxClock, type TemporaryDatabase } from '../src/testing.js';
import { sampleIntent, sampleTraject } from './support/fixtures.js';
import { freshDatabase } from './support/postgres.js';

/** What only a real multi-connection server can show: instances racing each other. */
describe('several instances on one PostgreSQL', () => {
  let database: TemporaryDatabase;
  let instances: Store[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    instances = await Promise.all(
      [1, 2, 3].map(() => createStore({ databaseUrl: database.url, maxConnections: 4 })),
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map((store) => store.close()));
    await database?.drop();
  });

  it('migrates once when three instances start at the same moment', async () => {
    const results = await Promise.all(instances.map((store) => store.migrate()));
    const applied = results.flatMap((result) => result.applied);
    expect(applied.sort()).toEqual(loadMigrations(findMigrationsDir()).map((migration) => migration.tag));
    await Promise.all(instances.map((store) => expect(store.ping()).resolves.toBeUndefined()));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT tag FROM visieleren_migrations ORDER BY tag');
      expect(rows.map((row) => row.tag)).toEqual(
        loadMigrations(findMigrationsDir()).map((migration) => migration.tag),
      );
    } finally {
      await client.end();
    }
  });

  it('gives every reminder delivery to exactly one of three instances claiming at once', async () => {
    const intents = Array.from({ length: 60 }, (_, n) => sampleIntent({ occurrence: `fase-${n}` }));
    const entries = intents.map((intent) => ({
      intent,
      channel: 'webhook',
      recipient: { channel: 'webhook' as const, address: 'webhook', kind: 'endpoint' as const },
      timelyUntil: new Date(Date.now() + 86_400_000),
    }));
    // Every instance records the same reminders at once: one row each.
    const reports = await Promise.all(instances.map((store) => store.reminderOutbox.enqueue(entries)));
    expect(reports.reduce((sum, report) => sum + report.pending, 0)).toBe(intents.length);
    const claims = await Promise.all(
      intents.flatMap((intent) =>
        instances.map(async (store, instance) => {
          const row = await store.reminderOutbox.claim(
            { key: intent.key, channel: 'webhook', recipient: 'webhook' },
            { leaseMs: 60_000 },
          );
          return row ? { key: intent.key, instance } : undefined;
        }),
      ),
    );
    const winners = claims.filter((claim) => claim !== undefined);
    expect(winners).toHaveLength(intents.length);
    expect(new Set(winners.map((winner) => winner.key)).size).toBe(intents.length);
  });

  it('lets exactly one instance take over an expired lease', async () => {
    const intent = sampleIntent({ occurrence: 'lease' });
    const [first] = instances as [Store, Store, Store];
    const ref = { key: intent.key, channel: 'webhook', recipient: 'webhook' };
    await first.reminderOutbox.enqueue([
      {
        intent,
        channel: 'webhook',
        recipient: { channel: 'webhook', address: 'webhook', kind: 'endpoint' },
        timelyUntil: new Date(Date.now() + 86_400_000),
      },
    ]);
    await first.reminderOutbox.claim(ref, { leaseMs: 1_000 });
    await advanceOutboxClock(first, 5_000);
    const takeovers = await Promise.all(
      instances.map((store) => store.reminderOutbox.claim(ref, { leaseMs: 60_000, confirmable: true })),
    );
    const won = takeovers.filter(Boolean);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ attempts: 2, previousState: 'claimed' });
  });

  it('lets exactly one of concurrent updates from different instances win on one revision', async () => {
    const [a, b, c] = instances as [Store, Store, Store];
    await a.trajects.create(sampleTraject({ id: 'tr-race' }), 'test');
    const outcomes = await Promise.allSettled([
      a.trajects.setStatus('tr-race', 'gepauzeerd', { actor: 'a', expectedRevision: 1 }),
      b.trajects.setStatus('tr-race', 'afgerond', { actor: 'b', expectedRevision: 1 }),
      c.trajects.logHours(
        'tr-race',
        { role: 'bestuurder', date: '2027-01-13', hours: 1 },
        { actor: 'c', expectedRevision: 1 },
      ),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const stored = await a.trajects.get('tr-race', { kind: 'all' });
    expect(stored.revision).toBe(2);
    expect(await a.audit.list({ trajectId: 'tr-race' })).toHaveLength(2);
  });
});
