import { createHash } from 'node:crypto';

/**
 * A token bucket per key (an API token, a form link), in this process's memory.
 *
 * Why our own and in memory: the project adds no dependency for twenty lines (express-rate-limit would be the
 * usual choice), and a limiter exists to stop a leaked token or link from flooding the store, which a limit per
 * instance does: with N instances behind a load balancer a key gets at most N times the limit. Nothing here
 * touches the database, so a flood costs no queries.
 */
export interface RateLimit {
  /** Requests a key may make at once (the bucket's size). */
  burst: number;
  /** Requests a key gets back per minute. */
  perMinute: number;
}

export interface RateLimiter {
  /** Takes one request for `key`: undefined when allowed, else the milliseconds until the next one is. */
  take(key: string): number | undefined;
}

/** Writes per API token; generous for people and scripts, low enough that a flood is stopped within seconds. */
export const DEFAULT_API_WRITE_LIMIT: RateLimit = { burst: 60, perMinute: 120 };
/** Posts per form link: a person submits a form a few times at most. */
export const DEFAULT_FORM_POST_LIMIT: RateLimit = { burst: 10, perMinute: 10 };

/** Keys never forgotten while full would let random keys grow memory without bound; past this, full buckets go. */
const MAX_KEYS = 10_000;

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = limit.perMinute / 60_000;

  const level = (bucket: { tokens: number; at: number }, time: number) =>
    Math.min(limit.burst, bucket.tokens + (time - bucket.at) * refillPerMs);

  function prune(time: number): void {
    for (const [key, bucket] of buckets) if (level(bucket, time) >= limit.burst) buckets.delete(key);
    // Still too many: the oldest go (a Map iterates in insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS) break;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? level(bucket, time) : limit.burst;
      if (tokens < 1) return Math.ceil((1 - tokens) / refillPerMs);
      if (!bucket && buckets.size >= MAX_KEYS) prune(time);
      buckets.set(key, { tokens: tokens - 1, at: time });
      return undefined;
    },
  };
}

/** Keys are hashes: the limiter's memory never holds a token or a form link itself. */
export function limiterKey(kind: string, secret: string): string {
  return `${kind}:${createHash('sha256').update(secret).digest('base64url').slice(0, 22)}`;
}

/** Retry-After in whole seconds, at least 1. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
