export interface BackoffPolicy {
  /** Delay before the second attempt. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so instances that failed
 * together (a receiver that was down) do not all retry in the same second. `attempt` is 1 after the first try.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
