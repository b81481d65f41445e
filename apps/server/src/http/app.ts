import { createRequire } from 'node:module';
import type { WorkingCalendar } from '@visieleren/core';
import { ConfigurationError, UNLISTED_STATUSES } from '@visieleren/core';
import { lifecycleOf, type Store, type StoredTraject } from '@visieleren/store';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import type { AdminServices } from '../admin/services.js';
import { programmeSummaries } from '../lifecycle/views.js';
import { type ApiModule, apiOperations, apiModules as defaultApiModules } from './api-modules.js';
import { API_BASE_PATH, apiVersionHeader } from './api-version.js';
import { bearerToken } from './auth.js';
import { CONSOLE_PATH, createConsoleRouter } from './console/console-routes.js';
import { createDocumentatieRouter } from './documentatie-routes.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { INLOGGEN_PATH } from './inloggen-page.js';
import { createSignInRouter } from './inloggen-routes.js';
import { createLegacyRedirects } from './legacy-redirects.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { type OverviewRow, renderOverviewPage } from './overview-page.js';
import { createOverviewRows } from './overview-rows.js';
import { PAGE_CSS } from './page-css.js';
import { FAVICON_ROUTE, FAVICON_SVG, PAGE_STYLESHEET_ROUTE } from './page-shell.js';
import { sendProblem } from './problem.js';
import {
  createRateLimiter,
  DEFAULT_API_WRITE_LIMIT,
  limiterKey,
  type RateLimit,
  retryAfterSeconds,
} from './rate-limit.js';
import { requestContext } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import type { TrajectDomain } from './trajecten-routes.js';
import { createVngSessions } from './vng-session.js';

export interface AppDomain extends TrajectDomain {
  /** The working calendar of this server (Goede Vrijdag, extra closed days); default: core's. */
  calendar?(): WorkingCalendar;
  overviewRows(trajects: StoredTraject[], today: string): OverviewRow[];
}

export interface AppOptions {
  store: Store;
  domain: AppDomain;
  logger: PinoLogger;
  /** Largest accepted JSON body in bytes (default 100 kB); larger → 413. */
  bodyLimitBytes?: number;
  /** Routers mounted at a path (`/forms`, the plugins' endpoints). */
  mounts?: Array<{ path: string; router: Router }>;
  /** The JSON API's modules (default: every module in api-modules.ts). */
  apiModules?: readonly ApiModule[];
  /** Writes per API token (default DEFAULT_API_WRITE_LIMIT). */
  apiWriteLimit?: RateLimit;
  /** The limiter's clock in milliseconds (tests). */
  now?: () => number;
  /** Absolute address of the server, for the OpenAPI document's servers entry. */
  publicUrl?: string;
  /**
   * The proxies (a hop count or addresses) whose X-Forwarded-For and -Proto count: then rate limits per address
   * see the client, not the load balancer, and a session cookie behind TLS at the proxy is Secure.
   */
  trustProxy?: number | string[];
  /** A signed link to a traject's page for each overview row; none when undefined or when it answers undefined. */
  trajectPageHref?: (trajectId: string) => string | undefined;
  /**
   * Who sees those links on the overview: `everyone` on a server that is one person's own, `vng` (default)
   * only a browser signed in with a VNG-team token (`vngSignIn`).
   */
  overviewLinksFor?: 'everyone' | 'vng';
  /**
   * The VNG team's sign-in on the pages (`/inloggen`, `/uitloggen`); off when undefined. The session cookie's
   * key is derived from the forms secret.
   */
  /** Forms secret, public address, mailer and jobs for the VNG team's work (API and console). */
  services?: AdminServices;
  vngSignIn?: {
    formsSecret: string;
    /** Sign-in attempts per client address (default DEFAULT_SIGN_IN_LIMIT); the clock is `now`. */
    limit?: RateLimit;
  };
}

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;

const STYLESHEET_ROUTE = '/assets/nl-design-system.css';

/** The NL Design System stylesheet for plain HTML elements, when the package is installed. */
function findStylesheet(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('@utrecht/component-library-css/dist/html.css');
  } catch {
    return undefined;
  }
}

/**
 * Writes under /api/v1 are limited per API token (a hash of the token as `bearerToken` spells it, whatever the
 * header's case and spacing; without a well-formed token, per address), before the token is even looked up:
 * a flood with a leaked or a made-up token costs no queries.
 */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function limitApiWrites(limit: RateLimit, now?: () => number) {
  const limiter = createRateLimiter(limit, now);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!WRITE_METHODS.has(req.method)) {
      next();
      return;
    }
    const token = bearerToken(req.get('authorization'));
    const key = token ? limiterKey('token', token) : limiterKey('adres', req.ip ?? '');
    const waitMs = limiter.take(key);
    if (waitMs === undefined) {
      next();
      return;
    }
    const seconds = retryAfterSeconds(waitMs);
    res.setHeader('Retry-After', String(seconds));
    sendProblem(
      res,
      429,
      'RATE_LIMITED',
      `Te veel wijzigingen met dit token in korte tijd. Probeer het over ${seconds} seconden opnieuw.`,
    );
  };
}

/**
 * Trajects the public overview leaves out: an aanmelding from a gemeente the VNG team has not accepted yet (its
 * name as the applicant typed it), and a declined one. A traject the team made itself is theirs to show.
 */
async function unlistedTrajects(store: Store): Promise<Set<string>> {
  const summaries = await store.trajects.summaries({ kind: 'all' });
  const hidden = new Set(summaries.filter((t) => t.status === 'afgewezen').map((t) => t.id));
  const lifecycle = lifecycleOf(store);
  for (const traject of summaries.filter(
    (t) => UNLISTED_STATUSES.has(t.status) && t.status !== 'afgewezen',
  )) {
    const intake = await lifecycle.getIntake(traject.id);
    if (intake && !intake.decision) hidden.add(traject.id);
  }
  return hidden;
}

export function createApp(options: AppOptions): Express {
  const { store, domain, logger } = options;
  const modules = options.apiModules ?? defaultApiModules;
  const app = express();
  if (options.trustProxy !== undefined) {
    try {
      app.set('trust proxy', options.trustProxy);
    } catch {
      throw new ConfigurationError(
        `VISIELEREN_TRUST_PROXY bevat een adres dat geen IP-adres of -bereik is: ${JSON.stringify(options.trustProxy)}.`,
      );
    }
  }
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(logger));
  app.use(apiVersionHeader);
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ready', database: store.driver });
    } catch (error) {
      logger.warn({ err: error }, 'niet gereed: database onbereikbaar of niet gemigreerd');
      sendProblem(res, 503, 'NOT_READY', 'De database is niet bereikbaar of nog niet bijgewerkt.');
    }
  });

  const stylesheet = findStylesheet();
  if (stylesheet) {
    app.get(STYLESHEET_ROUTE, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(stylesheet);
    });
  }
  for (const route of [FAVICON_ROUTE, '/favicon.ico']) {
    app.get(route, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.type('image/svg+xml').send(FAVICON_SVG);
    });
  }
  app.get(PAGE_STYLESHEET_ROUTE, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('css').send(PAGE_CSS);
  });

  const sessions = options.vngSignIn
    ? createVngSessions({
        formsSecret: options.vngSignIn.formsSecret,
        tokens: store.tokens,
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      })
    : undefined;
  const linksForEveryone = options.overviewLinksFor === 'everyone';

  const overviewRows = createOverviewRows(store, domain);
  app.get('/', async (req, res) => {
    const signedIn = sessions ? await sessions.principal(req, res) : undefined;
    const showLinks = linksForEveryone || signedIn !== undefined;
    const today = domain.today();
    // Only what the VNG team accepted is public; signed in, the team also sees the aanmeldingen.
    const hidden = signedIn ? new Set<string>() : await unlistedTrajects(store);
    const html = renderOverviewPage({
      rows: (await overviewRows(today))
        .filter((row) => !(row.trajectId && hidden.has(row.trajectId)))
        .map((row) => {
          const pageHref = showLinks && row.trajectId ? options.trajectPageHref?.(row.trajectId) : undefined;
          return pageHref ? { ...row, pageHref } : row;
        }),
      today,
      programmes: await programmeSummaries(store, today),
      ...(stylesheet ? { stylesheetHref: STYLESHEET_ROUTE } : {}),
      ...(signedIn ? { signedInAs: signedIn.label } : {}),
      ...(sessions && !signedIn && !linksForEveryone ? { signInHref: INLOGGEN_PATH } : {}),
    });
    // Signed in, the page holds links that open every traject: for this browser only, never kept.
    if (signedIn) res.setHeader('Cache-Control', 'private, no-store');
    if (sessions) res.setHeader('Vary', 'Cookie');
    res.type('html').send(html);
  });

  if (sessions) {
    app.use(
      createSignInRouter({
        tokens: store.tokens,
        sessions,
        audit: store.audit,
        logger,
        ...(stylesheet ? { stylesheetHref: STYLESHEET_ROUTE } : {}),
        ...(options.vngSignIn?.limit ? { limit: options.vngSignIn.limit } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  }

  if (sessions && options.services) {
    app.use(
      CONSOLE_PATH,
      createConsoleRouter({
        store,
        sessions,
        services: options.services,
        logger,
        today: () => domain.today(),
        ...(domain.calendar ? { calendar: domain.calendar() } : {}),
        ...(stylesheet ? { stylesheetHref: STYLESHEET_ROUTE } : {}),
      }),
    );
  }

  app.use(createLegacyRedirects());

  const document = buildOpenApiDocument(apiOperations(modules), {
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  app.use(
    API_BASE_PATH,
    createDocumentatieRouter({ document, ...(stylesheet ? { stylesheetHref: STYLESHEET_ROUTE } : {}) }),
  );
  app.use(
    API_BASE_PATH,
    limitApiWrites(options.apiWriteLimit ?? DEFAULT_API_WRITE_LIMIT, options.now),
    express.json({ limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, strict: true }),
  );
  const services = options.services;
  for (const module of modules) {
    app.use(API_BASE_PATH, module.createRouter({ store, domain, logger, ...(services ? { services } : {}) }));
  }

  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
