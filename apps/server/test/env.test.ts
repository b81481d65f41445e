import { ConfigurationError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, loadEnv, redactDatabaseUrl } from '../src/env.js';

const SECRET = 'x'.repeat(40);

function errorOf(env: Record<string, string | undefined>): ConfigurationError {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('loadEnv accepted an invalid environment');
}

describe('loadEnv', () => {
  it('has working defaults for the embedded database', () => {
    const env = loadEnv({});
    expect(env.port).toBe(DEFAULT_PORT);
    expect(env.host).toBe('127.0.0.1');
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toBe('./.visieleren/data');
    expect(env.dispatchIntervalMs).toBe(60_000);
    expect(env.logFormat).toBe('json');
    expect(env.webhook).toBeUndefined();
    expect(env.seedDemo).toBe(true);
  });

  it('uses pretty logs on a terminal and listens on every interface with PostgreSQL', () => {
    expect(loadEnv({}, { isTerminal: true }).logFormat).toBe('pretty');
    const env = loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/vl', VISIELEREN_FORMS_SECRET: SECRET });
    expect(env.host).toBe('0.0.0.0');
    expect(env.formsSecret).toBe(SECRET);
  });

  it('treats empty values as not set, like a .env file with blanks', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '  ' }).port).toBe(DEFAULT_PORT);
  });

  it.each([
    [{ PORT: 'abc' }, /Zet PORT op een poortnummer.*"abc"/],
    [{ PORT: '70000' }, /Zet PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /Zet DATABASE_URL op een URL die begint met postgres:/],
    [{ LOG_LEVEL: 'loud' }, /Zet LOG_LEVEL op een van: fatal, error/],
    [{ LOG_FORMAT: 'xml' }, /Zet LOG_FORMAT op een van: json, pretty/],
    [{ VISIELEREN_WEBHOOK_URL: 'ftp://x' }, /Zet VISIELEREN_WEBHOOK_URL/],
    [{ VISIELEREN_DISPATCH_INTERVAL_MS: '1.5' }, /Zet VISIELEREN_DISPATCH_INTERVAL_MS/],
    [{ VISIELEREN_FORMS_SECRET: 'kort' }, /Zet VISIELEREN_FORMS_SECRET op een geheim van minstens 32 tekens/],
    [{ DATABASE_URL: 'postgres://db/vl' }, /Zet VISIELEREN_FORMS_SECRET.*wanneer DATABASE_URL gezet is/],
    [
      { VISIELEREN_WEBHOOK_URL: 'https://hook.example/x' },
      /VISIELEREN_WEBHOOK_URL is gezet maar VISIELEREN_WEBHOOK_SECRET niet.*openssl rand -hex 32/s,
    ],
    [
      { VISIELEREN_WEBHOOK_URL: 'https://hook.example/x', VISIELEREN_WEBHOOK_SECRET: 'kort' },
      /VISIELEREN_WEBHOOK_SECRET niet \(of korter dan 32 tekens\)/,
    ],
    [{ VISIELEREN_REQUEST_TIMEOUT_MS: '5' }, /Zet VISIELEREN_REQUEST_TIMEOUT_MS/],
    [
      { VISIELEREN_WEBHOOK_SECRET: 'geheim' },
      /VISIELEREN_WEBHOOK_SECRET is gezet maar VISIELEREN_WEBHOOK_URL niet/,
    ],
  ])('names the variable in a Dutch error: %o', (env, message) => {
    expect(errorOf(env).message).toMatch(message);
  });

  it('lists every bad variable at once', () => {
    const message = errorOf({ PORT: 'x', LOG_LEVEL: 'y' }).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('never repeats a secret value in an error', () => {
    const message = errorOf({ VISIELEREN_FORMS_SECRET: 'supergeheim' }).message;
    expect(message).not.toContain('supergeheim');
  });

  it('keeps the environment for the plugins and reads SMTP with a default sender', () => {
    const source = { SLACK_BOT_TOKEN: 'xoxb-1', SMTP_URL: 'smtp://127.0.0.1:2525' };
    const env = loadEnv(source);
    expect(env.source).toBe(source);
    expect(env.smtp).toEqual({ url: 'smtp://127.0.0.1:2525', from: 'Visieleren <noreply@visieleren.nl>' });
    expect(loadEnv({}).smtp).toBeUndefined();
    expect(errorOf({ SMTP_URL: 'http://mail.example' }).message).toMatch(/SMTP_URL/);
  });

  it('configures the webhook notifier with its secret and a default timeout', () => {
    const secret = 'x'.repeat(32);
    const env = loadEnv({
      VISIELEREN_WEBHOOK_URL: 'https://hook.example/x',
      VISIELEREN_WEBHOOK_SECRET: secret,
    });
    expect(env.webhook).toEqual({ url: 'https://hook.example/x', secret, timeoutMs: 10_000 });
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password', () => {
    expect(redactDatabaseUrl('postgres://user:s3cret@db:5432/vl')).toBe('postgres://user:***@db:5432/vl');
    expect(redactDatabaseUrl('not a url')).not.toContain('not a url');
  });
});
