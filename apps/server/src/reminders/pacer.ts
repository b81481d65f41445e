import type { PacingPolicy } from '@visieleren/core';

/**
 * Spaces sends on one channel so a burst of reminders (300 trajects due at 09:00) meets no 429 storm
 * (docs/platform-limits.md: Teams ≤ 0.5 msg/s sustained per conversation and 50 RPS per app per tenant; Slack
 * ≤ 1 msg/s per channel). Two limits at once:
 * - per recipient address: at least `perRecipientIntervalMs` between two sends to one conversation/channel;
 * - per channel: `perChannelPerSecond`, as a token bucket of size one: sends at least 1/rate apart, no burst,
 *   so no second ever holds more than the limit.
 *
 * Hand-written instead of `bottleneck`/`p-limit`: neither is installed (and installing is not allowed here),
 * and the whole need (two spacings, a pause after a 429, an abort when the dispatcher stops) fits in a few
 * lines. The limits are per process: N instances together may send N times as fast, which the vendors'
 * Retry-After (honoured through `pause`) absorbs.
 */
export interface Pacer {
  /** Waits until a send to `address` is allowed and reserves it. Rejects with the signal's reason when aborted. */
  acquire(address: string, signal?: AbortSignal): Promise<void>;
  /** After a 429: nothing to `address` (or, without one, on the whole channel) for `ms`. */
  pause(address: string | undefined, ms: number): void;
}

export interface PacerOptions {
  /** Monotonic milliseconds; `performance.now` by default. */
  now?: () => number;
}

/** Entries older than this are forgotten, so the map of addresses does not grow without end. */
const FORGET_AFTER_MS = 60_000;

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.ceil(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createPacer(policy: PacingPolicy, options: PacerOptions = {}): Pacer {
  const now = options.now ?? (() => performance.now());
  const interval = 1000 / Math.max(policy.perChannelPerSecond, 0.001);
  let lastGrant = Number.NEGATIVE_INFINITY;
  let channelPausedUntil = 0;
  const nextForAddress = new Map<string, number>();

  function forgetOld(at: number): void {
    if (nextForAddress.size <= 10_000) return;
    for (const [key, next] of nextForAddress) if (next < at - FORGET_AFTER_MS) nextForAddress.delete(key);
  }

  return {
    async acquire(address, signal) {
      // Granted at the moment it is actually free, never ahead: when the event loop stalls and several waiters
      // wake at once, only one goes and the others wait their interval again, so no second ever holds more.
      for (;;) {
        signal?.throwIfAborted();
        const at = now();
        forgetOld(at);
        const ready = Math.max(nextForAddress.get(address) ?? 0, lastGrant + interval, channelPausedUntil);
        if (ready <= at) {
          lastGrant = at;
          nextForAddress.set(address, at + policy.perRecipientIntervalMs);
          return;
        }
        await wait(ready - at, signal);
      }
    },
    pause(address, ms) {
      const until = now() + ms;
      if (address === undefined) channelPausedUntil = Math.max(channelPausedUntil, until);
      else nextForAddress.set(address, Math.max(nextForAddress.get(address) ?? 0, until));
    },
  };
}

/** Orders work so consecutive sends go to different addresses: a conversation's second message waits its turn. */
export function interleaveByAddress<T>(items: readonly T[], addressOf: (item: T) => string): T[] {
  const queues = new Map<string, T[]>();
  for (const item of items) {
    const address = addressOf(item);
    const queue = queues.get(address);
    if (queue) queue.push(item);
    else queues.set(address, [item]);
  }
  const ordered: T[] = [];
  for (let round = 0; ordered.length < items.length; round++) {
    for (const queue of queues.values()) {
      const item = queue[round];
      if (item !== undefined) ordered.push(item);
    }
  }
  return ordered;
}
