import { createRequire } from 'node:module';
import type { Logger } from '@visieleren/core';

/**
 * The Agents SDK logs through the `debug` package (namespaces `agents:<module>:<level>`), which writes to stderr
 * whenever DEBUG switches a namespace on: beside our structured logs, with whole activities and token claims in
 * its arguments. Here its `agents:` output goes to our logger instead, at debug level, as the message line only
 * (the arguments, where activities and tokens travel, are dropped). Other packages' `debug` output is untouched.
 */

interface DebugInstance {
  namespace?: string;
}

interface DebugModule {
  log: (this: DebugInstance, ...args: unknown[]) => void;
  formatArgs: (this: DebugInstance, args: unknown[]) => void;
}

// The one copy of `debug` the SDK's telemetry package loads (npm hoists it; package.json pins the same major).
const createDebug = createRequire(import.meta.url)('debug') as DebugModule;

let target: Logger | undefined;
let installed = false;

function isSdk(instance: DebugInstance | undefined): boolean {
  return typeof instance?.namespace === 'string' && instance.namespace.startsWith('agents:');
}

/** Sends the SDK's log lines to this logger from now on (the last plugin started in this process wins). */
export function routeSdkLogs(logger: Logger): void {
  target = logger;
  if (installed) return;
  installed = true;
  const log = createDebug.log;
  const formatArgs = createDebug.formatArgs;
  createDebug.formatArgs = function (args) {
    // The SDK's lines keep their plain message: no colours, no namespace prefix, no timing suffix.
    if (!isSdk(this)) formatArgs.call(this, args);
  };
  createDebug.log = function (...args) {
    if (!isSdk(this)) return log.apply(this, args);
    const message = typeof args[0] === 'string' ? args[0] : String(args[0]);
    target?.debug(`Agents SDK: ${message.split('\n')[0]?.slice(0, 300) ?? ''}`, { sdk: this.namespace });
  };
}
