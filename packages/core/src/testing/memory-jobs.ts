import { ConfigurationError, isPermanentError } from '../errors.js';
import type { JobDefinition, JobOptions, JobQueuePort } from '../ports.js';

export interface QueuedJob {
  id: string;
  name: string;
  data: Record<string, unknown>;
  options: JobOptions;
}

export interface JobRun {
  job: QueuedJob;
  state: 'completed' | 'failed';
  /** Handler calls, retries included. */
  attempts: number;
  /** The last error of a failed run. */
  error?: unknown;
}

/**
 * The job queue in memory, deduplicating as pg-boss 12 does in the server, so a test sees what production
 * does: `dedupeKey` (the job runner's fixed job id) creates a job once, ever; `singletonKey` holds only on an
 * `exclusive` queue (pg-boss's `stately` policy: one waiting job per key); on a `standard` queue two sends
 * with one singleton key are two jobs. Nothing runs until the test says `runAll()`.
 */
export interface MemoryJobs extends JobQueuePort {
  /** Jobs waiting to run, oldest first. */
  readonly queued: QueuedJob[];
  /** Every run so far, in the order they finished. */
  readonly runs: JobRun[];
  register(definition: JobDefinition): void;
  /**
   * Runs every queued job with its registered handler, including jobs the handlers queue, until none is
   * left; a failing handler is retried up to its retry limit (the job's, else the definition's, else 3),
   * except after a permanent error (`isPermanentError`), which fails the job at once.
   * `startAfter` is not waited for. Throws a ConfigurationError for a job whose name has no handler.
   */
  runAll(): Promise<JobRun[]>;
}

export function createMemoryJobs(): MemoryJobs {
  const queued: QueuedJob[] = [];
  const runs: JobRun[] = [];
  const definitions = new Map<string, JobDefinition>();
  let ids = 0;

  const dedupeKeys = new Set<string>();

  // pg-boss's `stately` policy (an `exclusive` definition): one job per key waiting (and one running, which
  // runAll's one-at-a-time order gives already). A `standard` queue ignores the key.
  const singletonTaken = (name: string, key: string) =>
    definitions.get(name)?.exclusive === true &&
    queued.some((job) => job.name === name && job.options.singletonKey === key);

  async function run(job: QueuedJob, definition: JobDefinition): Promise<JobRun> {
    const retryLimit = job.options.retryLimit ?? definition.retryLimit ?? 3;
    let attempts = 0;
    let lastError: unknown;
    while (attempts <= retryLimit) {
      attempts++;
      try {
        await definition.handler(structuredClone(job.data), {
          jobId: job.id,
          signal: new AbortController().signal,
          finalAttempt: attempts > retryLimit,
        });
        return { job, state: 'completed', attempts };
      } catch (error) {
        lastError = error;
        if (isPermanentError(error)) break;
      }
    }
    return { job, state: 'failed', attempts, error: lastError };
  }

  return {
    queued,
    runs,
    async enqueue(name, data, options = {}) {
      if (options.singletonKey !== undefined && singletonTaken(name, options.singletonKey)) return undefined;
      // The job runner turns a dedupe key into a fixed job id: a second send conflicts, also after the first ran.
      if (options.dedupeKey !== undefined) {
        const id = `${name}\u0000${options.dedupeKey}`;
        if (dedupeKeys.has(id)) return undefined;
        dedupeKeys.add(id);
      }
      const job: QueuedJob = {
        id: `job-${++ids}`,
        name,
        data: structuredClone(data),
        options: { ...options },
      };
      queued.push(job);
      return job.id;
    },
    register(definition) {
      definitions.set(definition.name, definition);
    },
    async runAll() {
      const finished: JobRun[] = [];
      for (let job = queued[0]; job !== undefined; job = queued[0]) {
        const definition = definitions.get(job.name);
        if (!definition)
          throw new ConfigurationError(`Er is geen handler geregistreerd voor job "${job.name}".`);
        queued.shift();
        const result = await run(job, definition);
        runs.push(result);
        finished.push(result);
      }
      return finished;
    },
  };
}
