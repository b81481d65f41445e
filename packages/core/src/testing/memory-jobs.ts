import { ConfigurationError } from '../errors.js';
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

/** The job queue in memory: nothing runs until the test says `runAll()`. */
export interface MemoryJobs extends JobQueuePort {
  /** Jobs waiting to run, oldest first. */
  readonly queued: QueuedJob[];
  /** Every run so far, in the order they finished. */
  readonly runs: JobRun[];
  register(definition: JobDefinition): void;
  /**
   * Runs every queued job with its registered handler, including jobs the handlers queue, until none is
   * left; a failing handler is retried up to its retry limit (the job's, else the definition's, else 3).
   * `startAfter` is not waited for. Throws a ConfigurationError for a job whose name has no handler.
   */
  runAll(): Promise<JobRun[]>;
}

export function createMemoryJobs(): MemoryJobs {
  const queued: QueuedJob[] = [];
  const runs: JobRun[] = [];
  const definitions = new Map<string, JobDefinition>();
  const running = new Set<QueuedJob>();
  let ids = 0;

  // Like pg-boss: a singleton key holds per job name while a job is queued or running.
  const singletonTaken = (name: string, key: string) =>
    [...queued, ...running].some((job) => job.name === name && job.options.singletonKey === key);

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
        });
        return { job, state: 'completed', attempts };
      } catch (error) {
        lastError = error;
      }
    }
    return { job, state: 'failed', attempts, error: lastError };
  }

  return {
    queued,
    runs,
    async enqueue(name, data, options = {}) {
      if (options.singletonKey !== undefined && singletonTaken(name, options.singletonKey)) return undefined;
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
        running.add(job);
        try {
          const result = await run(job, definition);
          runs.push(result);
          finished.push(result);
        } finally {
          running.delete(job);
        }
      }
      return finished;
    },
  };
}
