import type { PluginContext, PluginInstance, VisielerenPlugin } from '@visieleren/core';
import { readSlackConfig, SLACK_SETTINGS, slackActivation } from './settings.js';
import { createSlackApp, SLACK_EVENTS_PATH } from './slack-app.js';

/** Mounted at `/slack`; Slack posts commands, clicks and events to `/slack/events`. */
export const SLACK_ROUTE_PATH = '/slack';

/** Slack for the VNG team: `visieleren serve` mounts it through core's plugin interface. */
export const slackPlugin: VisielerenPlugin = {
  name: 'slack',
  label: 'Slack',
  settings: SLACK_SETTINGS,
  activation: slackActivation,
  async start(context: PluginContext): Promise<PluginInstance> {
    const config = readSlackConfig(context.env);
    const app = createSlackApp({ context, config });
    return {
      routes: [{ path: SLACK_ROUTE_PATH, handler: app.handler as never }],
      notifier: app.notifier,
      jobs: app.jobs,
      async forget(participantKey, actor) {
        // Slack user links are person links: unlink them; the rounds' bookkeeping loses name and address.
        // Messages already in Slack are the workspace's to erase (Slack's own retention and export tools).
        const links = await context.links.listForParticipant(participantKey, 'slack-user');
        let removed = 0;
        for (const link of links) {
          if (await context.links.unlink(link.kind, link.externalId, actor)) removed++;
        }
        removed += await app.flow.books.forget(participantKey);
        return { removed };
      },
      describe: () => [
        `verzoeken van Slack op ${context.publicUrl.replace(/\/+$/, '')}${SLACK_ROUTE_PATH}${SLACK_EVENTS_PATH}`,
        `werkruimte ${config.teamId}; Web API ${new URL(config.apiUrl).host}`,
        context.mailer
          ? 'uitnodigingen per e-mail aan wie niet in Slack zit'
          : 'geen e-mail: links en uitnodigingen gaan naar het VNG-team om zelf te sturen',
      ],
    };
  },
};
