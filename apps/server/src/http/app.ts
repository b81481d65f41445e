import { createRequire } from 'node:module';
import type { Store, StoredTraject } from '@visieleren/store';
import express, { type Express, type Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { apiIndex } from './api-index.js';
import { createApiRouter, type TrajectDomain } from './api-routes.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { type OverviewRow, renderOverviewPage } from './overview-page.js';
import { requestContext } from './request-context.js';

export interface AppDomain extends TrajectDomain {
  overviewRows(trajects: StoredTraject[], today: string): OverviewRow[];
}

export interface AppOptions {
  store: Store;
  domain: AppDomain;
  logger: PinoLogger;
  /** Largest accepted JSON body in bytes (default 100 kB); larger → 413. */
  bodyLimitBytes?: number;
  /** Routers mounted at a path (`/forms`, later the plugins' endpoints). */
  mounts?: Array<{ path: string; router: Router }>;
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

export function createApp(options: AppOptions): Express {
  const { store, domain, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ready', database: store.driver });
    } catch (error) {
      logger.warn({ err: error }, 'niet gereed: database onbereikbaar of niet gemigreerd');
      res.status(503).json({
        status: 'not-ready',
        error: { code: 'NOT_READY', message: 'De database is niet bereikbaar of nog niet bijgewerkt.' },
      });
    }
  });

  const stylesheet = findStylesheet();
  if (stylesheet) {
    app.get(STYLESHEET_ROUTE, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(stylesheet);
    });
  }

  app.get('/', async (_req, res) => {
    const today = domain.today();
    const trajects = await store.trajects.list({ kind: 'all' });
    const html = renderOverviewPage({
      rows: domain.overviewRows(trajects, today),
      today,
      ...(stylesheet ? { stylesheetHref: STYLESHEET_ROUTE } : {}),
    });
    res.type('html').send(html);
  });

  // Plugin endpoints (`/api/messages` of the Teams bot, `/slack/…`) come before the API's JSON parser: a
  // vendor SDK reads its own body (Slack's signature is computed over the raw bytes).
  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);

  app.get('/api', (_req, res) => {
    res.json(apiIndex());
  });

  app.use(
    '/api',
    express.json({ limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, strict: true }),
    createApiRouter({ store, domain }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
