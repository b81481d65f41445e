/**
 * Spaces sends so Teams never has to throttle us (docs/platform-limits.md §3.3): one message per conversation every
 * `perConversationMs` (2 s: far under 7/s, 8/2 s, 60/30 s and 1,800/h) and at most `perTenantPerSecond` (50)
 * over all conversations of one tenant. Reservations are made synchronously, so concurrent callers queue
 * fairly; a 429's Retry-After pushes the conversation's next slot back.
 */
export interface PacerOptions {
  perConversationMs: number;
  perTenantPerSecond: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class SendAbortedError extends Error {
  constructor() {
    super('Het verzenden is afgebroken voordat het bericht vertrok.');
    this.name = 'SendAbortedError';
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SendAbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SendAbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Teams counts requests as they arrive; ours leave a little unevenly (a busy event loop fires several late
 * timers at once, and network latency varies), so the tenant window is kept at 90% of the limit.
 */
const TENANT_SAFETY = 0.9;

export class Pacer {
  private readonly nextForConversation = new Map<string, number>();
  private readonly nextForTenant = new Map<string, number>();
  /** When sends actually left, per tenant, for the last second. */
  private readonly startsForTenant = new Map<string, number[]>();
  private readonly tenantWindowMax: number;
  private readonly tenantSpacingMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    // One millisecond of margin: timers may fire a little early, and 50 evenly spaced sends must never become 51.
    this.tenantSpacingMs = 1000 / options.perTenantPerSecond + 1;
    this.tenantWindowMax = Math.max(1, Math.floor(options.perTenantPerSecond * TENANT_SAFETY));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Waits for this conversation's and tenant's next free slot, then returns (the caller sends at once). */
  async acquire(conversation: string, tenant: string, signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const conversationSlot = Math.max(now, this.nextForConversation.get(conversation) ?? 0);
    const slot = Math.max(conversationSlot, this.nextForTenant.get(tenant) ?? 0);
    this.nextForConversation.set(conversation, slot + this.options.perConversationMs);
    this.nextForTenant.set(tenant, slot + this.tenantSpacingMs);
    if (slot > now) await this.sleep(slot - now, signal);
  }

  /**
   * Just before the request goes on the wire: late timers and a busy event loop can release several sends at
   * once, so the tenant's last second is counted here, where Teams will count it.
   */
  async admit(tenant: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const current = this.now();
      const starts = (this.startsForTenant.get(tenant) ?? []).filter((start) => start > current - 1000);
      if (starts.length < this.tenantWindowMax) {
        starts.push(current);
        this.startsForTenant.set(tenant, starts);
        return;
      }
      this.startsForTenant.set(tenant, starts);
      await this.sleep((starts[0] ?? current) + 1000 - current + 1, signal);
    }
  }

  /** After a 429: nothing more to this conversation before Retry-After has passed. */
  backOff(conversation: string, ms: number): void {
    const until = this.now() + ms;
    this.nextForConversation.set(
      conversation,
      Math.max(this.nextForConversation.get(conversation) ?? 0, until),
    );
  }

  /** The minimum time the limits allow for `perConversation` messages to each of `conversations`. */
  static minimumMs(
    conversations: number,
    perConversation: number,
    options: Pick<PacerOptions, 'perConversationMs' | 'perTenantPerSecond'>,
  ): number {
    const byConversation = (perConversation - 1) * options.perConversationMs;
    const byTenant = ((conversations * perConversation - 1) * 1000) / options.perTenantPerSecond;
    return Math.max(byConversation, byTenant);
  }
}

/** Teams' numbers (docs/platform-limits.md §3.3), as our pacing uses them. */
export const TEAMS_PACING = { perConversationMs: 2000, perTenantPerSecond: 50 } as const;
