import { silentLogger } from '@visieleren/core';
import { jobDatabaseOf } from '@visieleren/store';
import { type Command, oneOf, UsageError } from '../cli/command.js';
import { createJobRunner, JOB_STATES, type JobRunner, type JobSummary } from '../jobs/job-runner.js';
import { withStore } from './with-store.js';

const STATE_LABELS: Record<JobSummary['state'], string> = {
  created: 'wacht',
  retry: 'wacht op nieuwe poging',
  active: 'bezig',
  completed: 'klaar',
  cancelled: 'geannuleerd',
  failed: 'mislukt',
};

/** Opens the job queue in the store's database without working it: the CLI looks, `serve` works. */
function withJobs<T>(io: Parameters<typeof withStore>[0], work: (jobs: JobRunner) => Promise<T>): Promise<T> {
  return withStore(io, async (store) => {
    const jobs = await createJobRunner({ database: jobDatabaseOf(store), logger: silentLogger, work: false });
    try {
      return await work(jobs);
    } finally {
      await jobs.stop();
    }
  });
}

export const jobsListCommand: Command = {
  path: ['jobs', 'list'],
  summary: 'Achtergrondtaken (Slack, Notion, uitnodigingen) en hun toestand',
  help: `Gebruik: visieleren jobs list [--toestand STATUS] [--naam NAAM] [--json]

Toont de achtergrondtaken in de database, oudste eerst.
  --toestand  created, retry, active, completed, cancelled of failed (mislukt)
  --naam      alleen de taken van één soort, bijvoorbeeld notion.sync
  --json      als JSON

Voorbeeld:
  visieleren jobs list --toestand failed
`,
  aliases: { state: 'toestand', name: 'naam' },
  options: { toestand: { type: 'string' }, naam: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    const state = values.toestand === undefined ? undefined : oneOf(values, 'toestand', JOB_STATES);
    const name = typeof values.naam === 'string' ? values.naam.trim() : undefined;
    return withJobs(io, async (jobs) => {
      const list = await jobs.list({ ...(state ? { state } : {}), ...(name ? { name } : {}) });
      if (values.json) {
        io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      if (list.length === 0) {
        io.stdout.write(`Geen taken${state ? ` met status ${state}` : ''}.\n`);
        return 0;
      }
      for (const job of list) {
        const attempts = `poging ${job.retryCount + 1} van ${job.retryLimit + 1}`;
        io.stdout.write(
          `${job.id}  ${job.name.padEnd(24)} ${STATE_LABELS[job.state].padEnd(22)} ${job.createdOn}  ${attempts}${job.error ? `\n    fout: ${job.error}` : ''}\n`,
        );
      }
      return 0;
    });
  },
};

export const jobsRetryCommand: Command = {
  path: ['jobs', 'retry'],
  summary: 'Een mislukte achtergrondtaak opnieuw laten uitvoeren',
  help: `Gebruik: visieleren jobs retry ID

Zet een mislukte taak terug in de wachtrij; \`visieleren serve\` voert hem uit.

Voorbeeld:
  visieleren jobs list --toestand failed
  visieleren jobs retry <id uit jobs list>
`,
  options: {},
  allowPositionals: true,
  async run({ positionals, io }) {
    const id = positionals[0];
    if (!id || positionals.length > 1)
      throw new UsageError('Geef precies één taak-id (zie visieleren jobs list).');
    return withJobs(io, async (jobs) => {
      if (!(await jobs.retry(id))) {
        io.stderr.write(
          `Geen mislukte taak met id ${id} gevonden (zie visieleren jobs list --toestand failed).\n`,
        );
        return 1;
      }
      io.stdout.write(`Taak ${id} staat weer in de wachtrij.\n`);
      return 0;
    });
  },
};
