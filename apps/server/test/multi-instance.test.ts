import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { addDays, amsterdamDate, getBuiltInTemplate } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectDomain } from '../src/domain.js';
import { computeDueReminders } from '../src/reminders/compute-due.js';

/**
 * Three `visieleren serve` processes on one PostgreSQL database, 300 trajects with reminders due, one process
 * killed with SIGKILL halfway: every reminder reaches the recording webhook exactly once.
 *
 * A sender can never close the gap between "the receiver answered 200" and "the outbox says sent" when it is
 * killed in between; the receiver therefore dedupes by Idempotency-Key, as a real webhook consumer must.
 * The test asserts 0 duplicates recorded and 0 missing, and reports the replays the receiver absorbed.
 */

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TRAJECTS = 300;
const PROCESSES = 3;
/** Deliveries in flight per process (the dispatcher's default concurrency). */
const CONCURRENCY_PER_PROCESS = 8;

let database: TemporaryDatabase;
let store: Store;
let receiver: Server;
let webhookUrl: string;
const recorded: string[] = [];
const seen = new Set<string>();
let replays = 0;
let received = 0;
const deliveriesFrom = new Map<number, number>();
const processes: ChildProcess[] = [];
const output: string[] = [];

function build() {
  // The servers run the built CLI and the built libraries: build them (turbo, cached when nothing changed —
  // under `npm test` they are already built by the ^build dependency), so the test never runs stale code
  // whose reminder keys differ from what this test computes from source.
  const result = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--filter=@visieleren/server', '--output-logs=errors-only', '--no-daemon'],
    { cwd: repoDir, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  if (result.status !== 0) throw new Error(`Bouwen mislukte:\n${result.stdout}\n${result.stderr}`);
  if (!existsSync(cli)) throw new Error(`${cli} ontbreekt na het bouwen.`);
}

/** The killed process is killed by the receiver itself, on its Nth delivery, before that one is answered. */
const KILL_ON_DELIVERY = 40;
let killedAt = 0;

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    // Each process posts to its own path, so the receiver knows who is delivering.
    const from = Number(req.url?.split('/').pop());
    req.resume();
    req.on('end', () => {
      received++;
      // A real consumer: handle a key once, acknowledge repeats without handling them again.
      if (seen.has(key)) {
        replays++;
      } else {
        seen.add(key);
        recorded.push(key);
      }
      deliveriesFrom.set(from, (deliveriesFrom.get(from) ?? 0) + 1);
      if (from === 0 && deliveriesFrom.get(0) === KILL_ON_DELIVERY) {
        // Mid-delivery: this request has reached us, but its sender will never hear the answer or record it
        // as sent. Its claim (and the others it holds) must be taken over after the lease.
        killedAt = received;
        processes[0]?.kill('SIGKILL');
        return;
      }
      // A little latency, so deliveries are in flight.
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `ontvangen-${received}` }));
      }, 15);
    });
  });
  return new Promise((resolve) => {
    receiver.listen(0, '127.0.0.1', () => {
      webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/herinnering`;
      resolve();
    });
  });
}

function startServe(index: number): ChildProcess {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: database.url,
      VISIELEREN_FORMS_SECRET: 'drie-processen-test-geheim-van-minstens-32-tekens',
      PORT: '0',
      HOST: '127.0.0.1',
      VISIELEREN_WEBHOOK_URL: `${webhookUrl}/${index}`,
      VISIELEREN_DISPATCH_INTERVAL_MS: '250',
      // Long enough that a live delivery on a busy machine is never taken over; a killed one is after 10 s.
      VISIELEREN_LEASE_MS: '10000',
      VISIELEREN_WEBHOOK_TIMEOUT_MS: '2500',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => output.push(`[${index}] ${chunk}`));
  child.stderr?.on('data', (chunk) => output.push(`[${index}] ${chunk}`));
  processes.push(child);
  return child;
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Wachten op ${what} duurde langer dan ${timeoutMs} ms (ontvangen: ${received}, verschillend: ${seen.size}).\n` +
          output.join('').slice(-4000),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

beforeAll(async () => {
  build();
  database = await createTemporaryDatabase(ADMIN_URL);
  store = await createStore({ databaseUrl: database.url, maxConnections: 4 });
  await store.migrate();
  await startReceiver();
}, 600_000);

afterAll(async () => {
  for (const child of processes)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(processes.map(exitOf));
  await store?.close();
  await database?.drop();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('three serve processes on one PostgreSQL', () => {
  it('deliver every due reminder exactly once, also when one is killed with SIGKILL', async () => {
    const now = new Date();
    const today = amsterdamDate(now);
    const domain = createTrajectDomain({ now: () => now });
    const template = getBuiltInTemplate('visieleertraject');
    // Running trajects that started 2-4 weeks ago: weekly hour check-ins, phase starts and sessions fall
    // inside core's look-back window, so each has reminders due now.
    const create = async (n: number) => {
      const traject = domain.createTraject({
        id: `proef-${String(n).padStart(3, '0')}`,
        templateKey: template.key,
        startDate: addDays(today, -14 - (n % 14)),
        gemeenten: [{ name: `Proefgemeente ${n}` }],
        kernvraag: 'Hoe houden we de toegang dichtbij?',
        themes: ['inwoner-centraal'],
        participants: [],
        status: 'lopend',
      });
      // Most checklist items ticked: fewer "overdue" reminders keep the run short on a shared machine, while
      // every reminder kind still occurs.
      const checklist = traject.checklist.map((item, index) => ({ ...item, done: index % 8 !== 0 }));
      await store.trajects.create({ ...traject, checklist }, 'test');
    };
    // Four at a time: as many as the pool has connections.
    for (let n = 0; n < TRAJECTS; n += 4) {
      await Promise.all([n, n + 1, n + 2, n + 3].filter((i) => i < TRAJECTS).map(create));
    }
    const expected = computeDueReminders(await store.trajects.list({ kind: 'all' }), now).map(
      (intent) => intent.key,
    );
    const trajectsWithReminders = new Set(expected.map((key) => key.split(':')[0]));
    expect(trajectsWithReminders.size).toBe(TRAJECTS);

    const deliveryStarted = Date.now();
    const [victim, ...survivors] = Array.from({ length: PROCESSES }, (_, index) => startServe(index));
    if (!victim) throw new Error('geen processen gestart');

    // The receiver kills the first process in the middle of its work (see KILL_ON_DELIVERY).
    await waitFor(
      () => victim.signalCode !== null || victim.exitCode !== null,
      120_000,
      `de ${KILL_ON_DELIVERY}e levering van proces 0 (dan wordt het gedood)`,
    );
    expect(victim.signalCode).toBe('SIGKILL');
    expect(deliveriesFrom.get(0)).toBe(KILL_ON_DELIVERY);

    const expectedSet = new Set(expected);
    await waitFor(
      () => expected.every((key) => seen.has(key)),
      120_000,
      'alle herinneringen bij de ontvanger (inclusief de overgenomen claims van het gedode proces)',
    );

    // Claims the killed process held are taken over when their lease (10 s) runs out, delivered again (the
    // receiver absorbs a replay if the first attempt had reached it) and then recorded as sent.
    const sentCount = async () =>
      (await store.reminderOutbox.list({ keys: expected, channel: 'webhook', state: 'sent' })).length;
    await waitFor(
      async () => (await sentCount()) === expected.length,
      120_000,
      'alle herinneringen als verstuurd vastgelegd',
    );

    const counts = new Map<string, number>();
    for (const key of recorded) counts.set(key, (counts.get(key) ?? 0) + 1);
    const duplicates = [...counts].filter(([, count]) => count > 1);
    const missing = expected.filter((key) => !counts.has(key));
    // The outbox agrees: every expected reminder is recorded as sent on the webhook channel.
    const rows = await store.reminderOutbox.list({ keys: expected, channel: 'webhook' });
    const takenOver = rows.filter((row) => row.attempts > 1).length;
    process.stdout.write(
      `3 processen, ${TRAJECTS} trajecten: ${expected.length} herinneringen verwacht, ${recorded.length} vastgelegd, ` +
        `${duplicates.length} dubbel, ${missing.length} ontbrekend; ${replays} herhaalde leveringen opgevangen ` +
        `(proces gedood na ${killedAt} leveringen; ${takenOver} claims overgenomen; alles binnen in ` +
        `${Date.now() - deliveryStarted} ms).\n`,
    );
    expect(takenOver).toBeGreaterThanOrEqual(1);
    expect(duplicates).toEqual([]);
    expect(missing).toEqual([]);
    // The delivery the receiver saw when it killed the process comes again from a survivor and is absorbed;
    // only deliveries that were in flight in the killed process can reach the receiver twice.
    expect(replays).toBeGreaterThanOrEqual(1);
    expect(replays).toBeLessThanOrEqual(CONCURRENCY_PER_PROCESS);

    expect(rows.filter((row) => expectedSet.has(row.key) && row.state === 'sent')).toHaveLength(
      expected.length,
    );

    // The survivors stop gracefully on SIGTERM.
    for (const survivor of survivors) survivor.kill('SIGTERM');
    const exits = await Promise.all(survivors.map(exitOf));
    expect(exits).toEqual(survivors.map(() => ({ code: 0, signal: null })));
  }, 360_000);
});
