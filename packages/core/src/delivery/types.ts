import { VisielerenError } from '../errors.js';
import type { ReminderIntent } from '../reminders/types.js';

/**
 * Delivery of reminders to people. Core decides who gets what on which channel (`resolveRecipients`); a
 * notifier only knows how to put one message in front of one recipient on its platform.
 */

/** The channels core knows how to address. A plugin names its notifier's channel with one of these. */
export const CHANNELS = ['teams', 'slack', 'webhook', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One concrete addressee on one channel. `address` is the platform's id; it is the outbox row's recipient. */
export interface Recipient {
  channel: Channel;
  /**
   * Teams: the conversation id. Slack: a user id (`U…`, a DM) or a channel id (`C…`). Webhook: `webhook`.
   * E-mail: the address (personal data: never logged).
   */
  address: string;
  kind: 'conversation' | 'user' | 'channel' | 'endpoint' | 'mailbox';
  /** The participant this recipient stands for, when it is one person (for forget and for the audit trail). */
  participantId?: string;
}

/** What a notifier is asked to send: the reminder, to whom, and the outbox row's own key. */
export interface OutgoingReminder {
  intent: ReminderIntent;
  recipient: Recipient;
  /**
   * `${intent.key}|${channel}|${recipient.address}`: unique per person and reminder. Notifiers put it where the
   * platform keeps it (Slack message metadata, Teams activity channelData, an Idempotency-Key header), so
   * `confirm` can find a message that landed although its answer was lost.
   */
  deliveryKey: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface DeliveryReceipt {
  /** The platform's id for what was sent (Teams activity id, Slack ts), kept for the audit trail. */
  externalId?: string;
}

/** Spacing of sends so a burst of reminders meets no 429 storm (docs/platform-limits.md). */
export interface PacingPolicy {
  /** Minimum time between two sends to the same recipient address (Teams: 2,000 ms; Slack channel: 1,000 ms). */
  perRecipientIntervalMs: number;
  /** Sends per second on the whole channel (Teams: 50 per tenant; Slack: chat.postMessage's tier). */
  perChannelPerSecond: number;
}

/**
 * Delivers reminders on one channel. The signal fires at the claim's lease deadline: a call still running then
 * must stop, and the dispatcher records it as `ambiguous`.
 * Throw `RateLimitError` to be retried after its delay, `DeliveryOutcomeUnknownError` when the request may have
 * gone through, `RecipientGoneError` when the platform refuses the recipient for good (bot removed, channel
 * archived), anything else to be retried with backoff.
 */
export interface Notifier {
  readonly channel: Channel;
  readonly pacing?: PacingPolicy;
  deliver(reminder: OutgoingReminder, signal: AbortSignal): Promise<DeliveryReceipt>;
  /**
   * Whether an earlier attempt of this delivery landed after all (Slack reads the channel's recent history for
   * the key). Called before an ambiguous delivery is retried; without it an ambiguous delivery stays visible
   * and is not retried.
   */
  confirm?(reminder: OutgoingReminder, signal: AbortSignal): Promise<DeliveryReceipt | undefined>;
}

/** The message may or may not have reached the platform; retrying could send it twice. */
export class DeliveryOutcomeUnknownError extends VisielerenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}

/**
 * The platform will never accept messages for this recipient again (Teams 403: bot removed or blocked; Slack
 * `channel_not_found`, `is_archived`). Not retried; the plugin marks its link inactive.
 */
export class RecipientGoneError extends VisielerenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
  }
}

export function deliveryKeyOf(intentKey: string, recipient: Pick<Recipient, 'channel' | 'address'>): string {
  return `${intentKey}|${recipient.channel}|${recipient.address}`;
}
