import {
  type Clock,
  DeliveryOutcomeUnknownError,
  type Logger,
  type Notifier,
  RateLimitError,
  type ReminderIntent,
} from '@visieleren/core';
import { createStore, NO_CHANNEL, type Store } from '@visieleren/store';
import { truncateAll } from '@visieleren/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReminderDispatcher } from '../src/reminders/dispatcher.js';

/** The dispatcher against the real outbox (PGlite in memory), with notifiers that do what each test needs. */

let store: Store;
let at: Date;
const clock: Clock = { now: () => new Date(at) };
const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
const logger: Logger = {
  debug: (message, fields) => logged.push({ level: 'debug', message, ...(fields ? { fields } : {}) }),
  info: (message, fields) => logged.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
  warn: (message, fields) => logged.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
  error: (message, fields) => logged.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  child: () => logger,
};

function intent(n: number): ReminderIntent {
  return {
    key: `traject-${n}:sessie:kick-off`,
    trajectId: `traject-${n}`,
    ruleId: 'sessie',
    kind: 'session',
    occurrence: 'kick-off',
    dueAt: '2027-02-01T08:00:00.000Z',
    audience: ['ambtelijk-contactpersoon'],
    message: { nl: 'Morgen is de kick-off.', en: 'The kick-off is tomorrow.' },
    subject: { sessionKey: 'kick-off' },
  };
}

function recordingNotifier(channel = 'webhook', behaviour: (call: number) => void = () => {}) {
  const delivered: string[] = [];
  let calls = 0;
  const notifier: Notifier = {
    channel,
    async deliver(reminder) {
      calls++;
      behaviour(calls);
      delivered.push(reminder.key);
      return { externalId: `ext-${calls}` };
    },
  };
  return { notifier, delivered, calls: () => calls };
}

function dispatcherWith(notifiers: Notifier[], due: ReminderIntent[], maxAttempts = 3) {
  return createReminderDispatcher({
    outbox: store.reminderOutbox,
    computeDue: async () => due,
    notifiers,
    clock,
    logger,
    leaseMs: 60_000,
    maxAttempts,
    backoff: { baseMs: 1000, maxMs: 10_000 },
    random: () => 1,
  });
}

beforeAll(async () => {
  store = await createStore({ inMemory: true });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  await truncateAll(store);
  at = new Date('2027-02-01T09:00:00Z');
  logged.length = 0;
});

describe('reminder dispatcher', () => {
  it('delivers each due reminder once per channel and records it as sent', async () => {
    const webhook = recordingNotifier('webhook');
    const mail = recordingNotifier('mail');
    const dispatcher = dispatcherWith([webhook.notifier, mail.notifier], [intent(1), intent(2)]);
    const first = await dispatcher.runOnce();
    expect(first).toMatchObject({ due: 2, sent: 4, skipped: 0 });
    const second = await dispatcher.runOnce();
    expect(second).toMatchObject({ due: 2, sent: 0, skipped: 4 });
    expect(webhook.delivered.sort()).toEqual([intent(1).key, intent(2).key]);
    expect(mail.delivered).toHaveLength(2);
    const rows = await store.reminderOutbox.list({ state: 'sent' });
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.externalId?.startsWith('ext-'))).toBe(true);
  });

  it('records "geen kanaal" when no notifier is configured, so nothing is silently lost', async () => {
    const report = await dispatcherWith([], [intent(1)]).runOnce();
    expect(report.noChannel).toBe(1);
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row).toMatchObject({ state: 'no-channel', channel: NO_CHANNEL });
    expect(logged.some((line) => line.level === 'warn' && /geen kanaal/.test(line.message))).toBe(true);
  });

  it('retries a failure with backoff, and after the last attempt records a visible final failure', async () => {
    const failing = recordingNotifier('webhook', () => {
      throw new Error('ontvanger is stuk');
    });
    const dispatcher = dispatcherWith([failing.notifier], [intent(1)], 3);

    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    let [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row).toMatchObject({ state: 'failed', attempts: 1, lastError: 'ontvanger is stuk' });
    // Backoff with random() = 1: the full ceiling of 1 s for the first retry.
    expect(row?.nextAttemptAt).toBe(new Date(at.getTime() + 1000).toISOString());

    expect(await dispatcher.runOnce()).toMatchObject({ failed: 0, skipped: 1 });
    at = new Date(at.getTime() + 1000);
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row?.nextAttemptAt).toBe(new Date(at.getTime() + 2000).toISOString());

    at = new Date(at.getTime() + 2000);
    expect(await dispatcher.runOnce()).toMatchObject({ finalFailures: 1 });
    [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row?.nextAttemptAt).toBeUndefined();
    expect(logged.filter((line) => line.level === 'error')).toHaveLength(1);

    at = new Date(at.getTime() + 3_600_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 0, skipped: 1 });
    expect(failing.calls()).toBe(3);
  });

  it('honours Retry-After of a rate limit', async () => {
    const limited = recordingNotifier('webhook', (call) => {
      if (call === 1) throw new RateLimitError('te veel', 30_000);
    });
    const dispatcher = dispatcherWith([limited.notifier], [intent(1)]);
    await dispatcher.runOnce();
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row?.nextAttemptAt).toBe(new Date(at.getTime() + 30_000).toISOString());
    at = new Date(at.getTime() + 29_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
    at = new Date(at.getTime() + 1_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
  });

  it('marks an unknown outcome ambiguous and does not send it again', async () => {
    const unsure = recordingNotifier('webhook', () => {
      throw new DeliveryOutcomeUnknownError('time-out na verzenden');
    });
    const dispatcher = dispatcherWith([unsure.notifier], [intent(1)]);
    expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 1 });
    at = new Date(at.getTime() + 86_400_000);
    expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 0, skipped: 1 });
    expect(unsure.calls()).toBe(1);
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row?.state).toBe('ambiguous');
  });

  it("takes over a crashed instance's claim once its lease has expired", async () => {
    // Another instance claimed the row and died before sending.
    await store.reminderOutbox.claim(intent(1), 'webhook', { leaseMs: 60_000, now: at });
    const survivor = recordingNotifier('webhook');
    const dispatcher = dispatcherWith([survivor.notifier], [intent(1)]);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    at = new Date(at.getTime() + 60_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('starts each lease when the row is claimed, not when the run started', async () => {
    const leaseSeenByNotifier: number[] = [];
    const slowClock: Notifier = {
      channel: 'webhook',
      async deliver(reminder) {
        const [row] = await store.reminderOutbox.list({ keys: [reminder.key] });
        leaseSeenByNotifier.push(new Date(row?.leaseUntil ?? 0).getTime() - at.getTime());
        // Each delivery takes 40 s of the clock: the third claim happens 80 s after the run started.
        at = new Date(at.getTime() + 40_000);
        return {};
      },
    };
    const dispatcher = createReminderDispatcher({
      outbox: store.reminderOutbox,
      computeDue: async () => [intent(1), intent(2), intent(3)],
      notifiers: [slowClock],
      clock,
      logger,
      leaseMs: 60_000,
      maxAttempts: 3,
      concurrency: 1,
    });
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 3 });
    expect(leaseSeenByNotifier).toEqual([60_000, 60_000, 60_000]);
  });

  it('retries rows that are no longer computed as due', async () => {
    const flaky = recordingNotifier('webhook', (call) => {
      if (call === 1) throw new Error('even niet');
    });
    const due = [intent(1)];
    const dispatcher = dispatcherWith([flaky.notifier], due);
    await dispatcher.runOnce();
    due.length = 0;
    at = new Date(at.getTime() + 1000);
    expect(await dispatcher.runOnce()).toMatchObject({ due: 0, retries: 1, sent: 1 });
  });

  it('stops after the run in flight has been recorded', async () => {
    let release: () => void = () => {};
    const slow: Notifier = {
      channel: 'webhook',
      deliver: () =>
        new Promise((resolve) => {
          release = () => resolve({});
        }),
    };
    const dispatcher = dispatcherWith([slow], [intent(1)]);
    dispatcher.start(60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = dispatcher.stop();
    release();
    await stopped;
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row?.state).toBe('sent');
  });
});
