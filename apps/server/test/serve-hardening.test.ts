import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectDomain } from '../src/domain.js';
import { loadEnv } from '../src/env.js';
import { createApp } from '../src/http/app.js';
import { createPinoLogger } from '../src/logging.js';
import { type RunningServer, startServer } from '../src/server.js';
import { freePort } from './helpers/own-postgres.js';

/**
 * `serve` as a neighbour would probe it: another domain pointed at 127.0.0.1 (DNS rebinding), a body that
 * trickles in a byte at a time, a database that is not there.
 */

let dataDir: string;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-buren-'));
  // The public address is a proxy's; the server itself listens on 127.0.0.1 at a port of its own.
  port = await freePort();
  server = await startServer({
    env: loadEnv({
      PORT: String(port),
      VISIELEREN_DATA_DIR: dataDir,
      VISIELEREN_SEED_DEMO: 'ja',
      VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
      VISIELEREN_REQUEST_TIMEOUT_MS: '2000',
      VISIELEREN_PUBLIC_URL: 'http://visieleren.gemeente.test:8080',
    }),
    cwd: dataDir,
    logger: createPinoLogger({ level: 'error', format: 'json' }),
    plugins: [],
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the embedded default', () => {
  it('answers only to its own names: a rebound domain gets 421 and no signed link', async () => {
    const rebound = await get('/', 'rebind.evil.example');
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('/traject/');
    expect((await get('/api/v1/openapi.json', `rebind.evil.example:${port}`)).status).toBe(421);
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      'visieleren.gemeente.test:8080',
      'LOCALHOST',
    ]) {
      expect((await get('/healthz', host)).status, host).toBe(200);
    }
  });

  it('cuts off a body that trickles in a byte every five seconds (408 and closed)', async () => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.write(
      `POST /api/v1/trajecten HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
    );
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 5_000);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(trickle);
    // VISIELEREN_REQUEST_TIMEOUT_MS is 2 s here; Node checks every second.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);
});

describe('a database that is not there', () => {
  let store: Store;
  let away: Server;
  let baseUrl: string;

  beforeAll(async () => {
    // Nothing listens on port 1: every query fails to connect, as during a restart or failover.
    store = await createStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/weg', maxConnections: 2 });
    const app = createApp({
      store,
      domain: createTrajectDomain(fixedClock('2027-02-08T10:00:00Z')),
      logger: createPinoLogger({ level: 'fatal', format: 'json' }),
    });
    away = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(away.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    away.closeAllConnections();
    await new Promise<void>((resolve) => away.close(() => resolve()));
    await store.close();
  });

  it('gives 503 with Retry-After on the API, the pages and /readyz, never 500', async () => {
    const api = await fetch(`${baseUrl}/api/v1/trajecten`, {
      headers: { authorization: `Bearer vl_${'A'.repeat(43)}` },
    });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await api.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE');

    const page = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Even niet beschikbaar');

    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(503);
  });
});
