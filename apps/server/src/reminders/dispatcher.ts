import {
  type Clock,
  DeliveryOutcomeUnknownError,
  type Logger,
  type Notifier,
  RateLimitError,
  type ReminderIntent,
} from '@visieleren/core';
import type { ReminderDelivery, ReminderOutbox } from '@visieleren/store';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

export interface DispatcherConfig {
  outbox: ReminderOutbox;
  /** What core says is due at `now` (loads the open trajects and calls `dueReminders`). */
  computeDue(now: Date): Promise<ReminderIntent[]>;
  notifiers: readonly Notifier[];
  clock: Clock;
  logger: Logger;
  /** How long a claim is ours; must outlast one delivery (the notifier's timeout). */
  leaseMs: number;
  /** Attempts after which a failure is final (logged at error level, shown by `visieleren reminders due`). */
  maxAttempts: number;
  backoff?: BackoffPolicy;
  /** Deliveries in flight at once within one run. */
  concurrency?: number;
  random?: () => number;
}

export interface DispatchReport {
  due: number;
  retries: number;
  sent: number;
  failed: number;
  finalFailures: number;
  ambiguous: number;
  noChannel: number;
  /** Claims another instance (or an earlier run) already holds or finished. */
  skipped: number;
}

interface Job {
  intent: ReminderIntent;
  notifier: Notifier;
}

function emptyReport(): DispatchReport {
  return { due: 0, retries: 0, sent: 0, failed: 0, finalFailures: 0, ambiguous: 0, noChannel: 0, skipped: 0 };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

/**
 * The reminder dispatcher: every run, due reminders (and retries) are claimed in the outbox, delivered by
 * each notifier and recorded as sent / failed (with backoff) / ambiguous. Claims are atomic across
 * instances, so N servers on one database deliver each (key, channel) once; a crashed instance's claims are
 * taken over when their lease expires.
 */
export function createReminderDispatcher(config: DispatcherConfig) {
  const backoff = config.backoff ?? DEFAULT_BACKOFF;
  const concurrency = config.concurrency ?? 8;
  const random = config.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DispatchReport> | undefined;
  let stopped = false;
  let warnedNoChannel = false;

  async function deliver(job: Job, report: DispatchReport): Promise<void> {
    const { intent, notifier } = job;
    const claim = await config.outbox.claim(intent, notifier.channel, {
      leaseMs: config.leaseMs,
      // The lease starts now, not when the run started: a long run must not hand out leases already expired.
      now: config.clock.now(),
      maxAttempts: config.maxAttempts,
    });
    if (!claim) {
      report.skipped++;
      return;
    }
    const log = config.logger.child({ key: intent.key, channel: notifier.channel, attempt: claim.attempts });
    try {
      const receipt = await notifier.deliver(claim.intent);
      await config.outbox.markSent(intent.key, notifier.channel, receipt.externalId);
      report.sent++;
      log.info('herinnering verstuurd');
    } catch (error) {
      await recordFailure(claim, notifier, error, report, log);
    }
  }

  async function recordFailure(
    claim: ReminderDelivery,
    notifier: Notifier,
    error: unknown,
    report: DispatchReport,
    log: Logger,
  ): Promise<void> {
    const { key } = claim;
    if (error instanceof DeliveryOutcomeUnknownError) {
      await config.outbox.markAmbiguous(key, notifier.channel, describe(error));
      report.ambiguous++;
      log.warn('herinnering mogelijk verstuurd (uitkomst onbekend); niet opnieuw geprobeerd', {
        error: describe(error),
      });
      return;
    }
    if (claim.attempts >= config.maxAttempts) {
      await config.outbox.markFailed(key, notifier.channel, describe(error), undefined);
      report.finalFailures++;
      log.error('herinnering definitief mislukt na de laatste poging', {
        error: describe(error),
        attempts: claim.attempts,
      });
      return;
    }
    const delay =
      error instanceof RateLimitError
        ? Math.max(error.retryAfterMs, 1000)
        : backoffDelay(claim.attempts, backoff, random);
    const nextAttemptAt = new Date(config.clock.now().getTime() + delay);
    await config.outbox.markFailed(key, notifier.channel, describe(error), nextAttemptAt);
    report.failed++;
    log.warn('herinnering mislukt; volgende poging gepland', {
      error: describe(error),
      nextAttemptAt: nextAttemptAt.toISOString(),
    });
  }

  async function runOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    const now = config.clock.now();
    const due = await config.computeDue(now);
    report.due = due.length;

    if (config.notifiers.length === 0) {
      for (const intent of due) await config.outbox.recordNoChannel(intent);
      report.noChannel = due.length;
      if (due.length > 0) {
        // Warn once per process; every later run records the same reminders again (idempotently).
        const log = warnedNoChannel ? config.logger.debug : config.logger.warn;
        log.call(config.logger, 'herinneringen zonder kanaal vastgelegd ("geen kanaal")', {
          count: due.length,
        });
        warnedNoChannel = true;
      }
      return report;
    }

    const jobs: Job[] = [];
    const seen = new Set<string>();
    for (const intent of due) {
      for (const notifier of config.notifiers) {
        seen.add(`${notifier.channel}\u0000${intent.key}`);
        jobs.push({ intent, notifier });
      }
    }
    // Retries whose reminder is no longer computed as due (its window passed) still get their next attempt.
    const byChannel = new Map(config.notifiers.map((notifier) => [notifier.channel, notifier]));
    for (const row of await config.outbox.listDue(now, { maxAttempts: config.maxAttempts, limit: 1000 })) {
      const notifier = byChannel.get(row.channel);
      if (!notifier || seen.has(`${row.channel}\u0000${row.key}`)) continue;
      seen.add(`${row.channel}\u0000${row.key}`);
      jobs.push({ intent: row.intent, notifier });
      report.retries++;
    }
    await forEachLimited(jobs, concurrency, (job) => deliver(job, report));
    return report;
  }

  function schedule(intervalMs: number): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      await dispatcher.runOnce().catch((error: unknown) => {
        config.logger.error('herinneringsronde mislukt; volgende ronde probeert opnieuw', {
          error: describe(error),
        });
      });
      schedule(intervalMs);
    }, intervalMs);
  }

  const dispatcher = {
    /** One run; concurrent calls share the run in progress instead of overlapping. */
    runOnce(): Promise<DispatchReport> {
      if (!running) {
        running = runOnce().finally(() => {
          running = undefined;
        });
      }
      return running;
    },
    /** Runs now, then every `intervalMs` after the previous run finished. */
    start(intervalMs: number): void {
      stopped = false;
      void dispatcher
        .runOnce()
        .catch((error: unknown) => {
          config.logger.error('herinneringsronde mislukt; volgende ronde probeert opnieuw', {
            error: describe(error),
          });
        })
        .finally(() => schedule(intervalMs));
    },
    /** Stops scheduling and waits for the deliveries in flight to be recorded. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
  };
  return dispatcher;
}

export type ReminderDispatcher = ReturnType<typeof createReminderDispatcher>;
