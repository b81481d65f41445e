import {
  activationFromSettings,
  isVisielerenError,
  type JobDefinition,
  type PluginSetting,
  VisielerenError,
  type VisielerenPlugin,
} from '@visieleren/core';
import { NotionGateway } from './client/gateway.js';
import { createNotionPacer } from './client/pacing.js';
import { forgetInNotion } from './forget.js';
import { DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT_MS } from './limits.js';
import { NOTION_SETTING_NAMES, readNotionSettings } from './settings.js';
import { failureSummary, runSync } from './sync/engine.js';
import type { NotionSyncPorts } from './sync/ports.js';

/** The job `serve` runs, one at a time across every instance. */
export const NOTION_SYNC_JOB = 'notion-sync';

export const NOTION_PLUGIN_SETTINGS: readonly PluginSetting[] = [
  {
    name: NOTION_SETTING_NAMES.token,
    required: true,
    secret: true,
    description:
      'Het geheime token van de interne Notion-integratie; zet het om de synchronisatie aan te zetten.',
  },
  {
    name: NOTION_SETTING_NAMES.baseUrl,
    required: false,
    description:
      'Adres van de Notion-API (standaard https://api.notion.com; in tests een lokale nep-server).',
  },
  {
    name: NOTION_SETTING_NAMES.requestsPerMinute,
    required: false,
    description: `Verzoeken per minuut naar Notion (standaard ${DEFAULT_REQUESTS_PER_MINUTE}; Notion staat er 180 toe, Business 600).`,
  },
  {
    name: NOTION_SETTING_NAMES.timeoutMs,
    required: false,
    description: `Wachttijd per verzoek in milliseconden (standaard ${DEFAULT_TIMEOUT_MS}).`,
  },
  {
    name: NOTION_SETTING_NAMES.syncIntervalSeconds,
    required: false,
    description: 'Hoe vaak serve een synchronisatie inplant, in seconden (standaard 300).',
  },
];

/**
 * Notion in `visieleren serve`: an exclusive job that syncs the dossiers, queued every
 * NOTION_SYNC_INTERVAL_SECONDS (a queued or running sync absorbs the next one), and the AVG forget hook.
 */
export const notionPlugin: VisielerenPlugin = {
  name: 'notion',
  label: 'Notion',
  settings: NOTION_PLUGIN_SETTINGS,
  activation: (env) =>
    activationFromSettings(
      NOTION_PLUGIN_SETTINGS,
      env,
      'aan — de trajectdossiers worden met Notion gesynchroniseerd',
    ),
  async start(context) {
    const settings = readNotionSettings(context.env);
    // One budget per connection, shared by every run in this process.
    const pacer = createNotionPacer(settings.requestsPerMinute);
    const ports: NotionSyncPorts = {
      trajects: context.trajects,
      links: context.links,
      audit: context.audit,
      changes: context.changes,
      formSubmissions: context.formSubmissions,
      clock: context.clock,
    };
    const logger = context.logger;
    const job: JobDefinition = {
      name: NOTION_SYNC_JOB,
      exclusive: true,
      // A failed run has already gone through its retries per request; the next interval runs again.
      retryLimit: 1,
      expireInSeconds: 3600,
      async handler(_data, { signal }) {
        const gateway = new NotionGateway({ settings, pacer, signal });
        try {
          const report = await runSync({ ports, gateway });
          if (!report.ok) {
            // The job ends as failed (visible in `visieleren jobs list`); the audit log has the details.
            throw new VisielerenError(
              'INTERNAL',
              `Notion-synchronisatie mislukt:\n${failureSummary(report)}`,
            );
          }
          logger.info('Notion: synchronisatie klaar', {
            trajecten: report.synced.length,
            vanuitNotion: report.inbound.length,
            schrijfverzoeken: report.requests.writes,
            leesverzoeken: report.requests.reads,
          });
        } catch (error) {
          // No workspace yet (nothing to retry until someone runs `notion init`), or a sync from the
          // terminal is running: the next interval tries again.
          if (isVisielerenError(error) && (error.code === 'CONFIGURATION' || error.code === 'CONFLICT')) {
            logger.warn(`Notion: ${error.message}`);
            return;
          }
          throw error;
        }
      },
    };
    const enqueue = () => {
      context.jobs.enqueue(NOTION_SYNC_JOB, {}, { singletonKey: NOTION_SYNC_JOB }).catch((error: unknown) =>
        logger.warn('Notion: synchronisatie inplannen mislukt', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    };
    // The first run waits until serve has registered the job; then one every interval.
    const first = setTimeout(enqueue, 10_000);
    const timer = setInterval(enqueue, settings.syncIntervalSeconds * 1000);
    first.unref();
    timer.unref();
    return {
      jobs: [job],
      async forget(participantKey) {
        return forgetInNotion(new NotionGateway({ settings, pacer }), context.links, participantKey);
      },
      describe: () => [
        `Notion-API: ${settings.baseUrl}`,
        `synchronisatie elke ${settings.syncIntervalSeconds} s, hoogstens ${settings.requestsPerMinute} verzoeken per minuut`,
      ],
      async stop() {
        clearTimeout(first);
        clearInterval(timer);
      },
    };
  },
};
