import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  ConfigurationError,
  type Logger,
  type MailerPort,
  type Notifier,
  type PluginContext,
  systemClock,
  type VisielerenPlugin,
} from '@visieleren/core';
import { renderMessagePage } from '@visieleren/forms';
import { jobDatabaseOf, type Store } from '@visieleren/store';
import { createTabHandler } from '@visieleren/teams-bot';
import express, { type Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { seedDemoPortfolio } from './demo-seed.js';
import { createTrajectDomain } from './domain.js';
import { redactDatabaseUrl, type ServerEnv } from './env.js';
import { createApp } from './http/app.js';
import { createLifecyclePagesRouter } from './http/lifecycle-pages.js';
import { createStoreFormsRouter } from './http/mount-forms.js';
import { createJobRunner, type JobRunner } from './jobs/job-runner.js';
import { createAftercareSource } from './lifecycle/aftercare-source.js';
import { lifecycleSettingsFromEnv } from './lifecycle/settings.js';
import { toCoreLogger } from './logging.js';
import { createSmtpMailer, redactSmtpUrl } from './mail/smtp-mailer.js';
import { createPluginContext } from './plugins/context.js';
import { type PluginHost, type PluginReport, startPlugins } from './plugins/host.js';
import { PLUGINS } from './plugins/registry.js';
import { createReminderDispatcher, type ReminderDispatcher } from './reminders/dispatcher.js';
import { createReminderSource } from './reminders/reminder-source.js';
import { createWebhookNotifier } from './reminders/webhook-notifier.js';
import { openStore, resolveFormsSecret } from './runtime.js';

/** The label of the VNG-team token `serve` makes on the embedded database; earlier ones are revoked. */
export const LOCAL_TOKEN_LABEL = 'lokaal (npm start)';

export interface StartServerOptions {
  env: ServerEnv;
  cwd: string;
  logger: PinoLogger;
  /** An already opened store (tests); otherwise opened from the environment. */
  store?: Store;
  clock?: Clock;
  /** Extra notifiers (tests); the webhook notifier is added when VISIELEREN_WEBHOOK_URL is set. */
  notifiers?: Notifier[];
  /** The plugins to offer (default: every plugin in src/plugins/registry.ts). */
  plugins?: readonly VisielerenPlugin[];
  /** E-mail (tests); otherwise SMTP when SMTP_URL is set. */
  mailer?: MailerPort;
  /** Extra routers (the local CLI channel), mounted before the 404 handler. */
  mounts?: Array<{ path: string; router: Router }>;
}

export interface RunningServer {
  /** The public address: VISIELEREN_PUBLIC_URL, else the address the server listens on. */
  url: string;
  /** The address on this machine (loopback when listening on every interface). */
  localUrl: string;
  store: Store;
  dispatcher: ReminderDispatcher;
  jobs: JobRunner;
  /** Each plugin: on or off, and why. */
  plugins: PluginReport[];
  /** Calls every running plugin's forget hook (AVG), after the store forgot the person. */
  forgetInPlugins: PluginHost['forget'];
  /** Plaintext of the local VNG-team token (embedded database only). */
  localToken?: string;
  /** E-mail (SMTP_URL, or the one a test passed in); undefined when not set. */
  mailer?: MailerPort;
  seeded: number;
  /** Stops accepting, finishes in-flight requests and deliveries, closes the store it opened. */
  close(): Promise<void>;
}

/** How long a traject page link on the overview works (the VNG session lasts as long: SESSION_TTL_MS). */
const OVERVIEW_LINK_TTL_MS = 8 * 3600_000;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Node's own limits on a slow client: the headers within 10 s, the whole request within `requestTimeoutMs`
 * (a body trickling in a byte every few seconds is cut off with 408), checked every second instead of every
 * 30 s so the limit is what it says.
 */
export function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(10_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    keepAliveTimeout: 5_000,
  };
}

/** The names a browser may use for the embedded default: loopback, and the public address when set. */
export function allowedHostsOf(env: Pick<ServerEnv, 'host' | 'publicUrl'>): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1', '[::1]'];
  if (env.publicUrl) hosts.push(new URL(env.publicUrl).hostname);
  // A server told to listen on one specific address also answers to that address.
  if (!['0.0.0.0', '::', 'localhost'].includes(env.host)) hosts.push(env.host);
  return hosts;
}

const SESSION_SUBJECT = 'sessie:';

/** The subject a traject link made in a VNG page session carries: the token and the session it was made in. */
function sessionSubject(session: { tokenId: string; sessionId?: string }): string {
  return `${SESSION_SUBJECT}${session.tokenId}:${session.sessionId ?? ''}`;
}

/**
 * Traject links handed out on the overview to a signed-in VNG team member name the session they were made in:
 * after `/uitloggen` or `visieleren token revoke` they answer 403, as an expired link does, although their
 * own 8 hours have not passed. Links without a session (Teams, the embedded default) are left to the page.
 */
function sessionBoundLinks(context: PluginContext, store: Store, logger: Logger): express.RequestHandler {
  return async (req, res, next) => {
    const token = /^\/([A-Za-z0-9_.-]+)$/.exec(req.path)?.[1];
    const subject = token ? context.verifyLink(token)?.subject : undefined;
    if (!subject?.startsWith(SESSION_SUBJECT)) {
      next();
      return;
    }
    const [tokenId = '', sessionId = ''] = subject.slice(SESSION_SUBJECT.length).split(':');
    try {
      const active = await store.tokens.findActive(tokenId);
      const ended = sessionId !== '' && (await store.tokens.sessionEnded(sessionId));
      if (active?.role === 'vng' && !ended) {
        next();
        return;
      }
    } catch (error) {
      next(error);
      return;
    }
    logger.info('trajectlink van een beëindigde sessie geweigerd');
    res
      .status(403)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderMessagePage({
          lang: 'nl',
          title: 'Link verlopen',
          paragraphs: [
            'Deze link naar het traject hoorde bij een sessie die is beëindigd (uitgelogd of token ingetrokken). Log opnieuw in op de overzichtspagina voor een nieuwe link.',
          ],
          tone: 'error',
        }),
      );
  };
}

/** env → store (migrated) → demo seed → HTTP → dispatcher. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { env, logger } = options;
  const coreLogger = toCoreLogger(logger);
  const clock = options.clock ?? systemClock;

  logger.info(
    env.databaseUrl
      ? `Database: PostgreSQL (${redactDatabaseUrl(env.databaseUrl)})`
      : `Database: ingebouwd (PGlite) in ${env.dataDir}`,
  );

  const store = options.store ?? (await openStore(env, options.cwd, coreLogger.child({ module: 'store' })));
  // Stopped in reverse order on close or when starting fails: plugins, then the job queue, then the store.
  const cleanups: Array<() => Promise<void>> = [];
  const runCleanups = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const migration = await store.migrate();
    if (migration.applied.length > 0) logger.info({ applied: migration.applied }, 'database bijgewerkt');

    // Goede Vrijdag and extra closed days (VISIELEREN_GOEDE_VRIJDAG, VISIELEREN_GESLOTEN_DAGEN) plan every traject;
    // VISIELEREN_NAZORG_MAANDEN places the nazorggesprek, on the dossier as in the reminders.
    const lifecycleSettings = lifecycleSettingsFromEnv(env.source);
    const domain = createTrajectDomain(clock, lifecycleSettings);
    let seeded = 0;
    if (env.databaseUrl === undefined && env.seedDemo && (await store.trajects.count()) === 0) {
      seeded = await seedDemoPortfolio(store, domain.today());
      logger.info({ count: seeded }, 'demotrajecten aangemaakt in de lege database');
    }

    let localToken: string | undefined;
    if (env.databaseUrl === undefined) {
      await store.tokens.revokeByLabel(LOCAL_TOKEN_LABEL, 'visieleren serve');
      localToken = (await store.tokens.create({ role: 'vng', label: LOCAL_TOKEN_LABEL }, 'visieleren serve'))
        .token;
    }

    const jobs = await createJobRunner({
      database: jobDatabaseOf(store),
      logger: coreLogger.child({ module: 'taken' }),
    });
    cleanups.push(() => jobs.stop());

    const mounts: Array<{ path: string; router: Router }> = [...(options.mounts ?? [])];
    const formsSecret = await resolveFormsSecret(env, options.cwd);
    // Plugin routes are added once the plugins have started (they need the public URL, known after listen).
    const pluginRouter = express.Router();
    mounts.push({ path: '/', router: pluginRouter });
    // The forms router carries its own `/forms` prefix.
    mounts.push({
      path: '/',
      router: createStoreFormsRouter({ store, secret: formsSecret, clock, logger: coreLogger }),
    });
    logger.info('Formulieren: aan op /forms (ondertekende links)');
    // The public aanmelding form, the lessons library and the programmes (pages without personal data).
    mounts.push({
      path: '/',
      router: createLifecyclePagesRouter({ store, clock, logger: coreLogger, today: () => domain.today() }),
    });

    // Set once the plugins' context exists (it needs the address, known after listen).
    let pluginContext: PluginContext | undefined;
    // The address links are made on (form links, koppelcodes): the public one, else where the server listens.
    let listeningUrl = env.publicUrl ?? `http://127.0.0.1:${env.port}`;
    const mailer = options.mailer ?? (env.smtp ? createSmtpMailer(env.smtp) : undefined);
    // The overview is public. Signed links to every traject's page are for everyone only on a server that is
    // one person's own (the embedded database, listening on this machine only); on a shared deployment, where a
    // gemeente must see its own traject alone, only for the VNG team signed in at /inloggen.
    const overviewLinksForEveryone = env.databaseUrl === undefined && isLoopback(env.host);
    const app = createApp({
      store,
      domain,
      logger,
      mounts,
      trajectPageHref: (trajectId, session) =>
        pluginContext?.signLink({
          path: 'traject',
          trajectId,
          ttlMs: OVERVIEW_LINK_TTL_MS,
          ...(session ? { subject: sessionSubject(session) } : {}),
        }),
      overviewLinksFor: overviewLinksForEveryone ? 'everyone' : 'vng',
      // The embedded default answers only to its own names: a page elsewhere that points its own domain at
      // 127.0.0.1 (DNS rebinding) gets 421, not the overview with its signed links.
      ...(env.databaseUrl === undefined ? { allowedHosts: allowedHostsOf(env) } : {}),
      vngSignIn: { formsSecret },
      services: {
        formsSecret,
        publicUrl: () => listeningUrl,
        mailer: () => mailer,
        jobs: () => jobs,
        now: () => clock.now(),
      },
      // The OpenAPI document's `servers` entry is absolute when the public address is known.
      ...(env.publicUrl ? { publicUrl: env.publicUrl } : {}),
      ...(env.trustProxy === undefined ? {} : { trustProxy: env.trustProxy }),
    });
    const server = createServer(serverTimeouts(env.requestTimeoutMs), app);
    server.listen(env.port, env.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          reject(
            new ConfigurationError(
              `Poort ${env.port} op ${env.host} is al in gebruik: zet PORT op een andere poort.`,
            ),
          );
        } else if (error.code === 'EACCES') {
          reject(
            new ConfigurationError(`Geen toegang tot poort ${env.port}: kies met PORT een poort boven 1023.`),
          );
        } else {
          reject(error);
        }
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const localHost = host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
    const localUrl = `http://${localHost}:${address.port}`;
    const url = env.publicUrl ?? localUrl;
    listeningUrl = url;

    logger.info(
      env.smtp
        ? `E-mail: via SMTP (${redactSmtpUrl(env.smtp.url)})`
        : 'E-mail: uit — SMTP_URL ontbreekt; uitnodigingen en links worden aan het VNG-team getoond',
    );
    pluginContext = createPluginContext({
      store,
      jobs,
      ...(mailer ? { mailer } : {}),
      env: env.source,
      publicUrl: url,
      formsSecret,
      clock,
      logger: coreLogger,
    });
    const pluginHost = await startPlugins(options.plugins ?? PLUGINS, pluginContext, coreLogger);
    cleanups.push(() => pluginHost.stop());
    for (const report of pluginHost.reports) {
      logger.info(`${report.label}: ${report.reason}`);
      for (const line of report.details) logger.info(`${report.label}: ${line}`);
    }
    // Before any plugin's traject page: a link made in a VNG session ends with that session and its token.
    pluginRouter.use('/traject', sessionBoundLinks(pluginContext, store, coreLogger));
    for (const route of pluginHost.routes) pluginRouter.use(route.path, route.handler);
    if (!pluginHost.reports.some((report) => report.name === 'teams' && report.enabled)) {
      // The traject page works in a plain browser from a signed link, with or without the Teams bot.
      const context = pluginContext;
      const tab = createTabHandler({
        trajects: context.trajects,
        links: context.links,
        clock,
        logger: coreLogger.child({ module: 'trajectpagina' }),
        verifyLink: (token) => context.verifyLink(token),
      });
      pluginRouter.use('/traject', tab);
      pluginRouter.use('/teams', tab);
    }
    await jobs.register(pluginHost.jobs);

    const notifiers: Notifier[] = [...(options.notifiers ?? []), ...pluginHost.notifiers];
    if (env.webhook) notifiers.push(createWebhookNotifier(env.webhook));
    logger.info(
      env.webhook
        ? 'Herinneringen: via webhook (VISIELEREN_WEBHOOK_URL)'
        : 'Herinneringen: geen kanaal — VISIELEREN_WEBHOOK_URL ontbreekt; ze worden vastgelegd als "geen kanaal"',
    );
    const dispatcher = createReminderDispatcher({
      outbox: store.reminderOutbox,
      // Open trajects and the recipient links, read once per run (closed trajects have no reminders).
      source: createReminderSource({
        trajects: store.trajects,
        links: store.platformLinks,
        // The nazorggesprek (VISIELEREN_NAZORG_MAANDEN after the borgingssessie), closed trajects included.
        extra: createAftercareSource(store, lifecycleSettings),
      }),
      notifiers,
      clock,
      logger: coreLogger.child({ module: 'herinneringen' }),
      leaseMs: env.leaseMs,
      maxAttempts: env.maxAttempts,
    });
    dispatcher.start(env.dispatchIntervalMs);
    logger.info({ url }, 'visieleren serve luistert');

    let closing: Promise<void> | undefined;
    return {
      url,
      localUrl,
      store,
      dispatcher,
      jobs,
      plugins: pluginHost.reports,
      forgetInPlugins: pluginHost.forget,
      seeded,
      ...(localToken ? { localToken } : {}),
      ...(mailer ? { mailer } : {}),
      close() {
        closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          await dispatcher.stop();
          await stopped;
          await runCleanups();
          // A store passed in belongs to the caller.
          if (!options.store) await store.close();
          logger.info('visieleren serve gestopt');
        })();
        return closing;
      },
    };
  } catch (error) {
    await runCleanups();
    if (!options.store) await store.close().catch(() => undefined);
    throw error;
  }
}
