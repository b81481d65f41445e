import {
  addDays,
  amsterdamToUtc,
  type Channel,
  type Clock,
  createTrajectFromTemplate,
  DeliveryOutcomeUnknownError,
  dueReminders,
  getBuiltInTemplate,
  type Logger,
  type Notifier,
  type OutgoingReminder,
  RateLimitError,
  type Recipient,
  RecipientGoneError,
  type ReminderIntent,
} from '@visieleren/core';
import { createStore, NO_CHANNEL, type ReminderOutbox, type Store } from '@visieleren/store';
import { advanceOutboxClock, truncateAll } from '@visieleren/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReminderDispatcher, type DispatcherConfig } from '../src/reminders/dispatcher.js';
import { createReminderSource, type ReminderSource } from '../src/reminders/reminder-source.js';

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
    key: `traject-${n}:fase-start:luisteren`,
    trajectId: `traject-${n}`,
    ruleId: 'fase-start',
    kind: 'phase-start',
    occurrence: 'luisteren',
    dueAt: '2027-02-01T08:00:00.000Z',
    audience: ['ambtelijk-contactpersoon'],
    message: { nl: 'Maandag begint de fase Luisteren.', en: 'The Listen phase starts on Monday.' },
    subject: { phaseKey: 'luisteren' },
  };
}

/**
 * A source with fixed reminders: the webhook reaches each, Teams reaches each traject's conversation (or the
 * conversations `teams` names), Slack none ("niet van toepassing"). Keys in `gone` lost their reason.
 */
function fixedSource(
  due: ReminderIntent[],
  options: { teams?: (intent: ReminderIntent) => string[]; gone?: Set<string> } = {},
): ReminderSource {
  return {
    async load() {
      return {
        due: [...due],
        recipients(reminder: ReminderIntent, channel: Channel): Recipient[] {
          if (channel === 'webhook') return [{ channel, address: 'webhook', kind: 'endpoint' }];
          if (channel === 'teams') {
            const conversations = options.teams?.(reminder) ?? [`19:${reminder.trajectId}`];
            return conversations.map((address) => ({ channel, address, kind: 'conversation' }));
          }
          return [];
        },
        timelyUntil: () => new Date(at.getTime() + 86_400_000),
        check: (reminder: ReminderIntent) =>
          options.gone?.has(reminder.key)
            ? { holds: false, reason: 'Vervallen: de sessie is verplaatst.' }
            : { holds: true, intent: due.find((candidate) => candidate.key === reminder.key) ?? reminder },
      };
    },
  };
}

function recordingNotifier(
  channel: Channel = 'webhook',
  behaviour: (
    call: number,
    reminder: OutgoingReminder,
    signal: AbortSignal,
  ) => void | Promise<void> = () => {},
  confirm?: Notifier['confirm'],
) {
  const delivered: string[] = [];
  let calls = 0;
  const notifier: Notifier = {
    channel,
    async deliver(reminder, signal) {
      calls++;
      const call = calls;
      await behaviour(call, reminder, signal);
      delivered.push(reminder.deliveryKey);
      return { externalId: `ext-${call}` };
    },
    ...(confirm ? { confirm } : {}),
  };
  return { notifier, delivered, calls: () => calls };
}

function dispatcherWith(
  notifiers: Notifier[],
  source: ReminderSource,
  overrides: Partial<DispatcherConfig> = {},
) {
  return createReminderDispatcher({
    outbox: store.reminderOutbox,
    source,
    notifiers,
    clock,
    logger,
    leaseMs: 60_000,
    maxAttempts: 3,
    backoff: { baseMs: 1000, maxMs: 10_000 },
    random: () => 1,
    recordingRetry: { attempts: 3, baseMs: 1, maxMs: 5 },
    ...overrides,
  });
}

async function rowOf(key: string, channel = 'webhook') {
  const rows = await store.reminderOutbox.list({ keys: [key], channel });
  return rows[0];
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
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
  it('delivers each due reminder once per channel and recipient and records it as sent', async () => {
    const webhook = recordingNotifier('webhook');
    const teams = recordingNotifier('teams');
    const dispatcher = dispatcherWith(
      [webhook.notifier, teams.notifier],
      fixedSource([intent(1), intent(2)]),
    );
    expect(await dispatcher.runOnce()).toMatchObject({ due: 2, sent: 4, skipped: 0 });
    expect(await dispatcher.runOnce()).toMatchObject({ due: 2, sent: 0 });
    expect(webhook.delivered.sort()).toEqual([
      `${intent(1).key}|webhook|webhook`,
      `${intent(2).key}|webhook|webhook`,
    ]);
    expect(teams.delivered.sort()).toEqual([
      `${intent(1).key}|teams|19:traject-1`,
      `${intent(2).key}|teams|19:traject-2`,
    ]);
    const rows = await store.reminderOutbox.list({ state: 'sent' });
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.externalId?.startsWith('ext-'))).toBe(true);
  });

  it('records "geen kanaal" when no notifier is configured, so nothing is silently lost', async () => {
    const report = await dispatcherWith([], fixedSource([intent(1)])).runOnce();
    expect(report.noChannel).toBe(1);
    const [row] = await store.reminderOutbox.list({ keys: [intent(1).key] });
    expect(row).toMatchObject({ state: 'no-channel', channel: NO_CHANNEL });
    expect(logged.some((line) => line.level === 'warn' && /geen kanaal/.test(line.message))).toBe(true);
  });

  it('retries a failure with backoff by the database clock, and after the last attempt records a visible final failure', async () => {
    const failing = recordingNotifier('webhook', () => {
      throw new Error('ontvanger is stuk');
    });
    const dispatcher = dispatcherWith([failing.notifier], fixedSource([intent(1)]));

    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    let row = await rowOf(intent(1).key);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, lastError: 'ontvanger is stuk' });
    // Backoff with random() = 1: the full ceiling of 1 s for the first retry, after the database's now().
    expect(Date.parse(row?.nextAttemptAt ?? '') - Date.parse(row?.updatedAt ?? '')).toBe(1000);

    expect(await dispatcher.runOnce()).toMatchObject({ failed: 0 });
    await advanceOutboxClock(store, 1000);
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1, retries: 1 });
    await advanceOutboxClock(store, 2000);
    expect(await dispatcher.runOnce()).toMatchObject({ finalFailures: 1 });
    row = await rowOf(intent(1).key);
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row?.nextAttemptAt).toBeUndefined();
    expect(logged.filter((line) => line.level === 'error')).toHaveLength(1);

    await advanceOutboxClock(store, 3_600_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 0 });
    expect(failing.calls()).toBe(3);
  });

  it('honours Retry-After of a rate limit', async () => {
    const limited = recordingNotifier('webhook', (call) => {
      if (call === 1) throw new RateLimitError('te veel', 30_000);
    });
    const dispatcher = dispatcherWith([limited.notifier], fixedSource([intent(1)]));
    await dispatcher.runOnce();
    const row = await rowOf(intent(1).key);
    expect(Date.parse(row?.nextAttemptAt ?? '') - Date.parse(row?.updatedAt ?? '')).toBe(30_000);
    await advanceOutboxClock(store, 29_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
    await advanceOutboxClock(store, 1_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
  });

  it('fails for good when the platform says the recipient is gone', async () => {
    const gone = recordingNotifier('teams', () => {
      throw new RecipientGoneError('Teams: 403, de bot is uit het kanaal verwijderd.');
    });
    const dispatcher = dispatcherWith([gone.notifier], fixedSource([intent(1)]));
    expect(await dispatcher.runOnce()).toMatchObject({ finalFailures: 1 });
    await advanceOutboxClock(store, 86_400_000);
    await dispatcher.runOnce();
    expect(gone.calls()).toBe(1);
    expect(await rowOf(intent(1).key, 'teams')).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('leaves an unknown outcome visible as ambiguous when the notifier cannot confirm', async () => {
    const unsure = recordingNotifier('webhook', () => {
      throw new DeliveryOutcomeUnknownError('time-out na verzenden');
    });
    const dispatcher = dispatcherWith([unsure.notifier], fixedSource([intent(1)]));
    expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 1 });
    await advanceOutboxClock(store, 86_400_000);
    expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 0, sent: 0 });
    expect(unsure.calls()).toBe(1);
    expect((await rowOf(intent(1).key))?.state).toBe('ambiguous');
  });

  it('asks confirm before retrying an ambiguous delivery, and does not send what landed', async () => {
    const asked: string[] = [];
    const unsure = recordingNotifier(
      'teams',
      () => {
        throw new DeliveryOutcomeUnknownError('verbinding verbroken na verzenden');
      },
      async (reminder) => {
        asked.push(reminder.deliveryKey);
        return { externalId: 'gevonden-in-de-geschiedenis' };
      },
    );
    const dispatcher = dispatcherWith([unsure.notifier], fixedSource([intent(1)]));
    expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ confirmed: 0 });
    await advanceOutboxClock(store, 1000);
    expect(await dispatcher.runOnce()).toMatchObject({ confirmed: 1, sent: 0 });
    expect(unsure.calls()).toBe(1);
    expect(asked).toEqual([`${intent(1).key}|teams|19:traject-1`]);
    expect(await rowOf(intent(1).key, 'teams')).toMatchObject({
      state: 'sent',
      externalId: 'gevonden-in-de-geschiedenis',
    });
  });

  it("takes over a crashed instance's claim after its lease: confirmed first, sent only if it never landed", async () => {
    // Another instance claimed the rows and died.
    const crashed = dispatcherWith([], fixedSource([]));
    await crashed.runOnce();
    await store.reminderOutbox.enqueue(
      [intent(1), intent(2)].map((reminder) => ({
        intent: reminder,
        channel: 'teams',
        recipient: { channel: 'teams', address: `19:${reminder.trajectId}`, kind: 'conversation' },
        timelyUntil: new Date(Date.now() + 86_400_000),
      })),
    );
    for (const n of [1, 2]) {
      await store.reminderOutbox.claim(
        { key: intent(n).key, channel: 'teams', recipient: `19:traject-${n}` },
        { leaseMs: 60_000 },
      );
    }
    const survivor = recordingNotifier(
      'teams',
      () => {},
      async (reminder) =>
        // The first one had reached Teams before the crash; the second had not.
        reminder.intent.trajectId === 'traject-1' ? { externalId: 'al-daar' } : undefined,
    );
    const dispatcher = dispatcherWith([survivor.notifier], fixedSource([intent(1), intent(2)]));
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, confirmed: 0 });
    await advanceOutboxClock(store, 60_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, confirmed: 1, retries: 2 });
    expect(survivor.delivered).toEqual([`${intent(2).key}|teams|19:traject-2`]);
    expect(await rowOf(intent(1).key, 'teams')).toMatchObject({
      state: 'sent',
      attempts: 2,
      externalId: 'al-daar',
    });
  });

  describe('the cases a real chat platform exposes (§1)', () => {
    it('ignores the late answer of an instance whose lease was taken over', async () => {
      const release = deferred();
      let aStarted = false;
      const slowA = recordingNotifier('teams', async () => {
        aStarted = true;
        await release.promise;
      });
      const b = recordingNotifier(
        'teams',
        () => {},
        async () => undefined,
      );
      const instanceA = dispatcherWith([slowA.notifier], fixedSource([intent(1)]));
      const instanceB = dispatcherWith([b.notifier], fixedSource([intent(1)]));
      const runA = instanceA.runOnce();
      await until(() => aStarted);
      // A hangs past its lease; B takes over, finds nothing landed, sends and records it.
      await advanceOutboxClock(store, 61_000);
      expect(await instanceB.runOnce()).toMatchObject({ sent: 1 });
      release.resolve();
      expect(await runA).toMatchObject({ sent: 0 });
      expect(await rowOf(intent(1).key, 'teams')).toMatchObject({
        state: 'sent',
        attempts: 2,
        externalId: 'ext-1',
      });
      expect(logged.some((line) => /niet toegepast/.test(line.message))).toBe(true);
    });

    it('never sends again what the platform accepted when recording it failed; the recording is retried', async () => {
      let refusals = 2;
      const outbox: ReminderOutbox = {
        ...store.reminderOutbox,
        async markSent(claim, externalId) {
          if (refusals-- > 0) throw new Error('cannot execute UPDATE in a read-only transaction');
          return store.reminderOutbox.markSent(claim, externalId);
        },
      };
      const teams = recordingNotifier('teams');
      const dispatcher = dispatcherWith([teams.notifier], fixedSource([intent(1)]), { outbox });
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, failed: 0 });
      await advanceOutboxClock(store, 86_400_000);
      await dispatcher.runOnce();
      expect(teams.calls()).toBe(1);
      expect(await rowOf(intent(1).key, 'teams')).toMatchObject({ state: 'sent', attempts: 1 });
    });

    it('leaves a send unrecorded (not re-sent) when the database stays away: the lease and confirm decide later', async () => {
      const outbox: ReminderOutbox = {
        ...store.reminderOutbox,
        markSent: async () => {
          throw new Error('cannot execute UPDATE in a read-only transaction');
        },
      };
      const teams = recordingNotifier('teams');
      expect(
        await dispatcherWith([teams.notifier], fixedSource([intent(1)]), { outbox }).runOnce(),
      ).toMatchObject({
        sent: 0,
        failed: 0,
        unrecorded: 1,
      });
      expect(await rowOf(intent(1).key, 'teams')).toMatchObject({ state: 'claimed', attempts: 1 });
      expect(teams.calls()).toBe(1);
    });

    it('judges leases by the database clock: an instance whose clock runs 10 minutes ahead takes no live lease', async () => {
      const release = deferred();
      let aStarted = false;
      const a = recordingNotifier('webhook', async () => {
        aStarted = true;
        await release.promise;
      });
      const b = recordingNotifier('webhook');
      const instanceA = dispatcherWith([a.notifier], fixedSource([intent(1)]));
      let aheadAt = new Date(at.getTime() + 10 * 60_000);
      const instanceB = dispatcherWith([b.notifier], fixedSource([intent(1)]), {
        clock: { now: () => aheadAt },
      });
      const runA = instanceA.runOnce();
      await until(() => aStarted);
      expect(await instanceB.runOnce()).toMatchObject({ sent: 0 });
      aheadAt = new Date(aheadAt.getTime() + 60 * 60_000);
      expect(await instanceB.runOnce()).toMatchObject({ sent: 0 });
      release.resolve();
      expect(await runA).toMatchObject({ sent: 1 });
      expect(b.calls()).toBe(0);
    });

    it('aborts a delivery at its lease deadline and records it as ambiguous', async () => {
      const hanging = recordingNotifier(
        'webhook',
        (_call, _reminder, signal) =>
          new Promise<void>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          }),
      );
      const dispatcher = dispatcherWith([hanging.notifier], fixedSource([intent(1)]), { leaseMs: 400 });
      expect(await dispatcher.runOnce()).toMatchObject({ ambiguous: 1, sent: 0 });
      const row = await rowOf(intent(1).key);
      expect(row).toMatchObject({ state: 'ambiguous', attempts: 1 });
      expect(row?.lastError).toMatch(/Afgebroken bij het einde van de claim/);
    });

    it('stop() waits for every delivery in flight, also when another one failed to record', async () => {
      const release = deferred();
      let slowStarted = false;
      let failedRecordings = 0;
      const outbox: ReminderOutbox = {
        ...store.reminderOutbox,
        markFailed: async () => {
          failedRecordings++;
          throw new Error('database weg');
        },
      };
      const notifier = recordingNotifier('webhook', async (_call, reminder) => {
        if (reminder.intent.trajectId === 'traject-1') throw new Error('ontvanger stuk');
        slowStarted = true;
        await release.promise;
      });
      const dispatcher = dispatcherWith([notifier.notifier], fixedSource([intent(1), intent(2)]), {
        outbox,
        recordingRetry: { attempts: 1, baseMs: 1, maxMs: 1 },
      });
      dispatcher.start(60_000);
      await until(() => slowStarted && failedRecordings > 0);
      let stopped = false;
      const stopping = dispatcher.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stopped).toBe(false);
      release.resolve();
      await stopping;
      expect((await rowOf(intent(2).key))?.state).toBe('sent');
    });

    it('closes a retry whose reason is gone as vervallen instead of sending it', async () => {
      const flaky = recordingNotifier('webhook', (call) => {
        if (call === 1) throw new Error('even niet');
      });
      const gone = new Set<string>();
      const dispatcher = dispatcherWith([flaky.notifier], fixedSource([intent(1)], { gone }));
      await dispatcher.runOnce();
      gone.add(intent(1).key);
      await advanceOutboxClock(store, 1000);
      expect(await dispatcher.runOnce()).toMatchObject({ vervallen: 1, sent: 0 });
      expect(flaky.calls()).toBe(1);
      expect(await rowOf(intent(1).key)).toMatchObject({
        state: 'vervallen',
        lastError: expect.stringMatching(/verplaatst/),
      });
    });
  });

  describe('recipients (§2)', () => {
    it('delivers one reminder to 3 recipients once each, when the second fails the first time', async () => {
      const conversations = ['19:een', '19:twee', '19:drie'];
      const received = new Map<string, number>();
      let failedOnce = false;
      const teams = recordingNotifier('teams', (_call, reminder) => {
        if (reminder.recipient.address === '19:twee' && !failedOnce) {
          failedOnce = true;
          throw new Error('Teams: 502');
        }
        received.set(reminder.recipient.address, (received.get(reminder.recipient.address) ?? 0) + 1);
      });
      const dispatcher = dispatcherWith(
        [teams.notifier],
        fixedSource([intent(1)], { teams: () => conversations }),
      );
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 2, failed: 1 });
      await advanceOutboxClock(store, 1000);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, retries: 1 });
      await advanceOutboxClock(store, 86_400_000);
      await dispatcher.runOnce();
      expect(Object.fromEntries(received)).toEqual({ '19:een': 1, '19:twee': 1, '19:drie': 1 });
      const rows = await store.reminderOutbox.list({ keys: [intent(1).key], channel: 'teams' });
      expect(rows.map((row) => [row.recipient, row.state, row.attempts]).sort()).toEqual([
        ['19:drie', 'sent', 1],
        ['19:een', 'sent', 1],
        ['19:twee', 'sent', 2],
      ]);
    });

    describe('with trajects and links from the store', () => {
      const template = getBuiltInTemplate('visieleertraject');
      const start = '2027-01-11';

      async function createTraject(id: string) {
        const traject = createTrajectFromTemplate(template, {
          id,
          gemeenten: [{ name: `Gemeente ${id}` }],
          kernvraag: 'Hoe houden we de toegang dichtbij?',
          themes: ['inwoner-centraal'],
          start,
          status: 'lopend',
        });
        await store.trajects.create(traject, 'test');
        return traject;
      }

      /** The first morning after `from` on which a reminder of `kind` is due for the traject. */
      async function firstMorningWith(trajectId: string, kind: ReminderIntent['kind'], from = start) {
        const traject = await store.trajects.get(trajectId, { kind: 'all' });
        for (let day = from; day < addDays(from, 120); day = addDays(day, 1)) {
          const morning = new Date(amsterdamToUtc(day, '09:00').getTime() + 60_000);
          const found = dueReminders([{ traject, template }], morning).find(
            (candidate) =>
              candidate.kind === kind && candidate.dueAt.startsWith(morning.toISOString().slice(0, 10)),
          );
          if (found) return { morning, intent: found };
        }
        throw new Error(`geen ${kind}-herinnering gevonden`);
      }

      const source = () => createReminderSource({ trajects: store.trajects, links: store.platformLinks });

      it('produces no work on a channel the traject has no link on: niet van toepassing, at once', async () => {
        await createTraject('gekoppeld');
        await store.platformLinks.link(
          {
            kind: 'teams-conversation',
            externalId: '19:gemeente-kanaal',
            trajectId: 'gekoppeld',
            payload: { reference: { conversation: { id: '19:gemeente-kanaal' } }, active: true },
          },
          'test',
        );
        const { morning } = await firstMorningWith('gekoppeld', 'hours-check-in');
        at = morning;
        const teams = recordingNotifier('teams');
        const slack = recordingNotifier('slack');
        const report = await dispatcherWith([teams.notifier, slack.notifier], source()).runOnce();
        expect(report.sent).toBeGreaterThan(0);
        expect(slack.calls()).toBe(0);
        expect(teams.delivered.every((key) => key.endsWith('|teams|19:gemeente-kanaal'))).toBe(true);
        const slackRows = await store.reminderOutbox.list({ channel: 'slack' });
        expect(slackRows.length).toBeGreaterThan(0);
        expect(slackRows.every((row) => row.state === 'niet-van-toepassing' && row.attempts === 0)).toBe(
          true,
        );
        expect(await store.reminderOutbox.listDue({ confirmChannels: ['slack'] })).toEqual([]);
      });

      it('does not replay the past when a channel is switched on: reminders past their day are verlopen', async () => {
        await createTraject('later-aan');
        const { morning, intent: first } = await firstMorningWith('later-aan', 'hours-check-in');
        at = morning;
        const webhook = recordingNotifier('webhook');
        await dispatcherWith([webhook.notifier], source()).runOnce();
        expect(webhook.delivered).toContain(`${first.key}|webhook|webhook`);

        // Two days later Teams is switched on and the traject linked: the check-in of two days ago stays away.
        at = new Date(morning.getTime() + 2 * 86_400_000);
        await store.platformLinks.link(
          {
            kind: 'teams-conversation',
            externalId: '19:nieuw',
            trajectId: 'later-aan',
            payload: { reference: {}, active: true },
          },
          'test',
        );
        const teams = recordingNotifier('teams');
        const report = await dispatcherWith([webhook.notifier, teams.notifier], source()).runOnce();
        expect(report.verlopen).toBeGreaterThan(0);
        expect(teams.delivered).not.toContain(`${first.key}|teams|19:nieuw`);
        expect(await rowOf(first.key, 'teams')).toMatchObject({ state: 'verlopen', attempts: 0 });
        expect(webhook.delivered.filter((key) => key === `${first.key}|webhook|webhook`)).toHaveLength(1);
      });

      it('gives a moved session a new reminder and closes the old one\u2019s retry as vervallen', async () => {
        await createTraject('verhuist');
        const { morning, intent: session } = await firstMorningWith('verhuist', 'session');
        at = morning;
        const failOld = recordingNotifier('webhook', (_call, reminder) => {
          if (reminder.intent.key === session.key) throw new Error('even niet');
        });
        const dispatcher = dispatcherWith([failOld.notifier], source());
        await dispatcher.runOnce();
        expect((await rowOf(session.key))?.state).toBe('failed');

        // The session moves a week on: its reminder's reason (the old date) is gone.
        const sessionKey = session.subject.sessionKey as string;
        const newDate = addDays(session.subject.date as string, 7);
        await store.trajects.updateSessionDates('verhuist', [{ sessionKey, plannedDate: newDate }], {
          actor: 'test',
        });
        await advanceOutboxClock(store, 1000);
        expect(await dispatcher.runOnce()).toMatchObject({ vervallen: 1 });
        expect(await rowOf(session.key)).toMatchObject({ state: 'vervallen' });

        at = new Date(morning.getTime() + 7 * 86_400_000);
        await dispatcher.runOnce();
        const moved = failOld.delivered.find((key) => key.includes(`:${sessionKey}@${newDate}|`));
        expect(moved).toBeDefined();
        expect(moved).not.toBe(`${session.key}|webhook|webhook`);
      });
    });
  });
});
