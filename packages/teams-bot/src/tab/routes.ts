import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import {
  amsterdamDate,
  type Clock,
  type Logger,
  type PlatformLinkPort,
  type PluginRequestHandler,
  type TrajectRepositoryPort,
  VisielerenError,
} from '@visieleren/core';
import { findConversation } from '../conversations.js';
import { trajectView } from '../traject-view.js';
import { TAB_CONFIG_JS, TAB_CSS, TAB_JS } from './assets.js';
import { configPage, messagePage, themeOf, trajectPage } from './page.js';

/**
 * The form id the server signs into traject page links (`signLink({ path: 'traject' })`, apps/server's
 * TRAJECT_PAGE_FORM_ID), so a link to a form never opens a traject page.
 */
export const TRAJECT_PAGE_FORM_ID = 'traject-pagina';

export interface TabDependencies {
  trajects: TrajectRepositoryPort;
  links: PlatformLinkPort;
  clock: Clock;
  logger: Logger;
  /** The server's check of its own signed links (forms package's token): claims, or undefined. */
  verifyLink(token: string): { trajectId: string; formId: string } | undefined;
  /** A signed traject page URL, for the configuration page. */
  trajectPageUrl(trajectId: string): string | undefined;
}

// Teams loads tabs in frames on these hosts; nothing else may frame the pages.
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com";

// teams-js reads Microsoft's list of Teams hosts from res.cdn.office.net (only ever loaded inside Teams).
const SECURITY_HEADERS = {
  'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; frame-ancestors ${FRAME_ANCESTORS}; base-uri 'none'; form-action 'self'`,
  'x-content-type-options': 'nosniff',
  // The link's token is in the path: never pass it on to another site.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

let teamsJsSource: Promise<Buffer> | undefined;
function teamsJs(): Promise<Buffer> {
  teamsJsSource ??= readFile(
    createRequire(import.meta.url).resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
  );
  return teamsJsSource;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = false): void {
  res
    .writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': type,
      ...(cache ? { 'cache-control': 'public, max-age=3600' } : {}),
    })
    .end(body);
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Path as mounted by a plain Node server or below Express's `app.use('/teams', …)`. */
function fullUrl(req: IncomingMessage): URL {
  const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  return new URL(original, 'http://localhost');
}

export function createTabHandler(deps: TabDependencies): PluginRequestHandler {
  async function trajectRoute(res: ServerResponse, token: string, url: URL): Promise<void> {
    const theme = themeOf(url.searchParams.get('theme'));
    const claims = deps.verifyLink(token);
    if (!claims || claims.formId !== TRAJECT_PAGE_FORM_ID) {
      send(
        res,
        403,
        HTML,
        messagePage(
          'Link verlopen of ongeldig',
          'Deze link naar het traject is verlopen, ongeldig of aangepast. Typ status in het Teams-kanaal voor een nieuwe link, of vraag het visieleerteam.',
          theme,
        ),
      );
      return;
    }
    const { trajectId } = claims;
    try {
      // The link's own traject only: a gemeente never sees another's.
      const traject = await deps.trajects.get(trajectId, { kind: 'traject', trajectId });
      send(res, 200, HTML, trajectPage(trajectView(traject, amsterdamDate(deps.clock.now())), { theme }));
    } catch (error) {
      if (error instanceof VisielerenError && error.code === 'NOT_FOUND') {
        send(res, 404, HTML, messagePage('Niet gevonden', 'Dit traject bestaat niet (meer).', theme));
        return;
      }
      throw error;
    }
  }

  /**
   * For the configuration page inside Teams: the traject linked to this channel or chat. Only an active link
   * answers, and only with that one traject's page.
   */
  async function linkRoute(res: ServerResponse, url: URL): Promise<void> {
    const conversation = url.searchParams.get('conversation') ?? '';
    const link = conversation ? await findConversation(deps.links, conversation) : undefined;
    const pageUrl = link?.active && link.trajectId ? deps.trajectPageUrl(link.trajectId) : undefined;
    if (!link?.active || !link.trajectId || !pageUrl) {
      send(
        res,
        404,
        JSON_TYPE,
        JSON.stringify({
          message:
            'Dit kanaal is nog niet gekoppeld aan een traject. Typ in het kanaal: @Visieleren koppel <code>.',
        }),
      );
      return;
    }
    const traject = await deps.trajects.get(link.trajectId, { kind: 'traject', trajectId: link.trajectId });
    send(
      res,
      200,
      JSON_TYPE,
      JSON.stringify({
        trajectId: traject.id,
        name: traject.gemeenten.map((gemeente) => gemeente.name).join(', '),
        url: pageUrl,
      }),
    );
  }

  return (req, res, next) => {
    const url = fullUrl(req);
    const path = url.pathname.replace(/\/+$/, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const run = async () => {
      if (path === '/teams/static/tab.css') return send(res, 200, 'text/css; charset=utf-8', TAB_CSS, true);
      if (path === '/teams/static/tab.js')
        return send(res, 200, 'text/javascript; charset=utf-8', TAB_JS, true);
      if (path === '/teams/static/tab-config.js') {
        return send(res, 200, 'text/javascript; charset=utf-8', TAB_CONFIG_JS, true);
      }
      if (path === '/teams/static/teams-js.js') {
        return send(res, 200, 'text/javascript; charset=utf-8', await teamsJs(), true);
      }
      if (path === '/teams/tab/config')
        return send(res, 200, HTML, configPage(themeOf(url.searchParams.get('theme'))));
      if (path === '/teams/tab/link') return linkRoute(res, url);
      const traject = /^\/traject\/([A-Za-z0-9_.-]+)$/.exec(path);
      if (traject?.[1]) return trajectRoute(res, traject[1], url);
      next();
    };
    run().catch((error: unknown) => {
      deps.logger.error('Teams-tab: pagina niet getoond', {
        error: error instanceof Error ? error.message : String(error),
      });
      next(error);
    });
  };
}
