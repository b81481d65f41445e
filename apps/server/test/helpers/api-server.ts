import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fixedClock, type Logger, systemClock } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { truncateAll } from '@visieleren/store/testing';
import type { Express, Router } from 'express';
import { createTrajectDomain } from '../../src/domain.js';
import { type AppOptions, createApp } from '../../src/http/app.js';
import { createStoreFormsRouter } from '../../src/http/mount-forms.js';
import { createPinoLogger, toCoreLogger } from '../../src/logging.js';

/** The day the API tests live in: a Monday in the middle of a traject that started in January. */
export const TEST_NOW = '2027-02-08T10:00:00Z';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely typed JSON
  body: any;
  text: string;
}

export interface TestApi {
  baseUrl: string;
  /** The Express app, to list the routes it mounts. */
  app: Express;
  store: Store;
  /** Every log line the server wrote, as text. */
  logs(): string;
  request(
    method: string,
    path: string,
    options?: { token?: string; json?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** One in-memory PGlite store and one HTTP server on 127.0.0.1:0 per test file. */
export async function startTestApi(
  options: Pick<AppOptions, 'apiWriteLimit' | 'now' | 'mounts' | 'vngSignIn' | 'trustProxy' | 'services'> & {
    /** Also serve the HTML forms (as `serve` does), with this secret, logging to the same log. */
    formsSecret?: string;
    /** Also serve these pages (as `serve` does), made with the test's store and logging to the same log. */
    pages?: (store: Store, logger: Logger) => Router;
  } = {},
): Promise<TestApi> {
  let logText = '';
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logText += chunk.toString();
      callback();
    },
  });
  const logger = createPinoLogger({ level: 'info', format: 'json', destination });
  const store = await createStore({ inMemory: true });
  await store.migrate();
  const { formsSecret, pages, ...appOptions } = options;
  const mounts = [...(appOptions.mounts ?? [])];
  if (pages) mounts.push({ path: '/', router: pages(store, toCoreLogger(logger)) });
  if (formsSecret) {
    mounts.push({
      path: '/',
      router: createStoreFormsRouter({
        store,
        secret: formsSecret,
        clock: systemClock,
        logger: toCoreLogger(logger),
      }),
    });
  }
  const app = createApp({
    store,
    domain: createTrajectDomain(fixedClock(TEST_NOW)),
    logger,
    ...appOptions,
    mounts,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    app,
    store,
    logs: () => logText,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.raw !== undefined) {
        body = options.raw;
        headers['content-type'] ??= 'application/json';
      } else if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    reset: () => truncateAll(store),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** A valid POST /api/v1/trajecten body. */
export function newTrajectBody(overrides: Record<string, unknown> = {}) {
  return {
    templateKey: 'visieleertraject',
    startDate: '2027-01-11',
    gemeenten: [{ name: 'Ede' }],
    kernvraag: 'Hoe houden we de toegang dichtbij de inwoner?',
    themes: ['inwoner-centraal'],
    region: 'midden',
    ...overrides,
  };
}
