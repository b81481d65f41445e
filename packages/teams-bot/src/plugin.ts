import type { PluginContext, PluginInstance, VisielerenPlugin } from '@visieleren/core';
import { createTurnHandler } from './bot/turn-handler.js';
import { createBotConnection } from './bot-framework/adapter.js';
import { readTeamsConfig, TEAMS_SETTINGS, teamsActivation } from './config.js';
import { createTeamsNotifier } from './notifier.js';
import { Pacer, TEAMS_PACING } from './pacing.js';
import { createTabHandler } from './tab/routes.js';
import { createTabTokenVerifier } from './tab/sign-in.js';
import { inactiveNoticeJob, queueInactiveNotice } from './vng-notice.js';

/** The signed traject page for a traject, or undefined when the server cannot sign links. */
function pageUrlFor(context: PluginContext) {
  return (trajectId: string, ttlMs?: number): string | undefined => {
    try {
      const link = context.signLink({ path: 'traject', trajectId, ...(ttlMs ? { ttlMs } : {}) });
      if (/^https?:\/\//.test(link)) return link;
      return `${context.publicUrl.replace(/\/+$/, '')}/traject/${link.replace(/^\/+/, '')}`;
    } catch {
      return undefined;
    }
  };
}

/**
 * Microsoft Teams for gemeenten: the bot on `/api/messages`, the tab under `/teams`, and phase reminders
 * through the outbox. `visieleren serve` mounts it through core's plugin interface.
 */
export const teamsPlugin: VisielerenPlugin = {
  name: 'teams',
  label: 'Microsoft Teams',
  settings: TEAMS_SETTINGS,
  activation: teamsActivation,
  async start(context): Promise<PluginInstance> {
    const config = readTeamsConfig(context.env);
    // `serve` already hands each plugin a logger naming it.
    const logger = context.logger;
    if (config.bot.anonymous) {
      logger.warn(
        'Teams draait ANONIEM (TEAMS_LOCAL=1, geen TEAMS_APP_ID): inkomende berichten worden niet op echtheid gecontroleerd. Alleen voor lokaal testen met de Agents Playground.',
      );
    }
    const connection = createBotConnection(config.bot, logger);
    const trajectPageUrl = pageUrlFor(context);
    const tellVngTeam = config.noticeEmail ? queueInactiveNotice(context.jobs) : undefined;
    const handler = createTurnHandler({
      ...(tellVngTeam ? { tellVngTeam } : {}),
      trajects: context.trajects,
      links: context.links,
      linkCodes: context.linkCodes,
      aanmeldingen: context.aanmeldingen,
      audit: context.audit,
      clock: context.clock,
      logger,
      trajectPageUrl,
    });
    const pacer = new Pacer(TEAMS_PACING);
    const notifier = createTeamsNotifier({
      connection,
      trajects: context.trajects,
      links: context.links,
      audit: context.audit,
      clock: context.clock,
      logger,
      trajectPageUrl,
      pacer,
      ...(tellVngTeam ? { tellVngTeam } : {}),
    });
    const tab = createTabHandler({
      trajects: context.trajects,
      links: context.links,
      clock: context.clock,
      logger,
      verifyLink: (token) => context.verifyLink(token),
      trajectPageUrl,
      ...(config.tabSignIn && config.bot.appId
        ? {
            signIn: {
              verify: createTabTokenVerifier(
                {
                  appId: config.bot.appId,
                  publicUrl: context.publicUrl,
                  openIdMetadataUrl: config.tabSignIn.openIdMetadataUrl,
                  timeoutMs: config.bot.sendTimeoutMs,
                  // A single-tenant app signs in its own tenant's people only.
                  ...(config.bot.appType !== 'MultiTenant' && config.bot.tenantId
                    ? { tenantId: config.bot.tenantId }
                    : {}),
                },
                context.clock,
              ),
              isMember: (reference, objectId) => connection.isMember(reference, objectId),
            },
          }
        : {}),
    });
    return {
      routes: [
        {
          path: '/api/messages',
          handler: (req, res, next) => {
            connection.handle(req, res, handler).catch(next);
          },
        },
        { path: '/teams', handler: tab },
        { path: '/traject', handler: tab },
      ],
      notifier,
      ...(config.noticeEmail
        ? {
            jobs: [
              inactiveNoticeJob({
                trajects: context.trajects,
                ...(context.mailer ? { mailer: context.mailer } : {}),
                to: config.noticeEmail,
                publicUrl: context.publicUrl,
                logger,
              }),
            ],
          }
        : {}),
      describe: () => [
        `Teams-bot: ${connection.mode}${config.bot.appId ? ` (app-id ${config.bot.appId})` : ''}`,
        `Teams-berichten: ${context.publicUrl.replace(/\/+$/, '')}/api/messages`,
        `Teams-tab: ${context.publicUrl.replace(/\/+$/, '')}/teams/tab/config (${
          config.tabSignIn ? 'aanmelden met Teams (SSO)' : 'zonder aanmelding: toont in Teams geen traject'
        })`,
        config.noticeEmail
          ? `Teams-meldingen aan het visieleerteam: per e-mail${context.mailer ? '' : ' (maar SMTP_URL ontbreekt)'}`
          : 'Teams-meldingen aan het visieleerteam: alleen in het logboek (zet TEAMS_MELDINGEN_EMAIL)',
      ],
    };
  },
};
