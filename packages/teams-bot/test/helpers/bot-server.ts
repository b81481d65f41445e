import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  demoPortfolio,
  getBuiltInTemplate,
  type Logger,
  type PluginContext,
  type PluginInstance,
} from '@visieleren/core';
import { createMemoryPorts, createTestPluginContext, type MemoryPorts } from '@visieleren/core/testing';
import { signFormToken, verifyFormToken } from '@visieleren/forms';
import { TRAJECT_PAGE_FORM_ID, teamsPlugin } from '../../src/index.js';

export const APP = { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'geheim-van-de-bot' };
/** The tab's own multi-organisation Entra app (TEAMS_SSO_APP_ID), not the bot. */
export const SSO_APP_ID = '66666666-7777-4888-8999-aaaaaaaaaaaa';

/** A clock the test moves forward (the server reads it for link lifetimes and the membership cache). */
export function movableClock(at: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(at);
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}
const LINK_SECRET = 'een-geheim-van-minstens-tweeendertig-tekens-lang';
/** A Wednesday while the demo traject "Aan Zee" runs its second phase. */
export const NOW = '2027-03-10T09:00:00Z';
export const TODAY = '2027-03-10';

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(lines: LogLine[]): Logger {
  const logger: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, ...(fields ? { fields } : {}) }),
    info: (message, fields) => lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
    child: () => logger,
  };
  return logger;
}

export interface TestServer {
  url: string;
  ports: MemoryPorts;
  instance: PluginInstance;
  context: PluginContext;
  logs: LogLine[];
  /** A running demo traject and another gemeente's. */
  trajectIds: { aanZee: string; other: string };
  close(): Promise<void>;
}

/**
 * The Teams plugin started as `serve` starts it (core's test kit for the ports; signed links made and checked
 * with the forms package's token, as the server does), its routes on a plain Node HTTP server.
 */
export async function startTestServer(
  env: Record<string, string | undefined>,
  options: {
    /** The address links and the app id URI use, when a browser test reaches the server under another name. */
    publicUrl?: string;
    clock?: Clock;
    /** A fixed port (the Agents Playground's default endpoint is :3978); any free one by default. */
    port?: number;
  } = {},
): Promise<TestServer> {
  const clock = options.clock ?? movableClock(NOW);
  const template = getBuiltInTemplate('visieleertraject');
  // As the server stores them: every checklist item of the template present, ticked or not.
  const portfolio = demoPortfolio(TODAY, template).map((traject) => {
    const present = new Set(traject.checklist.map((item) => item.itemId));
    const missing = template.phases
      .flatMap((phase) => phase.checklist)
      .filter((item) => !present.has(item.id))
      .map((item) => ({ itemId: item.id, done: false }));
    return { ...traject, checklist: [...traject.checklist, ...missing] };
  });
  const ports = createMemoryPorts({ clock, trajects: portfolio });
  const aanZee = portfolio.find((traject) => traject.id === 'voorbeeld-aan-zee');
  const other = portfolio.find(
    (traject) => traject.id !== 'voorbeeld-aan-zee' && traject.status === 'lopend',
  );
  if (!aanZee || !other) throw new Error('De demodata bevat de verwachte trajecten niet meer.');

  let routes: PluginInstance['routes'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = (routes ?? [])
      .filter((candidate) => path === candidate.path || path.startsWith(`${candidate.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(req, res, (error) => {
      if (!res.headersSent) res.writeHead(error ? 500 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicUrl = options.publicUrl ?? url;

  const logs: LogLine[] = [];
  const context = createTestPluginContext({
    ports,
    clock,
    publicUrl,
    env,
    logger: recordingLogger(logs),
    signLink(input) {
      const token = signFormToken(
        {
          formId: input.path === 'traject' ? TRAJECT_PAGE_FORM_ID : (input.formId ?? ''),
          trajectId: input.trajectId,
          ...(input.subject ? { subject: input.subject } : {}),
          expiresAt: new Date(clock.now().getTime() + (input.ttlMs ?? 30 * 86_400_000)),
        },
        LINK_SECRET,
      );
      return `${publicUrl}/${input.path === 'traject' ? 'traject' : 'forms'}/${token}`;
    },
    verifyLink(token) {
      try {
        const claims = verifyFormToken(token, LINK_SECRET, clock.now());
        return {
          trajectId: claims.trajectId,
          formId: claims.formId,
          ...(claims.subject ? { subject: claims.subject } : {}),
        };
      } catch {
        return undefined;
      }
    },
  });
  const instance = await teamsPlugin.start(context);
  routes = instance.routes;
  return {
    url,
    ports,
    instance,
    context,
    logs,
    trajectIds: { aanZee: aanZee.id, other: other.id },
    async close() {
      await instance.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
