/**
 * What went wrong talking to the Bot Connector, without SDK types: the notifier maps these onto core's
 * delivery errors.
 */

/** The connector answered with an HTTP error status. */
export class ConnectorHttpError extends Error {
  readonly status: number;
  /** From `Retry-After` (seconds or an HTTP date), when the connector sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, retryAfterMs: number | undefined) {
    super(`De Bot Connector antwoordde met HTTP ${status}.`);
    this.name = 'ConnectorHttpError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The request never left (connection refused, unknown host): safe to retry. */
export class ConnectorUnreachableError extends Error {
  constructor(cause: unknown) {
    super('De Bot Connector is niet bereikbaar.', { cause });
    this.name = 'ConnectorUnreachableError';
  }
}

/** The request left but no answer came in time (timeout, abort, connection cut): it may have landed. */
export class ConnectorNoAnswerError extends Error {
  constructor(cause: unknown) {
    super('De Bot Connector gaf geen antwoord; het bericht is misschien wel aangekomen.', { cause });
    this.name = 'ConnectorNoAnswerError';
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
