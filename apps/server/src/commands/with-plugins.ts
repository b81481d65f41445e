import { silentLogger, systemClock } from '@visieleren/core';
import { jobDatabaseOf, type Store } from '@visieleren/store';
import type { CliIo } from '../cli/command.js';
import type { ServerEnv } from '../env.js';
import { createJobRunner } from '../jobs/job-runner.js';
import { createSmtpMailer } from '../mail/smtp-mailer.js';
import { createPluginContext } from '../plugins/context.js';
import { type PluginHost, startPlugins } from '../plugins/host.js';
import { PLUGINS } from '../plugins/registry.js';
import { resolveFormsSecret } from '../runtime.js';

/**
 * The plugins the environment switches on, started for one CLI command (`forget` reaches the copies they
 * keep outside the store). Jobs are queued for `serve`, not worked here.
 */
export async function withPlugins<T>(
  io: CliIo,
  store: Store,
  env: ServerEnv,
  work: (host: Pick<PluginHost, 'forget'>) => Promise<T>,
): Promise<T> {
  // Inside `serve`: its plugins are running already.
  if (io.attached) return work(io.attached.plugins);
  const jobs = await createJobRunner({ database: jobDatabaseOf(store), logger: silentLogger, work: false });
  const mailer = env.smtp ? createSmtpMailer(env.smtp) : undefined;
  try {
    const host = await startPlugins(
      PLUGINS,
      createPluginContext({
        store,
        jobs,
        ...(mailer ? { mailer } : {}),
        env: env.source,
        publicUrl: env.publicUrl ?? `http://127.0.0.1:${env.port}`,
        formsSecret: await resolveFormsSecret(env, io.cwd),
        clock: systemClock,
        logger: silentLogger,
      }),
      silentLogger,
    );
    try {
      return await work(host);
    } finally {
      await host.stop();
    }
  } finally {
    mailer?.close();
    await jobs.stop();
  }
}
