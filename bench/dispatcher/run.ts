/**
 * One reminder-dispatcher tick for 342 trajects (the number of Dutch gemeenten) with recipients resolved per
 * channel (Teams conversations, Slack users and channels, the webhook), on embedded PGlite (in memory) and on
 * PostgreSQL (DATABASE_URL, default the local test server; a fresh temporary database).
 *
 * Measured per driver, in the same run:
 * - reference: what the old dispatcher did before any delivery, `computeDueReminders` over the open trajects
 *   (the same store read plus core's `dueReminders`);
 * - the first tick: every due reminder resolved, recorded (pending / verlopen / niet van toepassing) and the
 *   pending ones claimed, delivered (notifiers that answer at once, no pacing: the tick's own cost) and recorded;
 * - a steady tick: the same minute again, nothing new to do (what every instance pays every minute).
 * Time and the number of SQL statements sent to the database.
 *
 *   npx tsx bench/dispatcher/run.ts            prints the table
 *   npx tsx bench/dispatcher/run.ts --write    also writes it into docs/benchmarks.md between
 *                                              <!-- dispatcher:start --> and <!-- dispatcher:end -->
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { computeDueReminders } from '../../apps/server/src/reminders/compute-due.js';
import { createReminderDispatcher, type DispatchReport } from '../../apps/server/src/reminders/dispatcher.js';
import { createReminderSource } from '../../apps/server/src/reminders/reminder-source.js';
import {
  addDays,
  type Channel,
  createTrajectFromTemplate,
  getBuiltInTemplate,
  type Logger,
  type Notifier,
  type Template,
  type Traject,
} from '../../packages/core/src/index.js';
import { createStore, type Store } from '../../packages/store/src/index.js';
import { createTemporaryDatabase } from '../../packages/store/src/testing.js';
import { machine, writeDocsSection } from '../docs-section.js';

const args = new Set(process.argv.slice(2));
const SIZE = 342;
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TODAY = '2027-03-15';
/** 10:00 Amsterdam: the morning's reminders are due and timely; those of earlier days are verlopen. */
const NOW = new Date('2027-03-15T09:00:00Z');
const RUNS = 5;

// Every statement either driver sends, counted at the client (PGlite's transactions hand out their own object).
let statements = 0;
function countCalls(target: Record<string, unknown>): void {
  for (const method of ['query', 'exec']) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function (this: unknown, ...rest: unknown[]) {
      statements++;
      return (original as (...a: unknown[]) => unknown).apply(this, rest);
    };
  }
}
countCalls(pg.Client.prototype as unknown as Record<string, unknown>);
countCalls(PGlite.prototype as unknown as Record<string, unknown>);
const pgliteTransaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = function <T>(this: PGlite, work: (tx: never) => Promise<T>) {
  return pgliteTransaction.call(this, (tx) => {
    countCalls(tx as unknown as Record<string, unknown>);
    return work(tx as never);
  });
} as typeof pgliteTransaction;

/** Trajects in every stage, with three participants; a third linked to Teams, a third to Slack, a third to neither. */
function portfolio(count: number, template: Template): Traject[] {
  return Array.from({ length: count }, (_, n) => {
    const traject = createTrajectFromTemplate(template, {
      id: `bench-${n}`,
      gemeenten: [{ name: `Gemeente ${n}` }],
      kernvraag: 'Hoe houden we de toegang dichtbij?',
      themes: ['inwoner-centraal'],
      start: addDays(TODAY, -120 + (n % 150)),
      status: n % 10 === 0 ? 'afgerond' : 'lopend',
      participants: [
        {
          id: 'p1',
          name: `Contact ${n}`,
          email: `contact${n}@example.org`,
          role: 'ambtelijk-contactpersoon',
        },
        { id: 'p2', name: `Bestuurder ${n}`, email: `bestuurder${n}@example.org`, role: 'bestuurder' },
        { id: 'p3', name: `Ondersteuning ${n}`, role: 'ambtelijke-ondersteuning' },
      ],
    });
    const [first, second] = traject.phases;
    if (first && first.plannedStart <= TODAY) first.actualStart = first.plannedStart;
    if (first && second && first.plannedEnd < TODAY) {
      first.actualEnd = first.plannedEnd;
      if (n % 3 === 0) second.actualStart = second.plannedStart;
    }
    traject.checklist = template.phases
      .flatMap((phase) => phase.checklist)
      .map((item, index) => ({ itemId: item.id, done: (index + n) % 4 === 0 }));
    return traject;
  });
}

async function seed(store: Store, trajects: Traject[]): Promise<number> {
  await store.migrate();
  for (const traject of trajects) await store.trajects.create(traject, 'bench');
  let links = 0;
  for (const [n, traject] of trajects.entries()) {
    if (n % 3 === 0) {
      await store.platformLinks.link(
        {
          kind: 'teams-conversation',
          externalId: `19:bench-${n}@thread.tacv2`,
          trajectId: traject.id,
          payload: { reference: { conversation: { id: `19:bench-${n}` } }, active: true },
        },
        'bench',
      );
      links++;
    } else if (n % 3 === 1) {
      await store.platformLinks.link(
        { kind: 'slack-channel', externalId: `C${n}`, trajectId: traject.id, payload: {} },
        'bench',
      );
      await store.platformLinks.link(
        { kind: 'slack-user', externalId: `U${n}`, participantKey: `contact${n}@example.org`, payload: {} },
        'bench',
      );
      links += 2;
    }
  }
  return links;
}

function instantNotifier(channel: Channel): Notifier {
  return { channel, deliver: async () => ({ externalId: 'bench' }), confirm: async () => undefined };
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

interface Measured {
  ms: number;
  statements: number;
}

async function measure(work: () => Promise<unknown>): Promise<Measured> {
  const before = statements;
  const started = performance.now();
  await work();
  return { ms: performance.now() - started, statements: statements - before };
}

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<Measured> {
  const results: Measured[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(work));
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(results.length / 2)] as Measured;
}

interface Row {
  driver: string;
  links: number;
  reference: Measured;
  due: number;
  first: Measured;
  firstReport: DispatchReport;
  steady: Measured;
}

async function run(driver: string, store: Store, trajects: Traject[]): Promise<Row> {
  const links = await seed(store, trajects);
  const reference = await medianOf(RUNS, async () =>
    computeDueReminders(await store.trajects.list({ kind: 'all' }, { openOnly: true }), NOW),
  );
  const dispatcher = createReminderDispatcher({
    outbox: store.reminderOutbox,
    source: createReminderSource({ trajects: store.trajects, links: store.platformLinks }),
    notifiers: [instantNotifier('teams'), instantNotifier('slack'), instantNotifier('webhook')],
    clock: { now: () => NOW },
    logger: silent,
    leaseMs: 300_000,
    maxAttempts: 8,
    batchSize: 10_000,
  });
  let firstReport: DispatchReport | undefined;
  const first = await measure(async () => {
    firstReport = await dispatcher.runOnce();
  });
  const steady = await medianOf(RUNS, () => dispatcher.runOnce());
  if (!firstReport) throw new Error('no report');
  return { driver, links, reference, due: firstReport.due, first, firstReport, steady };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

async function main(): Promise<void> {
  const trajects = portfolio(SIZE, getBuiltInTemplate('visieleertraject'));
  const rows: Row[] = [];
  const embedded = await createStore({ inMemory: true });
  try {
    rows.push(await run('PGlite (in memory)', embedded, trajects));
  } finally {
    await embedded.close();
  }
  const database = await createTemporaryDatabase(ADMIN_URL);
  const server = await createStore({ databaseUrl: database.url, maxConnections: 10 });
  try {
    rows.push(await run('PostgreSQL (local)', server, trajects));
  } finally {
    await server.close();
    await database.drop();
  }

  const [sample] = rows;
  const report = sample?.firstReport;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/dispatcher/run.ts --write\` on ${machine()}. ` +
      `${SIZE} trajects of the \`visieleertraject\` template in every stage (a tenth closed), three participants each; ` +
      'a third linked to a Teams conversation, a third to a Slack channel with one Slack user, a third to neither. ' +
      'Three notifiers (Teams, Slack, webhook) that answer at once and have no pacing, so the table shows the ' +
      "dispatcher's own cost. " +
      `At ${NOW.toISOString()} core finds ${sample?.due ?? 0} reminders due in its 7-day window; the first tick records ` +
      `${report ? report.sent + report.verlopen + report.notApplicable : 0} rows (${report?.sent ?? 0} sent, ` +
      `${report?.verlopen ?? 0} verlopen, ${report?.notApplicable ?? 0} niet van toepassing). ` +
      `Reference and steady tick: median of ${RUNS} runs; the first tick runs once. Statements counted at the driver's client.`,
    '',
    '| driver | reference: old `computeDue` (store read + `dueReminders`) | first tick: resolve, record, deliver, record | steady tick (nothing new) |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.driver} | ${ms(row.reference.ms)}, ${row.reference.statements} statements | ` +
        `${ms(row.first.ms)}, ${row.first.statements} statements | ${ms(row.steady.ms)}, ${row.steady.statements} statements |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (args.has('--write'))
    writeDocsSection('dispatcher', 'Reminder dispatcher (one tick, 342 trajects)', table);
}

await main();
