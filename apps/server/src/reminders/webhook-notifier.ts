import { createHmac } from 'node:crypto';
import {
  ConfigurationError,
  DeliveryOutcomeUnknownError,
  type DeliveryReceipt,
  type Notifier,
  type OutgoingReminder,
  RateLimitError,
} from '@visieleren/core';

export interface WebhookNotifierConfig {
  url: string;
  /**
   * Required (32+ characters): every request carries `X-Visieleren-Timestamp` and
   * `X-Visieleren-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<body>` (see the README).
   */
  secret: string;
  timeoutMs: number;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export const WEBHOOK_CHANNEL = 'webhook' as const;

/** Network failures that happen before a request could have been received: safe to retry. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The most of an answer that is read: only a short JSON `id` is wanted from it. */
export const MAX_ANSWER_BYTES = 64 * 1024;
const MIN_SECRET_LENGTH = 32;

/** At most `limit` bytes of the answer as text; the rest is not downloaded (the stream is cancelled). */
async function readCapped(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function retryAfterMs(header: string | null): number {
  if (!header) return 60_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 60_000 : Math.max(0, at - Date.now());
}

function causeOf(error: unknown): { code?: string; message?: string } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause ?? {};
  // Read the fields one by one: an Error's message is not enumerable, so spreading it would lose it.
  const code = cause.code ?? (error as { code?: string }).code;
  return { ...(code === undefined ? {} : { code }), ...(cause.message ? { message: cause.message } : {}) };
}

/** fetch refuses some requests before sending anything (e.g. ports the Fetch standard blocks). */
function neverSent(cause: { code?: string; message?: string }): boolean {
  return (cause.code !== undefined && NOT_SENT_CODES.has(cause.code)) || cause.message === 'bad port';
}

/**
 * A generic reminder channel: POSTs the reminder as JSON to one URL (a mail relay, Power Automate, a chat
 * bridge): the ReminderIntent's fields plus `deliveryKey` and `attempt`. The `Idempotency-Key` header carries
 * the delivery key (`${key}|webhook|webhook`). A sender can never close the gap between "the receiver answered
 * 200" and "we recorded sent" (the process may die in between), so a receiver MUST treat a repeated key as
 * already handled: that, together with the outbox, gives exactly-once effects.
 *
 * That same contract is how `confirm` asks whether an earlier, unanswered attempt landed: it repeats the request
 * with the same key (and `X-Visieleren-Confirm: 1`); a receiver that had it acknowledges without handling it
 * again, one that had not handles it now. Either way a 2xx means "it is there".
 */
export function createWebhookNotifier(config: WebhookNotifierConfig): Notifier {
  if (typeof config.secret !== 'string' || config.secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(
      'Zet VISIELEREN_WEBHOOK_SECRET (minstens 32 tekens): de webhook stuurt alleen ondertekende herinneringen.',
    );
  }
  const doFetch = config.fetch ?? fetch;

  async function post(reminder: OutgoingReminder, signal: AbortSignal, confirming: boolean) {
    const body = JSON.stringify({
      ...reminder.intent,
      deliveryKey: reminder.deliveryKey,
      attempt: reminder.attempt,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': reminder.deliveryKey,
      'user-agent': 'visieleren-herinneringen',
    };
    if (confirming) headers['x-visieleren-confirm'] = '1';
    headers['x-visieleren-timestamp'] = timestamp;
    headers['x-visieleren-signature'] = signWebhookBody(config.secret, timestamp, body);
    let response: Response;
    try {
      response = await doFetch(config.url, {
        method: 'POST',
        headers,
        body,
        // A redirect is not followed: it would send the signed reminder (and its headers) to an address
        // nobody configured. It counts as a failed delivery.
        redirect: 'manual',
        // Whichever comes first: the dispatcher's lease deadline or this channel's own time-out.
        signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]),
      });
    } catch (error) {
      const cause = causeOf(error);
      if (neverSent(cause)) {
        throw new Error(`Webhook niet bereikbaar (${cause.code ?? cause.message}).`, { cause: error });
      }
      const name = (error as { name?: string }).name;
      const what = signal.aborted
        ? 'afgebroken bij het einde van de claim'
        : name === 'TimeoutError'
          ? `geen antwoord binnen ${config.timeoutMs} ms`
          : (cause.code ?? cause.message ?? name ?? 'fout');
      // The request may have arrived: the outbox marks it ambiguous instead of sending it again blindly.
      throw new DeliveryOutcomeUnknownError(`Webhook: uitkomst onbekend (${what}).`, { cause: error });
    }
    // Read (at most MAX_ANSWER_BYTES of) the body; its content is only used for an external id.
    const text = await readCapped(response, MAX_ANSWER_BYTES).catch(() => '');
    if (response.status >= 300 && response.status < 400) {
      throw new Error(
        `Webhook antwoordde met een doorverwijzing (${response.status}); die wordt niet gevolgd. Zet VISIELEREN_WEBHOOK_URL op het eindadres.`,
      );
    }
    if (response.status === 429) {
      throw new RateLimitError(
        'Webhook: te veel verzoeken (429).',
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    if (!response.ok) {
      throw new Error(`Webhook antwoordde met status ${response.status}.`);
    }
    let externalId: string | undefined;
    try {
      const parsed = JSON.parse(text) as { id?: unknown };
      if (typeof parsed.id === 'string' && parsed.id.length <= 200) externalId = parsed.id;
    } catch {
      // A receiver does not have to answer JSON.
    }
    return externalId === undefined ? {} : { externalId };
  }

  return {
    channel: WEBHOOK_CHANNEL,
    deliver: (reminder, signal): Promise<DeliveryReceipt> => post(reminder, signal, false),
    confirm: (reminder, signal): Promise<DeliveryReceipt | undefined> => post(reminder, signal, true),
  };
}
