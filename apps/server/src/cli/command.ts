import type { ParseArgsConfig } from 'node:util';
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
}

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandContext<V = OptionValues> {
  values: V;
  positionals: string[];
  io: CliIo;
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
