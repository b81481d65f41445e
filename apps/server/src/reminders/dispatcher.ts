import {
  type Clock,
  DeliveryOutcomeUnknownError,
  type DeliveryReceipt,
  type Logger,
  type Notifier,
  type OutgoingReminder,
  RateLimitError,
  RecipientGoneError,
} from '@visieleren/core';
import type { ClaimedDelivery, ReminderDelivery, ReminderOutbox } from '@visieleren/store';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { createPacer, interleaveByAddress, type Pacer } from './pacer.js';
import type { ReminderSource, ReminderTick } from './reminder-source.js';

export interface RecordingRetryPolicy {
  /** Tries of one recording (markSent and friends) before giving up; the lease then decides. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface DispatcherConfig {
  outbox: ReminderOutbox;
  /** What is due, who receives it where, and whether a retry's reason still holds (read once per run). */
  source: ReminderSource;
  notifiers: readonly Notifier[];
  /** The instance's clock decides only what core finds due; leases and retries use the database's. */
  clock: Clock;
  logger: Logger;
  /** How long a claim is ours. The notifier's signal fires before it ends (see `recordingReserveMs`). */
  leaseMs: number;
  /** Attempts after which a failure is final (logged at error level, shown by `visieleren reminders due`). */
  maxAttempts: number;
  backoff?: BackoffPolicy;
  /** Deliveries in flight at once within one run. */
  concurrency?: number;
  random?: () => number;
  /** Of the lease, the part kept for recording the outcome: the send is aborted this long before it ends. */
  recordingReserveMs?: number;
  recordingRetry?: RecordingRetryPolicy;
  /** Rows taken on per run (the rest waits for the next run). */
  batchSize?: number;
}

export interface DispatchReport {
  due: number;
  /** Deliveries tried this run that were not fresh (failed, ambiguous, a lease taken over). */
  retries: number;
  sent: number;
  /** Confirmed by the platform as landed after an unknown outcome, without sending again. */
  confirmed: number;
  failed: number;
  finalFailures: number;
  ambiguous: number;
  noChannel: number;
  notApplicable: number;
  verlopen: number;
  vervallen: number;
  /** Rows another instance (or an earlier run) already held or finished. */
  skipped: number;
  /** Sends that worked but whose recording failed every try (the lease and `confirm` take over). */
  unrecorded: number;
}

const emptyReport = (): DispatchReport => ({
  due: 0,
  retries: 0,
  sent: 0,
  confirmed: 0,
  failed: 0,
  finalFailures: 0,
  ambiguous: 0,
  noChannel: 0,
  notApplicable: 0,
  verlopen: 0,
  vervallen: 0,
  skipped: 0,
  unrecorded: 0,
});

const DEFAULT_RECORDING_RETRY: RecordingRetryPolicy = { attempts: 8, baseMs: 250, maxMs: 4_000 };

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` over `items`, at most `limit` at a time, and settles only when every item has: a failing item
 * never leaves the others running unawaited (which would let `stop()` close the store under them).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<unknown[]> {
  let next = 0;
  const errors: unknown[] = [];
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  });
  await Promise.all(workers);
  return errors;
}

type Outcome =
  | { kind: 'sent'; receipt: DeliveryReceipt; confirmed: boolean }
  | { kind: 'ambiguous'; error: string }
  | { kind: 'failed'; error: string; retryInMs: number | undefined; final: 'gone' | 'attempts' | undefined };

/**
 * The reminder dispatcher. Each run: core's due reminders are resolved to recipients per channel and recorded
 * in the outbox (one row per key, channel and recipient; `verlopen` or `niet-van-toepassing` at once where that
 * applies); then every row with work is paced, claimed, re-checked against core, delivered with a signal that
 * fires before the lease ends, and its outcome recorded in a separate, retried step: a send the platform
 * accepted is never repeated because its recording failed.
 */
export function createReminderDispatcher(config: DispatcherConfig) {
  const backoff = config.backoff ?? DEFAULT_BACKOFF;
  const concurrency = config.concurrency ?? 8;
  const random = config.random ?? Math.random;
  const recordingRetry = config.recordingRetry ?? DEFAULT_RECORDING_RETRY;
  const reserveMs = Math.min(config.recordingReserveMs ?? 2_000, Math.floor(config.leaseMs / 4));
  const byChannel = new Map(config.notifiers.map((notifier) => [notifier.channel as string, notifier]));
  const pacers = new Map<string, Pacer>();
  for (const notifier of config.notifiers) {
    if (notifier.pacing) pacers.set(notifier.channel, createPacer(notifier.pacing));
  }
  const confirmChannels = config.notifiers.filter((notifier) => notifier.confirm).map((n) => n.channel);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DispatchReport> | undefined;
  let stopping = new AbortController();
  let warnedNoChannel = false;

  /** Records an outcome, retried with backoff: the database may be away for a moment right after a send. */
  async function record(
    what: string,
    write: () => Promise<boolean>,
    log: Logger,
    report: DispatchReport,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await write();
        if (!applied)
          log.warn(`herinnering: vastleggen als ${what} niet toegepast; de claim is niet meer de onze`);
        return applied;
      } catch (error) {
        if (attempt >= recordingRetry.attempts) {
          if (what === 'verstuurd') report.unrecorded++;
          log.error(`herinnering: vastleggen als ${what} mislukt na ${attempt} pogingen`, {
            error: describe(error),
          });
          return false;
        }
        log.warn(`herinnering: vastleggen als ${what} mislukt; opnieuw`, { error: describe(error), attempt });
        await sleep(Math.min(recordingRetry.maxMs, recordingRetry.baseMs * 2 ** (attempt - 1)));
      }
    }
  }

  function classify(
    error: unknown,
    aborted: boolean,
    claim: ClaimedDelivery,
    pacer: Pacer | undefined,
  ): Outcome {
    if (aborted) {
      return { kind: 'ambiguous', error: 'Afgebroken bij het einde van de claim; mogelijk verstuurd.' };
    }
    if (error instanceof DeliveryOutcomeUnknownError) return { kind: 'ambiguous', error: describe(error) };
    if (error instanceof RecipientGoneError) {
      return { kind: 'failed', error: describe(error), retryInMs: undefined, final: 'gone' };
    }
    if (claim.attempts >= config.maxAttempts) {
      return { kind: 'failed', error: describe(error), retryInMs: undefined, final: 'attempts' };
    }
    if (error instanceof RateLimitError) {
      const wait = Math.max(error.retryAfterMs, 1000);
      pacer?.pause(claim.recipient, wait);
      return { kind: 'failed', error: describe(error), retryInMs: wait, final: undefined };
    }
    return {
      kind: 'failed',
      error: describe(error),
      retryInMs: backoffDelay(claim.attempts, backoff, random),
      final: undefined,
    };
  }

  async function attempt(
    notifier: Notifier,
    claim: ClaimedDelivery,
    outgoing: OutgoingReminder,
    deadline: number,
  ) {
    const remaining = Math.max(0, Math.floor(deadline - performance.now()));
    const signal = AbortSignal.timeout(remaining);
    const pacer = pacers.get(notifier.channel);
    // A lease that expired unrecorded, or an unknown outcome: an earlier call may have landed. Ask first.
    if (claim.previousState === 'claimed' || claim.previousState === 'ambiguous') {
      if (!notifier.confirm)
        return { kind: 'ambiguous', error: 'Uitkomst onbekend; het kanaal kan het niet nagaan.' } as const;
      try {
        const receipt = await notifier.confirm(outgoing, signal);
        if (receipt) return { kind: 'sent', receipt, confirmed: true } as const;
      } catch (error) {
        return classify(error, signal.aborted, claim, pacer);
      }
    }
    try {
      const receipt = await notifier.deliver(outgoing, signal);
      return { kind: 'sent', receipt, confirmed: false } as const;
    } catch (error) {
      return classify(error, signal.aborted, claim, pacer);
    }
  }

  async function deliver(row: ReminderDelivery, tick: ReminderTick, report: DispatchReport): Promise<void> {
    const notifier = byChannel.get(row.channel);
    if (!notifier) return;
    const pacer = pacers.get(row.channel);
    try {
      await pacer?.acquire(row.recipient, stopping.signal);
    } catch {
      report.skipped++; // stopping: not claimed, so nothing to give back
      return;
    }
    // The deadline is measured from before the claim statement: the database's now() (the lease's start)
    // comes after it, so the signal fires no later than the lease ends, whatever this machine's clock says.
    const claimStarted = performance.now();
    let claim: ClaimedDelivery | undefined;
    try {
      claim = await config.outbox.claim(row, {
        leaseMs: config.leaseMs,
        maxAttempts: config.maxAttempts,
        confirmable: notifier.confirm !== undefined,
      });
    } catch (error) {
      config.logger.warn('herinnering niet geclaimd: database-fout; de volgende ronde probeert opnieuw', {
        key: row.key,
        channel: row.channel,
        error: describe(error),
      });
      report.skipped++;
      return;
    }
    if (!claim) {
      report.skipped++;
      return;
    }
    if (claim.previousState !== 'pending') report.retries++;
    const deadline = claimStarted + config.leaseMs - reserveMs;
    const log = config.logger.child({ key: claim.key, channel: claim.channel, attempt: claim.attempts });

    // Core again: a retry whose reason is gone (session moved, item ticked, traject closed) is not sent.
    const check = tick.check(claim.intent);
    if (!check.holds) {
      if (
        await record('vervallen', () => config.outbox.markVervallen(claim.claim, check.reason), log, report)
      ) {
        report.vervallen++;
        log.info('herinnering vervallen', { reason: check.reason });
      }
      return;
    }
    const outgoing: OutgoingReminder = {
      intent: check.intent,
      recipient: {
        channel: notifier.channel,
        address: claim.recipient,
        kind: (claim.recipientKind ?? 'endpoint') as OutgoingReminder['recipient']['kind'],
        ...(claim.participantId ? { participantId: claim.participantId } : {}),
      },
      deliveryKey: claim.deliveryKey,
      attempt: claim.attempts,
    };
    const outcome = await attempt(notifier, claim, outgoing, deadline);
    const { claim: fence } = claim;

    switch (outcome.kind) {
      case 'sent':
        if (
          await record(
            'verstuurd',
            () => config.outbox.markSent(fence, outcome.receipt.externalId),
            log,
            report,
          )
        ) {
          if (outcome.confirmed) report.confirmed++;
          else report.sent++;
          log.info(outcome.confirmed ? 'herinnering was al aangekomen (bevestigd)' : 'herinnering verstuurd');
        }
        return;
      case 'ambiguous': {
        // Looked at again later only when the notifier can confirm; otherwise it stays visible as it is.
        const retryInMs =
          notifier.confirm && claim.attempts < config.maxAttempts
            ? backoffDelay(claim.attempts, backoff, random)
            : undefined;
        if (
          await record(
            'onzeker',
            () => config.outbox.markAmbiguous(fence, outcome.error, retryInMs),
            log,
            report,
          )
        ) {
          report.ambiguous++;
          log.warn('herinnering mogelijk verstuurd (uitkomst onbekend); niet blind opnieuw verstuurd', {
            error: outcome.error,
            confirmLater: retryInMs !== undefined,
          });
        }
        return;
      }
      case 'failed': {
        if (
          !(await record(
            'mislukt',
            () => config.outbox.markFailed(fence, outcome.error, outcome.retryInMs),
            log,
            report,
          ))
        ) {
          return;
        }
        if (outcome.final) {
          report.finalFailures++;
          log.error(
            outcome.final === 'gone'
              ? 'herinnering definitief mislukt: de ontvanger bestaat niet meer op het kanaal'
              : 'herinnering definitief mislukt na de laatste poging',
            { error: outcome.error, attempts: claim.attempts },
          );
        } else {
          report.failed++;
          log.warn('herinnering mislukt; volgende poging gepland', {
            error: outcome.error,
            retryInMs: outcome.retryInMs,
          });
        }
        return;
      }
    }
  }

  async function runOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    const now = config.clock.now();
    const tick = await config.source.load(now);
    report.due = tick.due.length;

    if (config.notifiers.length === 0) {
      await config.outbox.recordNoChannelMany(tick.due);
      report.noChannel = tick.due.length;
      if (tick.due.length > 0) {
        // Warn once per process; every later run records the same reminders again (idempotently).
        const log = warnedNoChannel ? config.logger.debug : config.logger.warn;
        log.call(config.logger, 'herinneringen zonder kanaal vastgelegd ("geen kanaal")', {
          count: tick.due.length,
        });
        warnedNoChannel = true;
      }
      return report;
    }

    const entries = tick.due.flatMap((intent) =>
      config.notifiers.flatMap((notifier) => {
        const timelyUntil = tick.timelyUntil(intent);
        const recipients = tick.recipients(intent, notifier.channel);
        if (recipients.length === 0) return [{ intent, channel: notifier.channel, timelyUntil }];
        return recipients.map((recipient) => ({ intent, channel: notifier.channel, recipient, timelyUntil }));
      }),
    );
    const recorded = await config.outbox.enqueue(entries, { now });
    report.verlopen = recorded.verlopen;
    report.notApplicable = recorded.nietVanToepassing;

    const rows = await config.outbox.listDue({
      maxAttempts: config.maxAttempts,
      limit: config.batchSize ?? 1000,
      channels: [...byChannel.keys()],
      confirmChannels,
    });
    const work = interleaveByAddress(rows, (row) => `${row.channel}\u0000${row.recipient}`);
    const errors = await forEachLimited(work, concurrency, (row) => deliver(row, tick, report));
    for (const error of errors) {
      config.logger.error('herinnering: onverwachte fout bij het bezorgen', { error: describe(error) });
    }
    return report;
  }

  function logRunFailure(error: unknown): void {
    config.logger.error('herinneringsronde mislukt; volgende ronde probeert opnieuw', {
      error: describe(error),
    });
  }

  function schedule(intervalMs: number): void {
    if (stopping.signal.aborted) return;
    timer = setTimeout(async () => {
      await dispatcher.runOnce().catch(logRunFailure);
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
      if (stopping.signal.aborted) stopping = new AbortController();
      void dispatcher
        .runOnce()
        .catch(logRunFailure)
        .finally(() => schedule(intervalMs));
    },
    /**
     * Stops scheduling, drops work still waiting for its pacing slot (not claimed yet), and waits until every
     * delivery in flight has been sent and recorded: only then may the store be closed.
     */
    async stop(): Promise<void> {
      stopping.abort();
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
  };
  return dispatcher;
}

export type ReminderDispatcher = ReturnType<typeof createReminderDispatcher>;
