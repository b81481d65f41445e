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
import type { ConversationReferenceJson } from '../bot-framework/types.js';
import { findConversation } from '../conversations.js';
import { trajectView } from '../traject-view.js';
import { TAB_CONFIG_JS, TAB_CSS, TAB_JS, TAB_OPEN_JS } from './assets.js';
import { consentResultPage } from './consent.js';
import { legalPage } from './legal-pages.js';
import { type ConversationMember, MEMBERSHIP_CACHE_MS, readMemberSubject } from './member-links.js';
import { configPage, messagePage, tabOpenPage, themeOf, trajectPage } from './page.js';
import { TabSignInError, type TabTokenVerifier } from './sign-in.js';

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
  verifyLink(token: string): { trajectId: string; formId: string; subject?: string } | undefined;
  /** A page link for one member of one conversation (member-links.ts); absent without the Teams bot. */
  memberPageUrl?(trajectId: string, member: ConversationMember): string | undefined;
  /** Whether Teams has this person (Entra object id) in the stored conversation; a 404 is no. */
  isMember?(reference: ConversationReferenceJson, objectId: string): Promise<boolean>;
  /**
   * Teams single sign-on for the tab (its own Entra app). Without it (no TEAMS_SSO_APP_ID, or the anonymous
   * local mode) the tab inside Teams shows no traject.
   */
  signIn?: { verify: TabTokenVerifier };
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

const MEMBERSHIP_CACHE_SIZE = 1000;

export function createTabHandler(deps: TabDependencies): PluginRequestHandler {
  /**
   * A link made for one member of one conversation opens only while Teams still has them in it and the
   * conversation is still linked to that traject: asked again at most every 5 minutes.
   */
  async function stillMember(
    member: ConversationMember,
    trajectId: string,
  ): Promise<'yes' | 'no' | 'no-answer'> {
    const link = await findConversation(deps.links, member.conversationId);
    if (!link?.active || link.trajectId !== trajectId || !deps.isMember) return 'no';
    try {
      return (await isMember(link.reference, member.objectId)) ? 'yes' : 'no';
    } catch (error) {
      deps.logger.warn('Teams-tab: lidmaatschap niet na te vragen bij Teams', {
        error: error instanceof Error ? error.name : 'onbekend',
      });
      return 'no-answer';
    }
  }

  async function trajectRoute(res: ServerResponse, token: string, url: URL): Promise<void> {
    const theme = themeOf(url.searchParams.get('theme'));
    const claims = deps.verifyLink(token);
    const member = claims?.subject === undefined ? undefined : readMemberSubject(claims.subject);
    const membership =
      claims && member ? await stillMember(member, claims.trajectId) : claims?.subject ? 'no' : 'yes';
    if (membership === 'no-answer') {
      send(
        res,
        502,
        HTML,
        messagePage(
          'Even geen antwoord van Teams',
          'Teams gaf geen antwoord op de vraag of u lid bent van het gesprek. Probeer het zo opnieuw.',
          theme,
        ),
      );
      return;
    }
    if (membership === 'no') {
      send(
        res,
        403,
        HTML,
        messagePage(
          'Geen toegang meer',
          'Volgens Teams bent u geen lid (meer) van het gesprek waarin deze link gemaakt is, of het gesprek is niet meer aan dit traject gekoppeld. Open het traject opnieuw vanuit Teams.',
          theme,
        ),
      );
      return;
    }
    if (!claims || claims.formId !== TRAJECT_PAGE_FORM_ID) {
      send(
        res,
        403,
        HTML,
        messagePage(
          'Link verlopen of ongeldig',
          'Deze link naar het traject is verlopen, ongeldig of aangepast. Open het traject opnieuw vanuit Teams (de tab Visieleren, of Traject bekijken op een kaart), of vraag het visieleerteam.',
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

  const confirmedMembers = new Map<string, number>();

  async function isMember(reference: ConversationReferenceJson, objectId: string): Promise<boolean> {
    if (!deps.isMember) return false;
    const key = `${reference.conversation.id}|${objectId}`;
    const now = deps.clock.now().getTime();
    if ((confirmedMembers.get(key) ?? 0) > now) return true;
    const member = await deps.isMember(reference, objectId);
    if (member) {
      if (confirmedMembers.size >= MEMBERSHIP_CACHE_SIZE) confirmedMembers.clear();
      confirmedMembers.set(key, now + MEMBERSHIP_CACHE_MS);
    }
    return member;
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    send(res, status, JSON_TYPE, JSON.stringify(body));
  }

  /**
   * For the tab inside Teams (its configuration page and the saved tab): the traject linked to this channel or
   * chat, for a signed-in member of it only. Answers with a short-lived link to that one traject's page.
   */
  async function linkRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const signIn = deps.signIn;
    if (!signIn) {
      return sendJson(res, 503, {
        message:
          'De tab kan niemand aanmelden: Teams-aanmelding (TEAMS_APP_ID) is op deze server niet ingesteld. Vraag het visieleerteam om een link naar het traject.',
      });
    }
    const bearer = /^Bearer[ \t]+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    let user: Awaited<ReturnType<TabTokenVerifier>>;
    try {
      user = await signIn.verify(bearer);
    } catch (error) {
      if (error instanceof TabSignInError) {
        res.setHeader('www-authenticate', 'Bearer realm="visieleren-teams-tab"');
        return sendJson(res, error.status, { message: error.message });
      }
      throw error;
    }
    const conversation = url.searchParams.get('conversation') ?? '';
    const link = conversation ? await findConversation(deps.links, conversation) : undefined;
    if (!link?.active || !link.trajectId) {
      return sendJson(res, 404, {
        message:
          'Dit kanaal is nog niet gekoppeld aan een traject. Typ in het kanaal: @Visieleren koppel <code>.',
      });
    }
    // The same answer for another tenant's chat and for a conversation the user is not in: nothing about it.
    const notYours = {
      message:
        'U bent geen lid van dit kanaal volgens Teams, dus het traject wordt niet getoond. Vraag een eigenaar van het team om u toe te voegen.',
    };
    // People of the gemeente's own tenant, and in a (shared) channel also members from another tenant; in
    // either case Teams must have them in the conversation's roster.
    const otherTenant = link.tenantId !== undefined && link.tenantId !== user.tenantId;
    if (otherTenant && link.conversationType !== 'channel') return sendJson(res, 403, notYours);
    let member: boolean;
    try {
      member = await isMember(link.reference, user.objectId);
    } catch (error) {
      deps.logger.warn('Teams-tab: lidmaatschap niet na te vragen bij Teams', {
        error: error instanceof Error ? error.name : 'onbekend',
      });
      return sendJson(res, 502, {
        message: 'Teams gaf geen antwoord op de vraag wie lid is van dit kanaal. Probeer het later opnieuw.',
      });
    }
    if (!member) return sendJson(res, 403, notYours);
    const pageUrl = deps.memberPageUrl?.(link.trajectId, {
      objectId: user.objectId,
      conversationId: link.record.externalId,
    });
    if (!pageUrl) {
      return sendJson(res, 503, { message: 'De server kan nu geen link naar het traject maken.' });
    }
    const traject = await deps.trajects.get(link.trajectId, { kind: 'traject', trajectId: link.trajectId });
    sendJson(res, 200, {
      trajectId: traject.id,
      name: traject.gemeenten.map((gemeente) => gemeente.name).join(', '),
      url: pageUrl,
    });
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
      if (path === '/teams/static/tab-open.js') {
        return send(res, 200, 'text/javascript; charset=utf-8', TAB_OPEN_JS, true);
      }
      if (path === '/teams/tab')
        return send(res, 200, HTML, tabOpenPage(themeOf(url.searchParams.get('theme'))));
      if (path === '/teams/tab/config')
        return send(res, 200, HTML, configPage(themeOf(url.searchParams.get('theme'))));
      if (path === '/teams/tab/link') return linkRoute(req, res, url);
      if (path === '/teams/toestemming') return send(res, 200, HTML, consentResultPage(url.searchParams));
      if (path === '/privacy' || path === '/voorwaarden') {
        return send(res, 200, HTML, legalPage(path === '/privacy' ? 'privacy' : 'voorwaarden'));
      }
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
