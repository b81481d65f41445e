import { ConfigurationError } from '@visieleren/core';
// The light subpath: every CLI command checks the settings, and the Agents SDK is not needed for that.
import { teamsLocalModeRefusal } from '@visieleren/teams-bot/local-mode';
import { z } from 'zod';

/**
 * The only place that reads the environment. Every other module takes the typed `ServerEnv`.
 * Each error names the variable and says what to put in it, in Dutch.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOG_FORMATS = ['json', 'pretty'] as const;

/** Empty strings in a `.env` file mean "not set", as most tools treat them. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function integer(name: string, what: string, min: number, max: number) {
  return optionalText.pipe(
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return undefined;
        const number = Number(value);
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
          context.addIssue({
            code: 'custom',
            message: `Zet ${name} op ${what} (een geheel getal van ${min} tot en met ${max}); nu: ${JSON.stringify(value)}.`,
          });
          return z.NEVER;
        }
        return number;
      }),
  );
}

function url(name: string, protocols: string[], example: string) {
  return optionalText.pipe(
    z
      .string()
      .optional()
      .refine(
        (value) => {
          if (value === undefined) return true;
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        {
          message: `Zet ${name} op een URL die begint met ${protocols.join(' of ')}, bijvoorbeeld ${example}.`,
        },
      ),
  );
}

function oneOfText<T extends string>(name: string, allowed: readonly T[]) {
  return optionalText.pipe(
    z
      .string()
      .optional()
      .refine((value) => value === undefined || (allowed as readonly string[]).includes(value), {
        message: `Zet ${name} op een van: ${allowed.join(', ')}.`,
      })
      .transform((value) => value as T | undefined),
  );
}

/** A hop count, or Express's names and IP addresses/ranges separated by commas (checked again by Express). */
const PROXY_ADDRESS = String.raw`(?:loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(?:\/\d{1,3})?)`;
const TRUST_PROXY = new RegExp(String.raw`^(?:[1-9]|${PROXY_ADDRESS}(?:\s*,\s*${PROXY_ADDRESS})*)$`);

const rawEnvSchema = z.object({
  PORT: integer('PORT', 'een poortnummer', 0, 65_535),
  HOST: optionalText,
  DATABASE_URL: url(
    'DATABASE_URL',
    ['postgres:', 'postgresql:'],
    'postgres://gebruiker:wachtwoord@host:5432/db',
  ),
  VISIELEREN_DATA_DIR: optionalText,
  LOG_LEVEL: oneOfText('LOG_LEVEL', LOG_LEVELS),
  LOG_FORMAT: oneOfText('LOG_FORMAT', LOG_FORMATS),
  VISIELEREN_PUBLIC_URL: url('VISIELEREN_PUBLIC_URL', ['http:', 'https:'], 'https://visieleren.example.nl'),
  VISIELEREN_FORMS_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message:
      'Zet VISIELEREN_FORMS_SECRET op een geheim van minstens 32 tekens (bijvoorbeeld: openssl rand -hex 32).',
  }),
  VISIELEREN_WEBHOOK_URL: url(
    'VISIELEREN_WEBHOOK_URL',
    ['http:', 'https:'],
    'https://hooks.example.nl/herinnering',
  ),
  VISIELEREN_WEBHOOK_SECRET: optionalText,
  VISIELEREN_WEBHOOK_TIMEOUT_MS: integer(
    'VISIELEREN_WEBHOOK_TIMEOUT_MS',
    'een aantal milliseconden',
    100,
    120_000,
  ),
  VISIELEREN_DISPATCH_INTERVAL_MS: integer(
    'VISIELEREN_DISPATCH_INTERVAL_MS',
    'een aantal milliseconden',
    50,
    86_400_000,
  ),
  VISIELEREN_REQUEST_TIMEOUT_MS: integer(
    'VISIELEREN_REQUEST_TIMEOUT_MS',
    'een aantal milliseconden',
    1_000,
    600_000,
  ),
  VISIELEREN_LEASE_MS: integer('VISIELEREN_LEASE_MS', 'een aantal milliseconden', 100, 3_600_000),
  VISIELEREN_MAX_ATTEMPTS: integer('VISIELEREN_MAX_ATTEMPTS', 'een aantal pogingen', 1, 100),
  VISIELEREN_SEED_DEMO: oneOfText('VISIELEREN_SEED_DEMO', ['ja', 'nee'] as const),
  VISIELEREN_TRUST_PROXY: optionalText.refine((value) => value === undefined || TRUST_PROXY.test(value), {
    message:
      "Zet VISIELEREN_TRUST_PROXY op het aantal proxies voor de server (1-9), of op de adressen ervan (zoals loopback of 10.0.0.0/8, met komma's).",
  }),
  SMTP_URL: url('SMTP_URL', ['smtp:', 'smtps:'], 'smtp://gebruiker:wachtwoord@smtp.example.nl:587'),
  SMTP_FROM: optionalText,
});

export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface WebhookConfig {
  url: string;
  /** Required: every delivery is signed (HMAC-SHA256), see the README for the receiver's check. */
  secret: string;
  timeoutMs: number;
}

export interface ServerEnv {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  publicUrl: string | undefined;
  /** Undefined on the embedded database: then it is generated once and kept in the data folder. */
  formsSecret: string | undefined;
  webhook: WebhookConfig | undefined;
  dispatchIntervalMs: number;
  /** A request (headers and body) must arrive whole within this time, or the connection is closed. */
  requestTimeoutMs: number;
  leaseMs: number;
  maxAttempts: number;
  /** Seed the demo portfolio into an empty embedded database. */
  seedDemo: boolean;
  /** E-mail (invites, availability links) through SMTP; undefined: they are shown to the VNG team instead. */
  smtp: { url: string; from: string } | undefined;
  /**
   * Which proxies in front of the server to believe about the client's address and protocol (X-Forwarded-For,
   * -Proto): a hop count or addresses. Undefined: none, the connection's own address counts.
   */
  trustProxy: number | string[] | undefined;
  /** The environment as given: each plugin reads and checks its own settings (see src/plugins/registry.ts). */
  source: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_PORT = 3978;
export const DEFAULT_DATA_DIR = './.visieleren/data';

/**
 * Reads and validates the environment. `isTerminal` decides the default log format (pretty for people,
 * JSON for machines). Throws a ConfigurationError listing every bad variable.
 */
export function loadEnv(
  env: Record<string, string | undefined>,
  options: { isTerminal?: boolean } = {},
): ServerEnv {
  const result = rawEnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.message}`);
    throw new ConfigurationError(['De configuratie (omgevingsvariabelen) is ongeldig:', ...lines].join('\n'));
  }
  const raw = result.data;
  if (raw.DATABASE_URL !== undefined && raw.VISIELEREN_FORMS_SECRET === undefined) {
    throw new ConfigurationError(
      'De configuratie (omgevingsvariabelen) is ongeldig:\n  - Zet VISIELEREN_FORMS_SECRET (minstens 32 tekens) ' +
        'wanneer DATABASE_URL gezet is: alle instanties moeten hetzelfde geheim gebruiken.',
    );
  }
  if (raw.VISIELEREN_WEBHOOK_URL !== undefined && (raw.VISIELEREN_WEBHOOK_SECRET ?? '').length < 32) {
    throw new ConfigurationError(
      'De configuratie (omgevingsvariabelen) is ongeldig:\n  - VISIELEREN_WEBHOOK_URL is gezet maar ' +
        'VISIELEREN_WEBHOOK_SECRET niet (of korter dan 32 tekens): elke herinnering wordt ondertekend, zodat ' +
        'de ontvanger kan nagaan dat zij van deze server komt. Zet een geheim, bijvoorbeeld: openssl rand -hex 32.',
    );
  }
  if (raw.VISIELEREN_WEBHOOK_SECRET !== undefined && raw.VISIELEREN_WEBHOOK_URL === undefined) {
    throw new ConfigurationError(
      'De configuratie (omgevingsvariabelen) is ongeldig:\n  - VISIELEREN_WEBHOOK_SECRET is gezet maar ' +
        'VISIELEREN_WEBHOOK_URL niet: zet ook VISIELEREN_WEBHOOK_URL, of laat het geheim weg.',
    );
  }
  const interval = raw.VISIELEREN_DISPATCH_INTERVAL_MS ?? 60_000;
  // Embedded (a laptop, `npm start`): only this machine. With PostgreSQL the server runs behind a load
  // balancer or in a container, where it must listen on every interface.
  const host = raw.HOST ?? (raw.DATABASE_URL === undefined ? '127.0.0.1' : '0.0.0.0');
  const teamsRefusal = teamsLocalModeRefusal(env, host);
  if (teamsRefusal) {
    throw new ConfigurationError(`De configuratie (omgevingsvariabelen) is ongeldig:\n  - ${teamsRefusal}`);
  }
  return {
    port: raw.PORT ?? DEFAULT_PORT,
    host,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.VISIELEREN_DATA_DIR ?? DEFAULT_DATA_DIR,
    logLevel: raw.LOG_LEVEL ?? 'info',
    logFormat: raw.LOG_FORMAT ?? (options.isTerminal ? 'pretty' : 'json'),
    publicUrl: raw.VISIELEREN_PUBLIC_URL?.replace(/\/+$/, ''),
    formsSecret: raw.VISIELEREN_FORMS_SECRET,
    webhook:
      raw.VISIELEREN_WEBHOOK_URL === undefined
        ? undefined
        : {
            url: raw.VISIELEREN_WEBHOOK_URL,
            secret: raw.VISIELEREN_WEBHOOK_SECRET ?? '',
            timeoutMs: raw.VISIELEREN_WEBHOOK_TIMEOUT_MS ?? 10_000,
          },
    dispatchIntervalMs: interval,
    requestTimeoutMs: raw.VISIELEREN_REQUEST_TIMEOUT_MS ?? 30_000,
    // A lease must outlive one delivery attempt (the webhook timeout) with room to spare.
    leaseMs: raw.VISIELEREN_LEASE_MS ?? Math.max(5 * 60_000, interval * 2),
    maxAttempts: raw.VISIELEREN_MAX_ATTEMPTS ?? 8,
    seedDemo: (raw.VISIELEREN_SEED_DEMO ?? 'ja') === 'ja',
    trustProxy:
      raw.VISIELEREN_TRUST_PROXY === undefined
        ? undefined
        : /^\d$/.test(raw.VISIELEREN_TRUST_PROXY)
          ? Number(raw.VISIELEREN_TRUST_PROXY)
          : raw.VISIELEREN_TRUST_PROXY.split(',').map((part) => part.trim()),
    smtp:
      raw.SMTP_URL === undefined
        ? undefined
        : { url: raw.SMTP_URL, from: raw.SMTP_FROM ?? 'Visieleren <noreply@visieleren.nl>' },
    source: env,
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and messages. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const parsed = new URL(databaseUrl);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(ongeldige DATABASE_URL)';
  }
}
