import type { PluginContext, PluginInstance, VisielerenPlugin } from '@visieleren/core';
import { createTurnHandler } from './bot/turn-handler.js';
import { createBotConnection } from './bot-framework/adapter.js';
import { readTeamsConfig, TEAMS_SETTINGS, teamsActivation } from './config.js';
import { createTeamsNotifier } from './notifier.js';
import { Pacer, TEAMS_PACING } from './pacing.js';
import { type ConversationMember, MEMBER_PAGE_LINK_TTL_MS, memberSubject } from './tab/member-links.js';
import { createTabHandler } from './tab/routes.js';
import { createTabTokenVerifier } from './tab/sign-in.js';
import { inactiveNoticeJob, queueInactiveNotice } from './vng-notice.js';

/**
 * A traject page link for one member of one conversation (see tab/member-links.ts), or undefined when the
 * server cannot sign links. No other page links leave this plugin.
 */
function memberPageUrlFor(context: PluginContext) {
  return (trajectId: string, member: ConversationMember): string | undefined => {
    try {
      const link = context.signLink({
        path: 'traject',
        trajectId,
        subject: memberSubject(member),
        ttlMs: MEMBER_PAGE_LINK_TTL_MS,
      });
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
    const memberPageUrl = memberPageUrlFor(context);
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
      memberPageUrl,
    });
    const pacer = new Pacer(TEAMS_PACING);
    const notifier = createTeamsNotifier({
      connection,
      trajects: context.trajects,
      links: context.links,
      audit: context.audit,
      clock: context.clock,
      logger,
      pacer,
      ...(tellVngTeam ? { tellVngTeam } : {}),
    });
    const tab = createTabHandler({
      trajects: context.trajects,
      links: context.links,
      clock: context.clock,
      logger,
      verifyLink: (token) => context.verifyLink(token),
      memberPageUrl,
      isMember: (reference, objectId) => connection.isMember(reference, objectId),
      ...(config.tabSignIn
        ? {
            signIn: {
              verify: createTabTokenVerifier(
                {
                  appId: config.tabSignIn.appId,
                  publicUrl: context.publicUrl,
                  openIdMetadataUrl: config.tabSignIn.openIdMetadataUrl,
                  timeoutMs: config.bot.sendTimeoutMs,
                },
                context.clock,
              ),
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
        // Named in the app manifest; Teams shows them to administrators.
        { path: '/privacy', handler: tab },
        { path: '/voorwaarden', handler: tab },
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
          config.tabSignIn
            ? `aanmelden met Teams via de Entra-app ${config.tabSignIn.appId}`
            : 'zonder aanmelding (zet TEAMS_SSO_APP_ID): toont in Teams geen traject'
        })`,
        config.noticeEmail
          ? `Teams-meldingen aan het visieleerteam: per e-mail${context.mailer ? '' : ' (maar SMTP_URL ontbreekt)'}`
          : 'Teams-meldingen aan het visieleerteam: alleen in het logboek (zet TEAMS_MELDINGEN_EMAIL)',
      ],
    };
  },
};
