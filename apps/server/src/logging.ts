import type { Logger } from '@visieleren/core';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './env.js';

/**
 * Paths pino replaces with "[verborgen]" before a line is written. Secrets must never reach a log, whatever
 * a caller passes in: request headers, tokens, webhook and forms secrets, database URLs with passwords.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-visieleren-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'token',
  'plaintext',
  'secret',
  'password',
  'databaseUrl',
  'formsSecret',
  '*.authorization',
  '*.token',
  '*.plaintext',
  '*.secret',
  '*.password',
  '*.databaseUrl',
  '*.formsSecret',
  '*.webhookSecret',
];

export interface LoggingOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go; standard output by default. Tests pass a stream they can read. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

export function createPinoLogger(options: LoggingOptions): PinoLogger {
  const destination = options.destination ?? process.stdout;
  const stream =
    options.format === 'pretty'
      ? // pino-pretty as a stream in this thread (not a worker transport): it survives bundling and exits cleanly.
        pretty({ destination, colorize: destination === process.stdout && process.stdout.isTTY, sync: true })
      : destination;
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[verborgen]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream as DestinationStream,
  );
}

/** Backs core's Logger port with pino, so libraries log through the same redacting pipeline. */
export function toCoreLogger(logger: PinoLogger): Logger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (fields) => toCoreLogger(logger.child(fields)),
  };
}
