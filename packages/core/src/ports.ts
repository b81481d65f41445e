import { VisielerenError } from './errors.js';
import type { ReminderIntent } from './reminders/types.js';

/**
 * Ports: the interfaces the store and the plugins implement. Core depends on nothing but these.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

export interface DeliveryReceipt {
  /** The platform's id for what was sent (Teams activity id, Slack ts), kept for the audit trail. */
  externalId?: string;
}

/**
 * Delivers reminders on one channel (Teams, Slack, e-mail…). Throw `RateLimitError` to be retried after its
 * delay, `DeliveryOutcomeUnknownError` when the request may have gone through (a timeout after sending),
 * anything else to be retried with backoff.
 */
export interface Notifier {
  readonly channel: string;
  deliver(reminder: ReminderIntent): Promise<DeliveryReceipt>;
}

/** The message may or may not have reached the platform; retrying could send it twice. */
export class DeliveryOutcomeUnknownError extends VisielerenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}
