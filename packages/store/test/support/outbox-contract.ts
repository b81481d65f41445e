import type { Recipient, ReminderIntent } from '@visieleren/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_CHANNEL, type OutboxEntry, type Store } from '../../src/index.js';
import { advanceOutboxClock, truncateAll } from '../../src/testing.js';
import { sampleIntent } from './fixtures.js';
import type { OpenedStore } from './store-contract.js';

/**
 * The reminder outbox on each driver: one row per (key, channel, recipient), leases and retries by the
 * database's clock, and every transition fenced by the claim it answers.
 */

const lease = 60_000;
const webhook: Recipient = { channel: 'webhook', address: 'webhook', kind: 'endpoint' };
const person = (address: string): Recipient => ({
  channel: 'slack',
  address,
  kind: 'user',
  participantId: `p-${address}`,
});
/** Timely for a day from now (database clock). */
const timely = () => new Date(Date.now() + 86_400_000);
const entry = (intent: ReminderIntent, recipient: Recipient | null = webhook): OutboxEntry => ({
  intent,
  channel: recipient?.channel ?? 'teams',
  // null: the traject has no link on this channel.
  ...(recipient ? { recipient } : {}),
  timelyUntil: timely(),
});
const ref = (intent: ReminderIntent, recipient: Recipient = webhook) => ({
  key: intent.key,
  channel: recipient.channel,
  recipient: recipient.address,
});

export function describeOutboxContract(driverName: string, open: () => Promise<OpenedStore>): void {
  describe(`reminder outbox on ${driverName}`, () => {
    let opened: OpenedStore;
    let store: Store;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
      await store.migrate();
    });
    afterAll(async () => {
      await opened?.cleanup();
    });
    beforeEach(async () => {
      await truncateAll(store);
    });

    it('records one row per recipient, once: pending, verlopen when past its time, niet-van-toepassing without a link', async () => {
      const intent = sampleIntent();
      const old = sampleIntent({ occurrence: 'verkennen' });
      const entries: OutboxEntry[] = [
        entry(intent, person('U1')),
        entry(intent, person('U2')),
        entry(intent, person('U2')),
        entry(intent, null),
        { ...entry(old, person('U1')), timelyUntil: new Date(Date.now() - 1000) },
      ];
      expect(await store.reminderOutbox.enqueue(entries)).toEqual({
        pending: 2,
        verlopen: 1,
        nietVanToepassing: 1,
      });
      expect(await store.reminderOutbox.enqueue(entries)).toEqual({
        pending: 0,
        verlopen: 0,
        nietVanToepassing: 0,
      });
      const rows = await store.reminderOutbox.list({ trajectId: 'tr-ede' });
      expect(rows.map((row) => [row.key, row.channel, row.recipient, row.state]).sort()).toEqual(
        [
          [intent.key, 'slack', 'U1', 'pending'],
          [intent.key, 'slack', 'U2', 'pending'],
          [intent.key, 'teams', '', 'niet-van-toepassing'],
          [old.key, 'slack', 'U1', 'verlopen'],
        ].sort(),
      );
      const u1 = rows.find((row) => row.recipient === 'U1' && row.key === intent.key);
      expect(u1).toMatchObject({
        deliveryKey: `${intent.key}|slack|U1`,
        participantId: 'p-U1',
        recipientKind: 'user',
      });
      // Only the pending rows have work; verlopen and niet-van-toepassing never do.
      const due = await store.reminderOutbox.listDue({ confirmChannels: ['slack', 'teams'] });
      expect(due.map((row) => row.recipient).sort()).toEqual(['U1', 'U2']);
      expect(await store.reminderOutbox.claim(ref(old, person('U1')), { leaseMs: lease })).toBeUndefined();
      expect(
        await store.reminderOutbox.claim(
          { key: intent.key, channel: 'teams', recipient: '' },
          { leaseMs: lease },
        ),
      ).toBeUndefined();
    });

    it('claims a row once, leased by the database clock; a second claim gets nothing while the lease holds', async () => {
      const intent = sampleIntent();
      await store.reminderOutbox.enqueue([entry(intent)]);
      const claimed = await store.reminderOutbox.claim(ref(intent), { leaseMs: lease });
      expect(claimed).toMatchObject({
        key: intent.key,
        channel: 'webhook',
        recipient: 'webhook',
        state: 'claimed',
        previousState: 'pending',
        attempts: 1,
        claim: { key: intent.key, channel: 'webhook', recipient: 'webhook', attempt: 1 },
        intent,
      });
      // The lease runs from the database's now(), the same instant as updatedAt.
      expect(Date.parse(claimed?.leaseUntil ?? '') - Date.parse(claimed?.updatedAt ?? '')).toBe(lease);
      expect(
        await store.reminderOutbox.claim(ref(intent), { leaseMs: lease, confirmable: true }),
      ).toBeUndefined();
      await advanceOutboxClock(store, lease - 1000);
      expect(
        await store.reminderOutbox.claim(ref(intent), { leaseMs: lease, confirmable: true }),
      ).toBeUndefined();
    });

    it('gives exactly one of many concurrent claims the row', async () => {
      const intent = sampleIntent();
      await store.reminderOutbox.enqueue([entry(intent)]);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.reminderOutbox.claim(ref(intent), { leaseMs: lease })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('ignores a late answer after a takeover: every transition is fenced by its claim', async () => {
      const intent = sampleIntent();
      await store.reminderOutbox.enqueue([entry(intent)]);
      const first = await store.reminderOutbox.claim(ref(intent), { leaseMs: lease });
      await advanceOutboxClock(store, lease + 1000);
      const second = await store.reminderOutbox.claim(ref(intent), { leaseMs: lease, confirmable: true });
      expect(second).toMatchObject({ attempts: 2, previousState: 'claimed' });
      if (!first || !second) throw new Error('claims expected');
      // Instance A answers late: neither its success nor its failure may touch B's claim.
      expect(await store.reminderOutbox.markSent(first.claim, 'late-a')).toBe(false);
      expect(await store.reminderOutbox.markFailed(first.claim, 'late failure', 1000)).toBe(false);
      expect(await store.reminderOutbox.markAmbiguous(first.claim, 'late', undefined)).toBe(false);
      let [row] = await store.reminderOutbox.list({ keys: [intent.key] });
      expect(row).toMatchObject({ state: 'claimed', attempts: 2 });
      expect(row?.externalId).toBeUndefined();
      expect(await store.reminderOutbox.markSent(second.claim, 'b-42')).toBe(true);
      // And once sent, nobody's late failure overwrites it.
      expect(await store.reminderOutbox.markFailed(second.claim, 'late', undefined)).toBe(false);
      expect(await store.reminderOutbox.markVervallen(first.claim, 'weg')).toBe(false);
      [row] = await store.reminderOutbox.list({ keys: [intent.key] });
      expect(row).toMatchObject({ state: 'sent', externalId: 'b-42', attempts: 2 });
      expect(row?.sentAt).toBeDefined();
      expect(row?.leaseUntil).toBeUndefined();
    });

    it('closes an expired lease as ambiguous when the channel cannot confirm, or on the last attempt', async () => {
      const one = sampleIntent({ occurrence: 'een' });
      const two = sampleIntent({ occurrence: 'twee' });
      await store.reminderOutbox.enqueue([entry(one), entry(two)]);
      await store.reminderOutbox.claim(ref(one), { leaseMs: lease });
      await store.reminderOutbox.claim(ref(two), { leaseMs: lease, maxAttempts: 1 });
      await advanceOutboxClock(store, lease);
      expect((await store.reminderOutbox.listDue()).map((row) => row.key).sort()).toEqual(
        [one.key, two.key].sort(),
      );
      // The instance holding them died; it may have sent. Without a way to ask, nobody sends again.
      expect(
        await store.reminderOutbox.claim(ref(one), { leaseMs: lease, confirmable: false }),
      ).toBeUndefined();
      expect(
        await store.reminderOutbox.claim(ref(two), { leaseMs: lease, confirmable: true, maxAttempts: 1 }),
      ).toBeUndefined();
      const rows = await store.reminderOutbox.list({ keys: [one.key, two.key] });
      expect(rows.map((row) => [row.key, row.state, row.attempts])).toEqual(
        expect.arrayContaining([
          [one.key, 'ambiguous', 1],
          [two.key, 'ambiguous', 1],
        ]),
      );
      expect(rows.find((row) => row.key === two.key)?.lastError).toMatch(/laatste/);
      expect(rows.every((row) => row.leaseUntil === undefined)).toBe(true);
      await advanceOutboxClock(store, 30 * 86_400_000);
      expect(await store.reminderOutbox.listDue({ confirmChannels: ['webhook'] })).toEqual([]);
    });

    it('retries a failure when its next attempt is due by the database clock, and leaves a final failure visible', async () => {
      const intent = sampleIntent();
      await store.reminderOutbox.enqueue([entry(intent)]);
      const options = { leaseMs: lease, maxAttempts: 3 };
      const first = await store.reminderOutbox.claim(ref(intent), options);
      expect(await store.reminderOutbox.markFailed(first!.claim, 'HTTP 503', 300_000)).toBe(true);
      let [row] = await store.reminderOutbox.list({ keys: [intent.key] });
      expect(Date.parse(row?.nextAttemptAt ?? '') - Date.parse(row?.updatedAt ?? '')).toBe(300_000);
      expect(await store.reminderOutbox.claim(ref(intent), options)).toBeUndefined();
      await advanceOutboxClock(store, 300_000);
      expect(await store.reminderOutbox.listDue(options)).toHaveLength(1);
      const second = await store.reminderOutbox.claim(ref(intent), options);
      expect(second).toMatchObject({ attempts: 2, previousState: 'failed' });
      await store.reminderOutbox.markFailed(second!.claim, 'HTTP 500', 0);
      const third = await store.reminderOutbox.claim(ref(intent), options);
      expect(third).toMatchObject({ attempts: 3 });
      // The third attempt was the last one allowed: even a scheduled retry is no longer taken.
      await store.reminderOutbox.markFailed(third!.claim, 'HTTP 500', 0);
      expect(await store.reminderOutbox.claim(ref(intent), options)).toBeUndefined();
      [row] = await store.reminderOutbox.list({ state: 'failed' });
      expect(row).toMatchObject({ key: intent.key, attempts: 3, lastError: 'HTTP 500' });
    });

    it('retries a final failure when the VNG team asks, fenced: a late answer to an old claim changes nothing', async () => {
      const intent = sampleIntent({ occurrence: 'opnieuw' });
      await store.reminderOutbox.enqueue([entry(intent)]);
      const options = { leaseMs: lease, maxAttempts: 1 };
      const first = await store.reminderOutbox.claim(ref(intent), options);
      await store.reminderOutbox.markFailed(first!.claim, 'HTTP 500', undefined);
      expect(await store.reminderOutbox.claim(ref(intent), options)).toBeUndefined();
      expect(await store.reminderOutbox.retry(ref(intent), 3_600_000)).toBe(true);
      const again = await store.reminderOutbox.claim(ref(intent), options);
      expect(again).toMatchObject({ attempts: 2, previousState: 'pending' });
      expect(await store.reminderOutbox.markSent(first!.claim, 'late')).toBe(false);
      expect(await store.reminderOutbox.markSent(again!.claim, 'ok')).toBe(true);
      // A sent row is not retried.
      expect(await store.reminderOutbox.retry(ref(intent), 3_600_000)).toBe(false);
    });

    it('looks at an ambiguous delivery again only on a channel that can confirm', async () => {
      const intent = sampleIntent();
      const never = sampleIntent({ occurrence: 'nooit' });
      await store.reminderOutbox.enqueue([entry(intent), entry(never)]);
      const claim = await store.reminderOutbox.claim(ref(intent), { leaseMs: lease });
      const other = await store.reminderOutbox.claim(ref(never), { leaseMs: lease });
      await store.reminderOutbox.markAmbiguous(claim!.claim, 'afgebroken bij de lease-grens', 5_000);
      await store.reminderOutbox.markAmbiguous(other!.claim, 'time-out na verzenden', undefined);
      await advanceOutboxClock(store, 5_000);
      expect(await store.reminderOutbox.listDue()).toEqual([]);
      expect(await store.reminderOutbox.claim(ref(intent), { leaseMs: lease })).toBeUndefined();
      expect(
        (await store.reminderOutbox.listDue({ confirmChannels: ['webhook'] })).map((row) => row.key),
      ).toEqual([intent.key]);
      const again = await store.reminderOutbox.claim(ref(intent), { leaseMs: lease, confirmable: true });
      expect(again).toMatchObject({ previousState: 'ambiguous', attempts: 2 });
      expect(
        await store.reminderOutbox.claim(ref(never), { leaseMs: lease, confirmable: true }),
      ).toBeUndefined();
    });

    it('closes a row whose reason is gone as vervallen, and a pending row that waited past its time as verlopen', async () => {
      const gone = sampleIntent({ occurrence: 'weg' });
      const late = sampleIntent({ occurrence: 'laat' });
      await store.reminderOutbox.enqueue([
        entry(gone),
        { ...entry(late), timelyUntil: new Date(Date.now() + 60_000) },
      ]);
      const claim = await store.reminderOutbox.claim(ref(gone), { leaseMs: lease });
      expect(await store.reminderOutbox.markVervallen(claim!.claim, 'De sessie is verplaatst.')).toBe(true);
      await advanceOutboxClock(store, 120_000);
      expect(await store.reminderOutbox.claim(ref(late), { leaseMs: lease })).toBeUndefined();
      const rows = await store.reminderOutbox.list({ keys: [gone.key, late.key] });
      expect(rows.map((row) => [row.key, row.state]).sort()).toEqual(
        [
          [gone.key, 'vervallen'],
          [late.key, 'verlopen'],
        ].sort(),
      );
      expect(await store.reminderOutbox.listDue({ confirmChannels: ['webhook'] })).toEqual([]);
    });

    it('records "geen kanaal" once, so nothing is silently lost', async () => {
      const intent = sampleIntent();
      await store.reminderOutbox.recordNoChannel(intent);
      expect(
        await store.reminderOutbox.recordNoChannelMany([intent, sampleIntent({ occurrence: 'x' })]),
      ).toBe(1);
      // Thousands of keys at once (a whole portfolio's due reminders) are looked up in batches.
      const manyKeys = [...Array.from({ length: 12_000 }, (_, n) => `other:${n}`), intent.key];
      expect(await store.reminderOutbox.list({ keys: manyKeys })).toHaveLength(1);
      const [row] = await store.reminderOutbox.list({ keys: [intent.key] });
      expect(row).toMatchObject({ channel: NO_CHANNEL, recipient: '', state: 'no-channel', attempts: 0 });
      expect(await store.reminderOutbox.listDue()).toEqual([]);
    });

    it('enqueues a whole portfolio in a few statements', async () => {
      const intents = Array.from({ length: 3_000 }, (_, n) => sampleIntent({ occurrence: `o-${n}` }));
      const report = await store.reminderOutbox.enqueue(intents.map((intent) => entry(intent)));
      expect(report.pending).toBe(3_000);
      expect((await store.reminderOutbox.enqueue(intents.map((intent) => entry(intent)))).pending).toBe(0);
      expect(await store.reminderOutbox.listDue({ limit: 10_000 })).toHaveLength(3_000);
    });
  });
}
