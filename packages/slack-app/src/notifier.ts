import {
  DeliveryOutcomeUnknownError,
  type DeliveryReceipt,
  localize,
  type Notifier,
  type OutgoingReminder,
} from '@visieleren/core';
import { blocks } from './block-kit/blocks.js';
import { METADATA_EVENT_TYPES, PER_CHANNEL_INTERVAL_MS, type SlackPoster, toCoreError } from './poster.js';
import { classifySlackError } from './slack-errors.js';
import type { SlackClients } from './web-client.js';

/**
 * Reminders on Slack: a DM to a participant (`U…`) or a post in the traject's channel (`C…`). One attempt per
 * call; the dispatcher retries. The delivery key travels in the message metadata so `confirm` can find a
 * message whose answer was lost.
 */
export function createSlackNotifier(poster: SlackPoster, clients: SlackClients): Notifier {
  // A DM is addressed by user id, but history (for `confirm`) is read per conversation: open the DM once.
  const dms = new Map<string, string>();
  async function conversationOf(reminder: OutgoingReminder): Promise<string> {
    const address = reminder.recipient.address;
    if (reminder.recipient.kind !== 'user' && !/^[UW]/.test(address)) return address;
    const known = dms.get(address);
    if (known) return known;
    const opened = await clients.api.conversations.open({ users: address });
    const channel = opened.channel?.id ?? address;
    dms.set(address, channel);
    return channel;
  }
  return {
    channel: 'slack',
    pacing: {
      perRecipientIntervalMs: PER_CHANNEL_INTERVAL_MS,
      // chat.postMessage's workspace limit is unpublished; Tier-4-like bursts are tolerated (docs/platform-limits.md §2.3).
      perChannelPerSecond: 20,
    },
    async deliver(reminder, signal) {
      const text = localize(reminder.intent.message, 'nl');
      const attempt = conversationOf(reminder).then((channel) =>
        poster.postOnce({
          channel,
          text,
          blocks: [blocks.section(text), blocks.context('Herinnering van Visieleren')],
          key: reminder.deliveryKey,
          eventType: METADATA_EVENT_TYPES.reminder,
        }),
      );
      try {
        const posted = await abortable(attempt, signal);
        return { externalId: posted.ts };
      } catch (error) {
        if (error instanceof DeliveryOutcomeUnknownError) throw error;
        throw toCoreError(classifySlackError(error), 'een herinnering');
      }
    },
    async confirm(reminder, signal): Promise<DeliveryReceipt | undefined> {
      try {
        const ts = await abortable(
          conversationOf(reminder).then((channel) =>
            poster.findByKey(channel, reminder.deliveryKey, METADATA_EVENT_TYPES.reminder),
          ),
          signal,
        );
        return ts ? { externalId: ts } : undefined;
      } catch (error) {
        if (error instanceof DeliveryOutcomeUnknownError) throw error;
        throw toCoreError(classifySlackError(error), 'de kanaalgeschiedenis');
      }
    },
  };
}

/** The SDK takes no per-call signal: when the lease ends first, the outcome is unknown. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(new DeliveryOutcomeUnknownError('Afgebroken voordat Slack antwoordde.'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DeliveryOutcomeUnknownError('Afgebroken voordat Slack antwoordde.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
