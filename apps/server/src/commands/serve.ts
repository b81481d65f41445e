import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { AttachedServer, Command } from '../cli/command.js';
import { announceLocalServer } from '../cli/local-server.js';
import { loadEnv } from '../env.js';
import { createCliChannelRouter } from '../http/cli-channel.js';
import { createPinoLogger } from '../logging.js';
import { type RunningServer, startServer } from '../server.js';

/** After a stop signal, in-flight work gets this long before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

function banner(server: RunningServer): string {
  const lines = [
    '',
    'Visieleren draait.',
    '',
    `  Overzicht van alle trajecten:  ${server.url}/`,
    `  JSON-API (uitleg):             ${server.url}/api/v1`,
    `  Gezondheid:                    ${server.url}/healthz`,
  ];
  if (server.localToken) {
    lines.push(
      '',
      'Lokaal API-token voor het VNG-team (nieuw bij elke start; eerdere lokale tokens zijn ingetrokken):',
      '',
      `  ${server.localToken}`,
      '',
      'Probeer:',
      `  curl -H "Authorization: Bearer ${server.localToken}" ${server.url}/api/v1/trajecten`,
    );
  }
  if (server.seeded > 0) lines.push('', `${server.seeded} demotrajecten aangemaakt in de nieuwe database.`);
  lines.push('', 'Stoppen: Ctrl+C', '');
  return lines.join('\n');
}

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'De server starten: overzichtspagina, JSON-API en herinneringen',
  help: `Gebruik: visieleren serve

Start de HTTP-server (overzichtspagina op /, JSON-API op /api/v1, /healthz en /readyz) en de
herinneringsdienst. Zonder DATABASE_URL gebruikt de server de ingebouwde database in
VISIELEREN_DATA_DIR (standaard ./.visieleren/data), vult een lege database met demotrajecten en toont
een lokaal API-token voor het VNG-team.

Omgevingsvariabelen (zie apps/server/.env.example):
  PORT                             poort (standaard 3978)
  HOST                             adres (standaard 127.0.0.1; met DATABASE_URL 0.0.0.0)
  DATABASE_URL                     PostgreSQL; meerdere servers kunnen dan samen werken
  VISIELEREN_DATA_DIR              map van de ingebouwde database
  VISIELEREN_WEBHOOK_URL           herinneringen als JSON naar deze URL (met Idempotency-Key)
  VISIELEREN_WEBHOOK_SECRET        verplicht bij de webhook: geheim (32+ tekens) voor de handtekening
  VISIELEREN_REQUEST_TIMEOUT_MS    zo lang mag een verzoek over aankomen (standaard 30000)
  VISIELEREN_DISPATCH_INTERVAL_MS  hoe vaak herinneringen worden verstuurd (standaard 60000)
  LOG_LEVEL, LOG_FORMAT            logniveau; json of pretty

Stoppen met Ctrl+C of SIGTERM: de server neemt geen nieuwe verzoeken meer aan, maakt lopende
verzoeken en herinneringen af en sluit de database.

Voorbeeld:
  PORT=8080 visieleren serve
`,
  options: {},
  async run({ io, runCli }) {
    const isTerminal = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
    const env = loadEnv(io.env, { isTerminal });
    const logger = createPinoLogger({ level: env.logLevel, format: env.logFormat });
    // On the embedded database (one process's) the CLI in another shell runs its commands through this server.
    const embedded = env.databaseUrl === undefined;
    let attached: AttachedServer | undefined;
    const credential = randomBytes(32).toString('base64url');
    const server = await startServer({
      env,
      cwd: io.cwd,
      logger,
      ...(embedded
        ? {
            mounts: [
              {
                path: '/',
                router: createCliChannelRouter({
                  credential,
                  env: io.env,
                  attached: () => attached,
                  run: runCli,
                }),
              },
            ],
          }
        : {}),
    });
    let unannounce = () => {};
    if (embedded) {
      attached = {
        store: server.store,
        // Absolute, so a command sent from another folder finds this data folder (the forms secret).
        env: { ...env, publicUrl: server.url, dataDir: resolve(io.cwd, env.dataDir) },
        plugins: { forget: server.forgetInPlugins },
        ...(server.mailer ? { mailer: server.mailer } : {}),
      };
      unannounce = announceLocalServer(resolve(io.cwd, env.dataDir), {
        pid: process.pid,
        url: server.localUrl,
        credential,
      });
      process.once('exit', unannounce);
    }
    io.stdout.write(banner(server));

    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stoppen: geen nieuwe verzoeken meer, lopend werk wordt afgemaakt');
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      // If something hangs, do not hang forever: the outbox's leases make an unfinished delivery safe.
      setTimeout(() => {
        logger.error('afsluiten duurde te lang; het proces stopt nu');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      unannounce();
      server.close().then(
        () => {
          process.exitCode = 0;
          // pg and PGlite are closed; nothing should be left, but never wait on a stray handle.
          setImmediate(() => process.exit(0));
        },
        (error: unknown) => {
          logger.error({ err: error }, 'afsluiten mislukt');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return 0;
  },
};
