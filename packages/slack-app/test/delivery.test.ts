import {
  DeliveryOutcomeUnknownError,
  type OutgoingReminder,
  RateLimitError,
  RecipientGoneError,
} from '@visieleren/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METADATA_EVENT_TYPES } from '../src/index.js';
import { type Harness, startHarness } from './support.js';

function reminder(address: string, occurrence = 'duo-interviews'): OutgoingReminder {
  const key = `hoorn-2027:sessie-herinnering:${occurrence}`;
  return {
    intent: {
      key,
      trajectId: 'hoorn-2027',
      ruleId: 'sessie-herinnering',
      kind: 'session',
      occurrence,
      dueAt: '2027-02-01T08:00:00.000Z',
      audience: ['bestuurder'],
      message: { nl: 'Morgen: duo-interviews in Hoorn.', en: 'Tomorrow: duo interviews in Hoorn.' },
      subject: { sessionKey: occurrence },
    },
    recipient: { channel: 'slack', address, kind: address.startsWith('C') ? 'channel' : 'user' },
    deliveryKey: `${key}|slack|${address}`,
    attempt: 1,
  };
}

const live = () => new AbortController().signal;

describe('reminders on Slack against the fake Web API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ timeoutMs: 500 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('posts with the delivery key in the message metadata', async () => {
    const receipt = await h.slack.notifier.deliver(reminder('C0HOORN'), live());
    const [message] = h.fake.messages('C0HOORN');
    expect(receipt.externalId).toBe(message?.ts);
    expect(message?.metadata).toEqual({
      event_type: METADATA_EVENT_TYPES.reminder,
      event_payload: { key: 'hoorn-2027:sessie-herinnering:duo-interviews|slack|C0HOORN' },
    });
    expect(message?.text).toBe('Morgen: duo-interviews in Hoorn.');
  });

  it('turns 429 into RateLimitError with the Retry-After, and posts nothing', async () => {
    h.fake.inject('chat.postMessage', { kind: 'rate-limit', retryAfterSeconds: 7 });
    const error = await h.slack.notifier
      .deliver(reminder('C0HOORN'), live())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.fake.allMessages()).toHaveLength(0);
  });

  it('turns channel_not_found and an archived channel into RecipientGoneError', async () => {
    h.fake.inject('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    await expect(h.slack.notifier.deliver(reminder('C0GONE'), live())).rejects.toBeInstanceOf(
      RecipientGoneError,
    );
    h.fake.archived.add('C0OLD');
    await expect(h.slack.notifier.deliver(reminder('C0OLD'), live())).rejects.toBeInstanceOf(
      RecipientGoneError,
    );
    expect(h.fake.allMessages()).toHaveLength(0);
  });

  it('a post whose answer was lost is ambiguous; confirm finds it, so it is never posted twice', async () => {
    h.fake.inject('chat.postMessage', { kind: 'lost-answer' });
    const first = reminder('C0HOORN');
    await expect(h.slack.notifier.deliver(first, live())).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    // The SDK did not retry on its own.
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
    const confirmed = await h.slack.notifier.confirm!({ ...first, attempt: 2 }, live());
    expect(confirmed?.externalId).toBe(h.fake.messages('C0HOORN')[0]?.ts);
    expect(h.fake.messages('C0HOORN')).toHaveLength(1);
    // Another reminder's key is not mistaken for this one.
    expect(await h.slack.notifier.confirm!(reminder('C0HOORN', 'borgingssessie'), live())).toBeUndefined();
  });

  it('a DM reminder goes to the user’s DM conversation, where confirm finds it after a lost answer', async () => {
    h.fake.inject('chat.postMessage', { kind: 'lost-answer' });
    const toAnna = reminder('U0ANNA');
    await expect(h.slack.notifier.deliver(toAnna, live())).rejects.toBeInstanceOf(
      DeliveryOutcomeUnknownError,
    );
    const confirmed = await h.slack.notifier.confirm!({ ...toAnna, attempt: 2 }, live());
    expect(confirmed?.externalId).toBe(h.fake.messages('D0ANNA')[0]?.ts);
    expect(h.fake.messages('D0ANNA')).toHaveLength(1);
    expect(h.fake.callsOf('conversations.history')[0]?.args.channel).toBe('D0ANNA');
  });

  it('an aborted delivery (the lease ended) is ambiguous too', async () => {
    h.fake.inject('chat.postMessage', { kind: 'hang' });
    const controller = new AbortController();
    const pending = h.slack.notifier.deliver(reminder('C0HOORN'), controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
  });

  it('paces a burst to one message per second per channel: no 429, nothing lost or doubled', async () => {
    const occurrences = ['a', 'b', 'c', 'd'];
    await Promise.all(
      occurrences.map((occurrence) => h.slack.notifier.deliver(reminder('C0BUSY', occurrence), live())),
    );
    expect(h.fake.paceViolations).toBe(0);
    const keys = h.fake.messages('C0BUSY').map((message) => message.metadata?.event_payload.key);
    expect(new Set(keys).size).toBe(4);
    expect(keys).toHaveLength(4);
  });
});

describe('posts of the duo round (SlackPoster.postUnique)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ timeoutMs: 500 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('waits out a 429, looks in the history after a lost answer or a 500, and posts each message once', async () => {
    h.fake.inject(
      'chat.postMessage',
      { kind: 'rate-limit', retryAfterSeconds: 1 },
      { kind: 'lost-answer' },
      { kind: 'server-error-after-accept' },
    );
    const one = await h.slack.poster.postUnique({ channel: 'C0TEAM', text: 'een', key: 'k1' });
    const two = await h.slack.poster.postUnique({ channel: 'C0TEAM', text: 'twee', key: 'k2' });
    // Both landed on an attempt whose answer never came back; the history said so.
    expect(one.found).toBe(true);
    expect(two.found).toBe(true);
    expect(h.fake.messages('C0TEAM').map((message) => message.text)).toEqual(['een', 'twee']);
  });

  it('a retried job that may have posted already finds the message instead of posting again', async () => {
    await h.slack.poster.postUnique({ channel: 'C0TEAM', text: 'rooster', key: 'schedule-1' });
    const again = await h.slack.poster.postUnique(
      { channel: 'C0TEAM', text: 'rooster', key: 'schedule-1' },
      true,
    );
    expect(again.found).toBe(true);
    expect(h.fake.messages('C0TEAM')).toHaveLength(1);
  });

  it('an ok:false refusal is an error naming Slack’s code, not a silent drop', async () => {
    h.fake.inject('chat.postMessage', { kind: 'error', error: 'invalid_blocks' });
    await expect(h.slack.poster.postUnique({ channel: 'C0TEAM', text: 'x', key: 'k3' })).rejects.toThrow(
      /invalid_blocks/,
    );
  });
});
