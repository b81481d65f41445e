/**
 * The store under a portfolio of 342 trajects (the number of Dutch gemeenten) and 10,000, on embedded PGlite
 * (in memory) and on PostgreSQL (DATABASE_URL, default the local test server; a fresh temporary database).
 * Reference in the same run: one `SELECT 1` round trip on the same connection.
 *
 *   npx tsx bench/store/run.ts            prints the table
 *   npx tsx bench/store/run.ts --write    also writes it into docs/benchmarks.md between
 *                                         <!-- store:start --> and <!-- store:end -->
 *   --quick                               342 trajects only
 */
import { sql } from 'drizzle-orm';
import {
  addDays,
  createTrajectFromTemplate,
  getBuiltInTemplate,
  type ReminderIntent,
  type Template,
  type Traject,
} from '../../packages/core/src/index.js';
import { connections } from '../../packages/store/src/create-store.js';
import { createStore, type Store } from '../../packages/store/src/index.js';
import { createTemporaryDatabase } from '../../packages/store/src/testing.js';
import { machine, writeDocsSection } from '../docs-section.js';

const args = new Set(process.argv.slice(2));
const SIZES = args.has('--quick') ? [342] : [342, 10_000];
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TODAY = '2027-03-15';
/** Concurrent writers while seeding PostgreSQL (PGlite has one connection, so it is always serial there). */
const SEED_CONCURRENCY = 8;

function portfolio(count: number, template: Template): Traject[] {
  return Array.from({ length: count }, (_, n) => {
    const traject = createTrajectFromTemplate(template, {
      id: `bench-${n}`,
      gemeenten: [{ name: `Gemeente ${n}`, inwoners: 10_000 + ((n * 7919) % 200_000) }],
      kernvraag: 'Hoe houden we de toegang dichtbij?',
      themes: ['inwoner-centraal'],
      start: addDays(TODAY, -120 + (n % 150)),
      status: 'lopend',
      participants: [
        {
          id: 'p1',
          name: `Contact ${n}`,
          email: `contact${n}@example.org`,
          role: 'ambtelijk-contactpersoon',
        },
        { id: 'p2', name: `Bestuurder ${n}`, role: 'bestuurder' },
      ],
    });
    traject.checklist = template.phases
      .flatMap((phase) => phase.checklist)
      .map((item, index) => ({ itemId: item.id, done: (index + n) % 4 === 0 }));
    traject.hours = [
      { id: 'h1', role: 'ambtelijk-contactpersoon', participantId: 'p1', date: traject.startDate, hours: 4 },
    ];
    return traject;
  });
}

function intent(n: number): ReminderIntent {
  return {
    key: `bench-${n}:phase-start:luisteren`,
    trajectId: `bench-${n}`,
    ruleId: 'phase-start',
    kind: 'phase-start',
    occurrence: 'luisteren',
    dueAt: '2027-03-15T07:00:00.000Z',
    audience: ['ambtelijk-contactpersoon'],
    message: { nl: 'De fase Luisteren begint.', en: 'The Listening phase starts.' },
    subject: { phaseKey: 'luisteren' },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timeEach(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function inBatches<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

interface Row {
  driver: string;
  size: number;
  referenceMs: number;
  createPerSecond: number;
  listAllMs: number;
  getMs: number;
  updateMs: number;
  claimPerSecond: number;
  reclaimMs: number;
}

async function measure(driver: string, store: Store, trajects: Traject[]): Promise<Row> {
  await store.migrate();
  const db = connections.get(store)?.db;
  if (!db) throw new Error('no connection');
  const concurrency = store.driver === 'postgres' ? SEED_CONCURRENCY : 1;

  const seedStart = performance.now();
  await inBatches(trajects, concurrency, (traject) => store.trajects.create(traject, 'bench'));
  const createPerSecond = trajects.length / ((performance.now() - seedStart) / 1000);

  await timeEach(20, () => db.execute(sql`select 1`));
  const reference = median(await timeEach(200, () => db.execute(sql`select 1`)));
  await store.trajects.list({ kind: 'all' });
  const listAll = median(await timeEach(5, () => store.trajects.list({ kind: 'all' })));
  const ids = trajects.map((traject) => traject.id);
  const get = median(
    await timeEach(200, (i) => store.trajects.get(ids[(i * 37) % ids.length] ?? '', { kind: 'all' })),
  );
  const itemId = trajects[0]?.checklist[0]?.itemId ?? '';
  const update = median(
    await timeEach(200, (i) =>
      store.trajects.setChecklistItem(
        ids[(i * 53) % ids.length] ?? '',
        { itemId, done: i % 2 === 0 },
        { actor: 'bench' },
      ),
    ),
  );

  // The dispatcher's work per minute: claim each due reminder once (fresh rows), then again (already taken).
  const intents = trajects.map((_, n) => intent(n));
  const webhook = { channel: 'webhook', address: 'webhook', kind: 'endpoint' } as const;
  const ref = (item: ReminderIntent) => ({ key: item.key, channel: 'webhook', recipient: 'webhook' });
  await store.reminderOutbox.enqueue(
    intents.map((item) => ({
      intent: item,
      channel: 'webhook',
      recipient: webhook,
      timelyUntil: new Date('2100-01-01T00:00:00Z'),
    })),
  );
  const claimStart = performance.now();
  await inBatches(intents, concurrency, (item) => store.reminderOutbox.claim(ref(item), { leaseMs: 60_000 }));
  const claimPerSecond = intents.length / ((performance.now() - claimStart) / 1000);
  const reclaim = median(
    await timeEach(200, (i) =>
      store.reminderOutbox.claim(ref(intents[i % intents.length] as ReminderIntent), { leaseMs: 60_000 }),
    ),
  );

  return {
    driver,
    size: trajects.length,
    referenceMs: reference,
    createPerSecond,
    listAllMs: listAll,
    getMs: get,
    updateMs: update,
    claimPerSecond,
    reclaimMs: reclaim,
  };
}

const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(2)} ms`);

async function main(): Promise<void> {
  const template = getBuiltInTemplate('visieleertraject');
  const rows: Row[] = [];
  for (const size of SIZES) {
    const trajects = portfolio(size, template);
    const embedded = await createStore({ inMemory: true });
    try {
      rows.push(await measure('PGlite (in memory)', embedded, trajects));
    } finally {
      await embedded.close();
    }
    const database = await createTemporaryDatabase(ADMIN_URL);
    const server = await createStore({ databaseUrl: database.url, maxConnections: SEED_CONCURRENCY });
    try {
      rows.push(await measure('PostgreSQL 15 (local)', server, trajects));
    } finally {
      await server.close();
      await database.drop();
    }
    process.stderr.write(`${size} trajects done\n`);
  }

  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/store/run.ts --write\` on ${machine()}. ` +
      'Each traject from the `visieleertraject` template (5 phases, its sessions and full checklist, 2 participants, 1 hour entry). ' +
      `Seeding and claiming run ${SEED_CONCURRENCY} at a time on PostgreSQL and one at a time on PGlite (one connection). ` +
      'Medians: list of the whole portfolio over 5 runs, get/update/re-claim over 200. Reference: one `SELECT 1` round trip in the same run.',
    '',
    '| driver | trajects | reference `SELECT 1` | create (trajects/s) | list all | get one | tick checklist item (update + audit) | claim fresh (claims/s) | claim already taken |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.driver} | ${row.size.toLocaleString('en')} | ${ms(row.referenceMs)} | ${Math.round(row.createPerSecond)} | ${ms(row.listAllMs)} | ${ms(row.getMs)} | ${ms(row.updateMs)} | ${Math.round(row.claimPerSecond)} | ${ms(row.reclaimMs)} |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (args.has('--write')) writeDocsSection('store', 'Store (PGlite and PostgreSQL)', table);
}

await main();
