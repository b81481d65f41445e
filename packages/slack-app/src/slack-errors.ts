import { ErrorCode } from '@slack/web-api';

/** What a failed Web API call means for whoever sent it. */
export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'gone'; code: string }
  /** The request may have reached Slack (timeout, abort, connection lost, 5xx): it may have landed. */
  | { kind: 'ambiguous'; detail: string }
  | { kind: 'refused'; code: string };

/** Platform errors after which the recipient will never accept a message again. */
const GONE = new Set([
  'channel_not_found',
  'is_archived',
  'user_not_found',
  'account_inactive',
  'not_in_channel',
  'user_disabled',
  'cannot_dm_bot',
]);

export function classifySlackError(error: unknown): SlackFailure {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
  };
  switch (coded?.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError: {
      const code = coded.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { kind: 'rate-limited', retryAfterMs: 1000 };
      if (GONE.has(code)) return { kind: 'gone', code };
      return { kind: 'refused', code };
    }
    case ErrorCode.HTTPError:
      return (coded.statusCode ?? 500) >= 500
        ? { kind: 'ambiguous', detail: `HTTP ${coded.statusCode}` }
        : { kind: 'refused', code: `http_${coded.statusCode}` };
    case ErrorCode.RequestError:
      return { kind: 'ambiguous', detail: 'verbinding verbroken of time-out' };
    default:
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        return { kind: 'ambiguous', detail: 'afgebroken' };
      }
      return {
        kind: 'refused',
        code: error instanceof Error ? error.message.slice(0, 100) : 'unknown_error',
      };
  }
}

/** Never log a Slack error whole: it carries the request body. Only its code and kind. */
export function describeFailure(failure: SlackFailure): string {
  switch (failure.kind) {
    case 'rate-limited':
      return `rate limited (${failure.retryAfterMs} ms)`;
    case 'gone':
    case 'refused':
      return failure.code;
    case 'ambiguous':
      return failure.detail;
  }
}
