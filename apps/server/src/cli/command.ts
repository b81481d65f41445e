import type { ParseArgsConfig } from 'node:util';
import type { MailerPort } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import type { ServerEnv } from '../env.js';
import type { PluginHost } from '../plugins/host.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Folder relative paths are read from. */
  cwd: string;
  /** The environment; only `env.ts` interprets it. */
  env: Record<string, string | undefined>;
  /** Set when the command runs inside `visieleren serve` on behalf of a CLI in another shell. */
  attached?: AttachedServer;
}

/** What a running server lends a command it runs for the CLI: its open store, settings and plugins. */
export interface AttachedServer {
  store: Store;
  /** The server's settings, with `publicUrl` its public address (links point there). */
  env: ServerEnv;
  plugins: Pick<PluginHost, 'forget'>;
  /** The server's e-mail (SMTP_URL), when set: `forms link --mail-naar` sends through it. */
  mailer?: MailerPort;
}

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandContext<V = OptionValues> {
  values: V;
  positionals: string[];
  io: CliIo;
  /**
   * The CLI's own entry point, for a command that runs others (`serve`'s CLI channel). Handed in rather than
   * imported, so that no command module imports `cli/run.ts`, which loads the commands, back.
   */
  runCli(argv: string[], io: CliIo): Promise<number>;
}

/** One CLI command. `path` is the words that select it: `['vit', 'score']` is `visieleren vit score`. */
export interface Command {
  path: string[];
  /** One line in Dutch for the overview. */
  summary: string;
  /** Full Dutch help text shown by `--help`: usage line, options, an example. */
  help: string;
  options: OptionSpec;
  /** Older option names still accepted: `{ region: 'regio' }` reads `--region` as `--regio`. */
  aliases?: Record<string, string>;
  /** Allow positional arguments after the command words. */
  allowPositionals?: boolean;
  /** Returns the exit code. Throw UsageError for bad arguments (exit code 2). */
  run(context: CommandContext): Promise<number> | number;
}

/** Bad arguments: printed in Dutch with the argument's name, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`Het argument --${name} ontbreekt.`);
  }
  return value;
}

export function oneOf<T extends string>(
  values: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = values[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `Ongeldige waarde voor --${name}: ${JSON.stringify(value ?? '')}. Kies uit: ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

/**
 * Runs `work`; a ValidationError from the core or an admin function whose field is one of `fields` becomes a
 * usage error naming the CLI's option (`{ reden: 'reden' }`: the field `reden` is `--reden`).
 */
export async function withOptionNames<T>(fields: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const candidate = error as { code?: unknown; issues?: Array<{ path?: unknown }>; message?: unknown };
    const field = candidate.code === 'VALIDATION' ? candidate.issues?.[0]?.path : undefined;
    const option = typeof field === 'string' ? fields[field] : undefined;
    if (option) throw new UsageError(`Het argument --${option}: ${String(candidate.message)}`);
    throw error;
  }
}
