import type {
  JobDefinition,
  Logger,
  Notifier,
  PluginContext,
  PluginInstance,
  PluginRoute,
  VisielerenPlugin,
} from '@visieleren/core';

/** What `serve` says about each plugin: on or off, and why. */
export interface PluginReport {
  name: string;
  label: string;
  enabled: boolean;
  reason: string;
  /** The plugin's own lines (mode, endpoints) when it runs. */
  details: string[];
}

export interface PluginHost {
  reports: PluginReport[];
  routes: PluginRoute[];
  notifiers: Notifier[];
  jobs: JobDefinition[];
  /** Calls every plugin's forget hook; counts per plugin name. */
  forget(participantKey: string, actor: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** `aan — …` or `uit — …`, whatever words the plugin chose, so every line says which it is. */
function withState(enabled: boolean, reason: string): string {
  const state = enabled ? 'aan' : 'uit';
  const rest = reason.replace(/^(aan|uit)\b\s*[—:-]?\s*/i, '').trim();
  return rest ? `${state} — ${rest}` : state;
}

/** Whether each plugin would run with this environment, without starting any (for `serve --help`, tests). */
export function pluginReports(
  plugins: readonly VisielerenPlugin[],
  env: Readonly<Record<string, string | undefined>>,
): PluginReport[] {
  return plugins.map((plugin) => {
    const activation = plugin.activation(env);
    return {
      name: plugin.name,
      label: plugin.label,
      enabled: activation.enabled,
      reason: withState(activation.enabled, activation.reason),
      details: [],
    };
  });
}

/**
 * Starts the plugins the environment switches on. A plugin that fails to start is reported as off with the
 * reason and the others run: one bad Notion token must not take the Teams bot down.
 */
export async function startPlugins(
  plugins: readonly VisielerenPlugin[],
  context: PluginContext,
  logger: Logger,
): Promise<PluginHost> {
  const reports = pluginReports(plugins, context.env);
  const running: Array<{ plugin: VisielerenPlugin; instance: PluginInstance }> = [];
  for (const [index, plugin] of plugins.entries()) {
    const report = reports[index] as PluginReport;
    if (!report.enabled) continue;
    try {
      const instance = await plugin.start({
        ...context,
        logger: context.logger.child({ plugin: plugin.name }),
      });
      running.push({ plugin, instance });
      report.details = instance.describe?.() ?? [];
    } catch (error) {
      report.enabled = false;
      report.reason = `uit — starten mislukt: ${error instanceof Error ? error.message : String(error)}`;
      logger.error(`${plugin.label}: starten mislukt`, { plugin: plugin.name, error: report.reason });
    }
  }
  const names = new Set<string>();
  for (const { instance } of running) {
    for (const job of instance.jobs ?? []) {
      if (names.has(job.name)) throw new Error(`Twee plugins registreren de taak ${job.name}.`);
      names.add(job.name);
    }
  }
  return {
    reports,
    routes: running.flatMap(({ instance }) => instance.routes ?? []),
    notifiers: running.flatMap(({ instance }) => (instance.notifier ? [instance.notifier] : [])),
    jobs: running.flatMap(({ instance }) => instance.jobs ?? []),
    async forget(participantKey, actor) {
      const counts: Record<string, number> = {};
      for (const { plugin, instance } of running) {
        if (!instance.forget) continue;
        counts[plugin.name] = (await instance.forget(participantKey, actor)).removed;
      }
      return counts;
    },
    async stop() {
      for (const { plugin, instance } of running.reverse()) {
        await instance.stop?.().catch((error: unknown) =>
          logger.warn(`${plugin.label}: stoppen mislukt`, {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    },
  };
}
