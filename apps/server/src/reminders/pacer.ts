import type { PacingPolicy } from '@visieleren/core';

/**
 * Spaces sends on one channel so a burst of reminders (300 trajects due at 09:00) meets no 429 storm
 * (PLATFORM-LIMITS.md: Teams ≤ 0.5 msg/s sustained per conversation and 50 RPS per app per tenant; Slack
 * ≤ 1 msg/s per channel). Two limits at once:
 * - per recipient address: at least `perRecipientIntervalMs` between two sends to one conversation/channel;
 * - per channel: a token bucket (GCRA form) of `perChannelPerSecond` with a burst of one second's worth.
 *
 * Hand-written instead of `bottleneck`/`p-limit`: neither is installed (and installing is not allowed here),
 * and what is needed is a reservation ("send at t"), which GCRA gives in a few lines without timers per
 * bucket. The limits are per process: N instances together may send N times as fast, which the vendors'
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

export function createPacer(policy: PacingPolicy, options: PacerOptions = {}): Pacer {
  const now = options.now ?? (() => performance.now());
  const interval = 1000 / Math.max(policy.perChannelPerSecond, 0.001);
  // A burst of one second's worth of sends (at least one).
  const tolerance = Math.max(0, Math.floor(policy.perChannelPerSecond) - 1) * interval;
  let theoreticalArrival = 0;
  let channelPausedUntil = 0;
  const nextForAddress = new Map<string, number>();

  function reserve(address: string): number {
    const at = now();
    if (nextForAddress.size > 10_000) {
      for (const [key, next] of nextForAddress) if (next < at - FORGET_AFTER_MS) nextForAddress.delete(key);
    }
    const start = Math.max(
      at,
      channelPausedUntil,
      nextForAddress.get(address) ?? 0,
      theoreticalArrival - tolerance,
    );
    theoreticalArrival = Math.max(theoreticalArrival, start) + interval;
    nextForAddress.set(address, start + policy.perRecipientIntervalMs);
    return start - at;
  }

  return {
    async acquire(address, signal) {
      signal?.throwIfAborted();
      const wait = reserve(address);
      if (wait <= 0) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
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
