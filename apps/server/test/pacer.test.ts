import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  type Logger,
  type Notifier,
  type PacingPolicy,
  RateLimitError,
  type ReminderIntent,
} from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReminderDispatcher } from '../src/reminders/dispatcher.js';
import { createPacer, interleaveByAddress, type Pacer } from '../src/reminders/pacer.js';
import type { ReminderSource } from '../src/reminders/reminder-source.js';

/** Teams' documented pacing (docs/platform-limits.md §3.3): 0.5 msg/s sustained per conversation, 50 RPS per tenant. */
const TEAMS: PacingPolicy = { perRecipientIntervalMs: 2_000, perChannelPerSecond: 50 };

describe('pacer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** When each acquire (started together, in this order) may send, in ms after the start; fake timers. */
  async function sendTimes(policy: PacingPolicy, addresses: string[], before?: (pacer: Pacer) => void) {
    vi.useFakeTimers();
    const pacer = createPacer(policy, { now: () => Date.now() });
    before?.(pacer);
    const start = Date.now();
    const times: number[] = [];
    const all = addresses.map((address, index) =>
      pacer.acquire(address).then(() => {
        times[index] = Date.now() - start;
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    return times;
  }

  it('spaces sends to one conversation and on the whole channel', async () => {
    // 50 per second on the channel: 20 ms apart; the same conversation again: two seconds after its first.
    expect(await sendTimes(TEAMS, ['19:a', '19:b', '19:c', '19:a'])).toEqual([0, 20, 40, 2_000]);
  });

  it('never lets more than the channel limit into any second', async () => {
    const slack = { perRecipientIntervalMs: 1_000, perChannelPerSecond: 1 };
    expect(await sendTimes(slack, ['C1', 'C2', 'C3', 'C4', 'C5'])).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('pauses a conversation after a 429 without holding up the others', async () => {
    expect(await sendTimes(TEAMS, ['19:a', '19:b'], (pacer) => pacer.pause('19:a', 30_000))).toEqual([
      30_000, 0,
    ]);
  });

  it('pauses the whole channel after a 429 without a conversation', async () => {
    expect(await sendTimes(TEAMS, ['19:a', '19:b'], (pacer) => pacer.pause(undefined, 5_000))).toEqual([
      5_000, 5_020,
    ]);
  });

  it('gives up its wait when aborted (the dispatcher stopping)', async () => {
    const pacer = createPacer({ perRecipientIntervalMs: 60_000, perChannelPerSecond: 1 });
    await pacer.acquire('x');
    const stop = new AbortController();
    const waiting = pacer.acquire('x', stop.signal).then(
      () => 'sent',
      () => 'afgebroken',
    );
    stop.abort(new Error('stop'));
    expect(await waiting).toBe('afgebroken');
  });

  it('interleaves work so a conversation does not hold up the others', () => {
    const work = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
    expect(interleaveByAddress(work, (item) => item[0] as string)).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'c2',
      'a3',
    ]);
  });
});

/**
 * A burst: 300 trajects with a reminder at 09:00 on PostgreSQL, plus three more for one of them, against a local fake of the
 * Bot Connector that answers 429 (with Retry-After) whenever a documented limit is crossed: more than 7 sends to
 * one conversation in a second or 8 in two, or more than 50 on the whole app in a second.
 */
describe('a burst of 300 trajects', () => {
  let database: TemporaryDatabase;
  let store: Store;
  let server: Server;
  let url: string;
  const arrivals: Array<{ conversation: string; at: number }> = [];
  const perKey = new Map<string, number>();
  let throttled = 0;

  beforeAll(async () => {
    // PostgreSQL: the database keeps up with hundreds of deliveries a second, so only the pacing holds them back.
    database = await createTemporaryDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    );
    store = await createStore({ databaseUrl: database.url, maxConnections: 8 });
    await store.migrate();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const at = performance.now();
        const conversation = decodeURIComponent(req.url?.split('/')[3] ?? '');
        const inWindow = (ms: number, filter: (a: (typeof arrivals)[number]) => boolean) =>
          arrivals.filter((arrival) => arrival.at > at - ms && filter(arrival)).length;
        const mine = (arrival: (typeof arrivals)[number]) => arrival.conversation === conversation;
        if (inWindow(1_000, mine) >= 7 || inWindow(2_000, mine) >= 8 || inWindow(1_000, () => true) >= 50) {
          throttled++;
          res.statusCode = 429;
          res.setHeader('retry-after', '1');
          res.end();
          return;
        }
        arrivals.push({ conversation, at });
        const key = String(JSON.parse(body).deliveryKey);
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `activity-${arrivals.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('meets no 429: every reminder arrives once, paced per conversation and per tenant', async () => {
    const intents: ReminderIntent[] = Array.from({ length: 300 }, (_, n) => ({
      key: `t-${n}:uren:2027-W05`,
      trajectId: `t-${n}`,
      ruleId: 'uren',
      kind: 'hours-check-in',
      occurrence: '2027-W05',
      dueAt: '2027-02-01T08:00:00.000Z',
      audience: ['ambtelijk-contactpersoon'],
      message: { nl: 'Wilt u uw uren bijwerken?', en: 'Please update your hours.' },
      subject: { week: '2027-W05' },
    }));
    for (const extra of ['fase-start', 'sessie', 'checklist']) {
      intents.push({ ...intents[0], key: `t-0:${extra}:x`, ruleId: extra } as ReminderIntent);
    }
    const at = new Date('2027-02-01T08:00:30Z');
    const source: ReminderSource = {
      async load() {
        return {
          due: intents,
          recipients: (intent, channel) => [
            { channel, address: `19:${intent.trajectId}`, kind: 'conversation' as const },
          ],
          timelyUntil: () => new Date('2027-02-01T23:00:00Z'),
          check: (intent) => ({ holds: true, intent }),
        };
      },
    };
    // Teams' own margin: the documented values are "for estimation only", so the notifier asks for 45 RPS.
    const teams: Notifier = {
      channel: 'teams',
      pacing: { perRecipientIntervalMs: 2_000, perChannelPerSecond: 45 },
      async deliver(reminder, signal) {
        const response = await fetch(
          `${url}/v3/conversations/${encodeURIComponent(reminder.recipient.address)}/activities`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', deliveryKey: reminder.deliveryKey }),
            signal,
          },
        );
        await response.text();
        if (response.status === 429) throw new RateLimitError('Teams: 429', 1_000);
        if (!response.ok) throw new Error(`Teams: ${response.status}`);
        return {};
      },
    };
    const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
    const clock: Clock = { now: () => at };
    const dispatcher = createReminderDispatcher({
      outbox: store.reminderOutbox,
      source,
      notifiers: [teams],
      clock,
      logger: silent,
      leaseMs: 120_000,
      maxAttempts: 3,
      concurrency: 8,
    });
    const report = await dispatcher.runOnce();
    expect(throttled).toBe(0);
    expect(report).toMatchObject({ sent: 303, failed: 0, ambiguous: 0 });
    expect(perKey.size).toBe(303);
    expect([...perKey.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);
});
