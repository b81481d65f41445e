import { LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { Logger } from '@visieleren/core';

/**
 * The Web API clients. The SDK's default retries for about half an hour (`tenRetriesInAboutThirtyMinutes`)
 * and re-sends a post whose answer was lost; here every request has a timeout, reads and views retry a few
 * times within seconds, and posts are never retried by the SDK: `SlackPoster` decides, after looking in the
 * channel's history for the message's key.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Reads, views, lookups: three retries, 0.5 s doubling to at most 4 s (well under a minute in all). */
export const READ_RETRY_POLICY = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 4000,
  randomize: true,
};
/** Posts: no retry inside the SDK; a 429 comes back at once as a typed error with its Retry-After. */
export const POST_RETRY_POLICY = { retries: 0 };

export interface SlackClients {
  /** Idempotent calls: reads, lookups, views.open/publish/update. */
  api: WebClient;
  /** Calls that create something visible: chat.postMessage, chat.update, file uploads. */
  post: WebClient;
}

export interface SlackClientOptions {
  token: string;
  apiUrl: string;
  logger: Logger;
  timeoutMs?: number;
}

/** Bridges the SDK's logger to ours, at warn level: the SDK logs request bodies (personal data) at debug. */
function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) => logger.warn('slack-sdk', { detail: messages.map(String).join(' ') }),
    error: (...messages: unknown[]) => logger.error('slack-sdk', { detail: messages.map(String).join(' ') }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function webClientOptions(options: SlackClientOptions, kind: keyof SlackClients) {
  return {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    retryConfig: kind === 'post' ? POST_RETRY_POLICY : READ_RETRY_POLICY,
    rejectRateLimitedCalls: kind === 'post',
    logger: slackLogger(options.logger),
    logLevel: LogLevel.WARN,
  };
}

export function createSlackClients(options: SlackClientOptions): SlackClients {
  return {
    api: new WebClient(options.token, webClientOptions(options, 'api')),
    post: new WebClient(options.token, webClientOptions(options, 'post')),
  };
}
