import { createHash } from 'node:crypto';
import {
  isPermanentError,
  type JobDefinition,
  type JobOptions,
  type JobQueuePort,
  type Logger,
} from '@visieleren/core';
import type { JobDatabase } from '@visieleren/store';
import { fromPglite, PgBoss } from 'pg-boss';

/**
 * Background jobs on pg-boss 12, in the store's own database: the embedded PGlite instance (pg-boss's
 * `pglite` backend) or PostgreSQL (its own small pool). Plugins register JobDefinitions; anything may
 * enqueue. Jobs are durable: a job whose process died is retried after `expireInSeconds`.
 */

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobSummary {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  createdOn: string;
  /** Not run before this moment (a delayed job: a reminder, the next fetch of form answers). */
  startAfter?: string;
  startedOn?: string;
  completedOn?: string;
  /** The failure message of a failed job (no stack, no data: data may hold personal details). */
  error?: string;
}

export interface JobRunner extends JobQueuePort {
  /** Creates the queues and, unless `work` is false, starts working them in this process. */
  register(definitions: readonly JobDefinition[]): Promise<void>;
  list(filter?: { state?: JobState; name?: string; limit?: number }): Promise<JobSummary[]>;
  /** Puts a failed job back in the queue; false when no such failed job exists. */
  retry(id: string): Promise<boolean>;
  queueNames(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  database: JobDatabase;
  logger: Logger;
  /** False for the CLI: it lists and retries, it does not run other processes' work. */
  work?: boolean;
  /** How often an idle worker polls (default 5 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
}

const DEFAULT_RETRY_LIMIT = 3;
/** pg-boss keeps finished jobs this long; `dedupeKey` holds for as long. */
const KEEP_SECONDS = 7 * 24 * 3600;

/** A stable UUID for a dedupe key, so a second enqueue of the same work conflicts on the job id. */
export function dedupeJobId(name: string, key: string): string {
  const hex = createHash('sha256').update(`${name}\u0000${key}`).digest('hex');
  // Version 5-shaped (name-based) UUID: the version and variant bits set, the rest from the hash.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function describeError(output: unknown): string | undefined {
  if (output === null || output === undefined) return undefined;
  if (typeof output === 'object' && 'message' in output && typeof output.message === 'string') {
    return output.message.slice(0, 500);
  }
  return String(JSON.stringify(output)).slice(0, 500);
}

export async function createJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { database, logger } = options;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({
          backend: 'pglite',
          db: fromPglite(database.client),
          schedule: false,
          useListenNotify: true,
        })
      : new PgBoss({
          connectionString: database.connectionString,
          max: 3,
          schedule: false,
          useListenNotify: true,
        });
  boss.on('error', (error: Error) => logger.error('takenwachtrij: fout', { error: error.message }));
  await boss.start();
  const registered = new Set<string>();

  async function ensureQueue(name: string, definition?: JobDefinition): Promise<void> {
    if (registered.has(name)) return;
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, {
        // One running at a time across instances, at most one more waiting: triggers coalesce.
        policy: definition?.exclusive ? 'stately' : 'standard',
        retryLimit: definition?.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryBackoff: true,
        retryDelay: 5,
        expireInSeconds: definition?.expireInSeconds ?? 900,
        deleteAfterSeconds: KEEP_SECONDS,
        // Wakes idle workers when a job arrives (LISTEN/NOTIFY; in-process on PGlite): Slack's work
        // starts right after the acknowledgement instead of at the next poll.
        notify: true,
      });
    }
    registered.add(name);
  }

  async function queueNames(): Promise<string[]> {
    return (await boss.getQueues()).map((queue) => queue.name).sort();
  }

  return {
    queueNames,

    async register(definitions) {
      for (const definition of definitions) {
        await ensureQueue(definition.name, definition);
        if (options.work === false) continue;
        await boss.work<Record<string, unknown>>(
          definition.name,
          {
            // New jobs wake the worker (NOTIFY); the poll finds retries, delayed jobs and jobs retried
            // from the CLI. On PGlite every poll shares the one connection, so not too often.
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5,
            notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 5,
            // Up to 10 jobs a fetch, fetched again at once while fetches come back full: a burst of
            // invites drains at database speed instead of one job per polling interval.
            batchSize: 10,
            burstWhenBatchFull: true,
            perJobResults: true,
          },
          async (batch) => {
            const results: Array<{
              id: string;
              status: 'completed' | 'failed' | 'deadletter';
              output?: object;
            }> = [];
            for (const job of batch) {
              const log = logger.child({ job: definition.name, jobId: job.id, attempt: job.retryCount + 1 });
              try {
                await definition.handler(job.data ?? {}, {
                  jobId: job.id,
                  signal: job.signal,
                  // The queue's limit (a job's own retryLimit is rare and not in the fetched row).
                  finalAttempt: job.retryCount >= (definition.retryLimit ?? DEFAULT_RETRY_LIMIT),
                });
                results.push({ id: job.id, status: 'completed' });
              } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                const permanent = isPermanentError(error);
                log.warn(permanent ? 'taak mislukt (niet opnieuw)' : 'taak mislukt', { error: message });
                // A permanent error (bad input, gone, not allowed) fails at once: pg-boss's `deadletter`
                // skips the remaining retries.
                results.push({
                  id: job.id,
                  status: permanent ? 'deadletter' : 'failed',
                  output: { message: message.slice(0, 500) },
                });
              }
            }
            return results;
          },
        );
      }
    },

    async enqueue(name: string, data: Record<string, unknown>, jobOptions: JobOptions = {}) {
      await ensureQueue(name);
      const id = await boss.send(name, data, {
        ...(jobOptions.dedupeKey ? { id: dedupeJobId(name, jobOptions.dedupeKey) } : {}),
        ...(jobOptions.singletonKey ? { singletonKey: jobOptions.singletonKey } : {}),
        ...(jobOptions.startAfter === undefined ? {} : { startAfter: jobOptions.startAfter }),
        ...(jobOptions.retryLimit === undefined ? {} : { retryLimit: jobOptions.retryLimit }),
      });
      return id ?? undefined;
    },

    async list(filter = {}) {
      const names = filter.name ? [filter.name] : await queueNames();
      const jobs: JobSummary[] = [];
      for (const name of names) {
        for (const job of await boss.findJobs<unknown>(name, { limit: filter.limit ?? 1000 })) {
          if (filter.state && job.state !== filter.state) continue;
          const error =
            job.state === 'failed' ? describeError((job as { output?: unknown }).output) : undefined;
          jobs.push({
            id: job.id,
            name: job.name,
            state: job.state,
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
            createdOn: job.createdOn.toISOString(),
            ...(job.startAfter ? { startAfter: new Date(job.startAfter).toISOString() } : {}),
            ...(job.startedOn ? { startedOn: new Date(job.startedOn).toISOString() } : {}),
            ...(job.completedOn ? { completedOn: job.completedOn.toISOString() } : {}),
            ...(error ? { error } : {}),
          });
        }
      }
      return jobs.sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.id.localeCompare(b.id));
    },

    async retry(id) {
      for (const name of await queueNames()) {
        const [job] = await boss.findJobs(name, { id });
        if (!job) continue;
        if (job.state !== 'failed') return false;
        await boss.retry(name, id);
        const [after] = await boss.findJobs(name, { id });
        return after?.state === 'retry' || after?.state === 'created';
      }
      return false;
    },

    async stop() {
      // Waits for running handlers (graceful), then closes pg-boss's own connections (none on PGlite).
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
