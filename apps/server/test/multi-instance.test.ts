import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  amsterdamDate,
  createTrajectFromTemplate,
  deliveryKeyOf,
  getBuiltInTemplate,
  reminderTimelyUntil,
  type Template,
} from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import {
  createTemporaryDatabase,
  refuseOutboxWrites,
  type TemporaryDatabase,
} from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDueReminders } from '../src/reminders/compute-due.js';
import { BUILT_CLI, buildCli } from './helpers/built-cli.js';

/**
 * Three `visieleren serve` processes on one PostgreSQL database, 300 trajects with a reminder due, and three
 * things going wrong during the run: one process is killed with SIGKILL halfway; the receiver holds a few
 * requests past the lease (the sender aborts them at its lease deadline: ambiguous); and right after one send
 * the database refuses every write to the outbox for a few seconds. Every reminder reaches the webhook
 * exactly once. Until the kill, the receiver keeps the other two waiting for their answers, so the victim
 * always gets that far, whichever process starts first.
 *
 * A sender can never close the gap between "the receiver answered 200" and "the outbox says sent" when it is
 * killed in between or its call was cut off; such a delivery is only ever repeated as a `confirm` (the same
 * Idempotency-Key with `X-Visieleren-Confirm: 1`), which the receiver acknowledges without handling it again,
 * as a real webhook consumer must. The test asserts that no key arrives twice except as a confirm (0
 * duplicates) and that none is missing.
 */

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cli = BUILT_CLI;
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
/** Keys that arrived again without the confirm header: a blind re-send, i.e. a duplicate on a real chat. */
const blindRepeats: string[] = [];
const held: string[] = [];
let received = 0;
const deliveriesFrom = new Map<number, number>();
const processes: ChildProcess[] = [];
const output: string[] = [];

/** The killed process is killed by the receiver itself, on its Nth delivery, before that one is answered. */
const KILL_ON_DELIVERY = 15;
let killedAt = 0;
const LEASE_MS = 10_000;
/** Every Nth first delivery from the survivors is held unanswered past the lease, up to HOLD_MAX of them. */
const HOLD_EVERY = 41;
const HOLD_MAX = 3;
/** On the Nth request the receiver makes the database refuse outbox writes for REFUSE_MS, then answers. */
const REFUSE_ON_REQUEST = 130;
const REFUSE_MS = 3_000;
let refusedAt = 0;

/**
 * Until process 0 has made its KILL_ON_DELIVERY-th delivery, the receiver answers processes 1 and 2 not at
 * all (their requests are handled, the answers wait): with at most CONCURRENCY_PER_PROCESS requests each in
 * flight they cannot deliver everything first, so process 0 is killed however late it starts, while the
 * other two hold claims of their own. The gate opens when process 0 is killed.
 */
let gateOpen = false;
const gated: Array<{ since: number; answer: () => void }> = [];
let gatedCount = 0;
let gateLongestMs = 0;
/**
 * Gated requests whose sender gave up at its lease deadline before the gate opened (only if process 0 started
 * seconds after the others): held past the lease like the held ones, so each comes back once as a confirm.
 */
let gateCutOff = 0;

function openGate(): void {
  if (gateOpen) return;
  gateOpen = true;
  for (const { since, answer } of gated.splice(0)) {
    gateLongestMs = Math.max(gateLongestMs, Date.now() - since);
    setTimeout(answer, 15);
  }
}

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const confirming = req.headers['x-visieleren-confirm'] === '1';
    // Each process posts to its own path, so the receiver knows who is delivering.
    const from = Number(req.url?.split('/').pop());
    req.resume();
    req.on('end', async () => {
      received++;
      const first = !seen.has(key);
      // A real consumer: handle a key once, acknowledge repeats without handling them again.
      if (first) {
        seen.add(key);
        recorded.push(key);
      } else {
        replays++;
        if (!confirming) blindRepeats.push(key);
      }
      deliveriesFrom.set(from, (deliveriesFrom.get(from) ?? 0) + 1);
      const answer = () => {
        if (res.writableEnded || res.destroyed) return;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `ontvangen-${received}` }));
      };
      if (from === 0 && deliveriesFrom.get(0) === KILL_ON_DELIVERY) {
        // Mid-delivery: this request has reached us, but its sender will never hear the answer or record it
        // as sent. Its claim (and the others it holds) must be taken over after the lease.
        killedAt = received;
        processes[0]?.kill('SIGKILL');
        openGate();
        return;
      }
      if (first && from !== 0 && held.length < HOLD_MAX && received % HOLD_EVERY === 0) {
        // Handled, but answered only after the sender's lease: it must give up at its deadline (ambiguous) and
        // later confirm instead of sending again.
        held.push(key);
        setTimeout(answer, LEASE_MS + 1_000);
        return;
      }
      if (received === REFUSE_ON_REQUEST) {
        // Right after this send the database refuses writes: recording it as sent fails for a while.
        refusedAt = received;
        await refuseOutboxWrites(store, true);
        setTimeout(() => void refuseOutboxWrites(store, false), REFUSE_MS);
      }
      if (from !== 0 && !gateOpen) {
        // Processes 1 and 2 wait for their answers until process 0 has been killed (see `openGate`).
        gatedCount++;
        gated.push({ since: Date.now(), answer });
        res.once('close', () => {
          if (!res.writableFinished) gateCutOff++;
        });
        return;
      }
      // A little latency, so deliveries are in flight.
      setTimeout(answer, 15);
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
      VISIELEREN_LEASE_MS: String(LEASE_MS),
      // Longer than the lease: a held request is cut off by the lease deadline, not by this time-out.
      VISIELEREN_WEBHOOK_TIMEOUT_MS: '30000',
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
  buildCli();
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

/**
 * The built-in template with one rule: a reminder on the day of a session, due from 00:00. Each traject has a
 * session today, so each has one reminder that is timely whatever the hour or weekday the test runs at; the
 * reminders of earlier days are recorded as verlopen, not sent.
 */
function sessionDayTemplate(): Template {
  const builtIn = getBuiltInTemplate('visieleertraject');
  return {
    ...structuredClone(builtIn),
    key: 'proef-sessiedag',
    version: '1',
    reminderRules: [
      { kind: 'session', id: 'sessie-vandaag', audience: ['ambtelijk-contactpersoon'], daysBefore: 0 },
    ],
    settings: { ...builtIn.settings, reminderTime: '00:00' },
  };
}

describe('three serve processes on one PostgreSQL', () => {
  it('deliver every due reminder exactly once: a process killed, requests held past the lease, writes refused', async () => {
    const now = new Date();
    const today = amsterdamDate(now);
    const template = sessionDayTemplate();
    const create = async (n: number) => {
      const traject = createTrajectFromTemplate(template, {
        id: `proef-${String(n).padStart(3, '0')}`,
        gemeenten: [{ name: `Proefgemeente ${n}` }],
        kernvraag: 'Hoe houden we de toegang dichtbij?',
        themes: ['inwoner-centraal'],
        start: addDays(today, -14 - (n % 14)),
        status: 'lopend',
      });
      // One session of each traject is held today.
      const sessions = traject.sessions.map((session, index) =>
        index === n % traject.sessions.length ? { ...session, actualDate: today } : session,
      );
      await store.trajects.create({ ...traject, sessions, template }, 'test');
    };
    // Four at a time: as many as the pool has connections.
    for (let n = 0; n < TRAJECTS; n += 4) {
      await Promise.all([n, n + 1, n + 2, n + 3].filter((i) => i < TRAJECTS).map(create));
    }
    const [rule] = template.reminderRules;
    if (!rule) throw new Error('geen regel');
    const due = computeDueReminders(await store.trajects.list({ kind: 'all' }), now).filter(
      (intent) => reminderTimelyUntil(intent, rule) > now,
    );
    const expected = due.map((intent) =>
      deliveryKeyOf(intent.key, { channel: 'webhook', address: 'webhook' }),
    );
    const expectedKeys = due.map((intent) => intent.key);
    expect(new Set(due.map((intent) => intent.trajectId)).size).toBe(TRAJECTS);

    const deliveryStarted = Date.now();
    const [victim, ...survivors] = Array.from({ length: PROCESSES }, (_, index) => startServe(index));
    if (!victim) throw new Error('geen processen gestart');
    // Should process 0 die otherwise, the others need not wait: the wait below then fails on its signal.
    victim.once('exit', openGate);

    // The receiver kills the first process in the middle of its work (see KILL_ON_DELIVERY).
    await waitFor(
      () => victim.signalCode !== null || victim.exitCode !== null,
      120_000,
      `de ${KILL_ON_DELIVERY}e levering van proces 0 (dan wordt het gedood)`,
    );
    expect(victim.signalCode).toBe('SIGKILL');
    // Requests process 0 had already sent when the signal went out may still arrive: at least the 15th did.
    expect(deliveriesFrom.get(0)).toBeGreaterThanOrEqual(KILL_ON_DELIVERY);

    await waitFor(
      () => expected.every((key) => seen.has(key)),
      120_000,
      'alle herinneringen bij de ontvanger (inclusief de overgenomen claims van het gedode proces)',
    );

    // Claims the killed process held, and the held requests cut off at the lease deadline, are confirmed
    // (the same key again, acknowledged as already handled) and then recorded as sent.
    const sentCount = async () =>
      (await store.reminderOutbox.list({ keys: expectedKeys, channel: 'webhook', state: 'sent' })).length;
    await waitFor(
      async () => (await sentCount()) === expected.length,
      180_000,
      'alle herinneringen als verstuurd vastgelegd',
    );

    const counts = new Map<string, number>();
    for (const key of recorded) counts.set(key, (counts.get(key) ?? 0) + 1);
    const missing = expected.filter((key) => !counts.has(key));
    const rows = await store.reminderOutbox.list({ keys: expectedKeys, channel: 'webhook' });
    const takenOver = rows.filter((row) => row.attempts > 1).length;
    const log = output.join('');
    process.stdout.write(
      `3 processen, ${TRAJECTS} trajecten: ${expected.length} herinneringen verwacht, ${recorded.length} vastgelegd, ` +
        `${blindRepeats.length} dubbel, ${missing.length} ontbrekend; ${replays} bevestigingen opgevangen ` +
        `(proces gedood na ${killedAt} leveringen; ${held.length} verzoeken vastgehouden tot na de lease; ` +
        `schrijven geweigerd na verzoek ${refusedAt}; ${gatedCount} verzoeken van proces 1 en 2 wachtten op de ` +
        `${KILL_ON_DELIVERY}e levering van proces 0, hooguit ${gateLongestMs} ms, ${gateCutOff} tot na de lease; ` +
        `${takenOver} claims overgenomen of bevestigd; alles binnen in ` +
        `${Date.now() - deliveryStarted} ms).\n`,
    );
    expect(blindRepeats).toEqual([]);
    expect(missing).toEqual([]);
    expect(takenOver).toBeGreaterThanOrEqual(1);
    // The killed delivery and every held one came again, as a confirm, and were absorbed.
    expect(replays).toBeGreaterThanOrEqual(1 + held.length);
    // Only deliveries in flight in the killed process, and the held ones, can reach the receiver twice (gated
    // requests count as held only if one waited past its lease: none, unless process 0 started seconds late).
    expect(replays).toBeLessThanOrEqual(CONCURRENCY_PER_PROCESS + held.length + gateCutOff);
    expect(held.length).toBeGreaterThanOrEqual(1);
    const heldRows = rows.filter((row) => held.includes(row.deliveryKey));
    expect(heldRows.every((row) => row.state === 'sent' && row.attempts >= 2)).toBe(true);
    // The refusal happened and a recording had to be retried; nothing was sent again because of it.
    expect(refusedAt).toBe(REFUSE_ON_REQUEST);
    expect(log).toMatch(/vastleggen als verstuurd mislukt; opnieuw/);
    expect(rows.filter((row) => row.state === 'sent')).toHaveLength(expected.length);

    // The survivors stop gracefully on SIGTERM.
    for (const survivor of survivors) survivor.kill('SIGTERM');
    const exits = await Promise.all(survivors.map(exitOf));
    expect(exits).toEqual(survivors.map(() => ({ code: 0, signal: null })));
  }, 480_000);
});
