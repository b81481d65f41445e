import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fixedClock } from '@visieleren/core';
import { signFormToken } from '@visieleren/forms';
import { createStore, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectDomain } from '../src/domain.js';
import { loadEnv } from '../src/env.js';
import { createApp } from '../src/http/app.js';
import { createPinoLogger } from '../src/logging.js';
import { LOCAL_TOKEN_LABEL, type RunningServer, startServer } from '../src/server.js';

/** `startServer` as `visieleren serve` runs it on the embedded default, with the logs captured. */

const WEBHOOK_SECRET = 'webhook-geheim-dat-nooit-in-een-log-mag';
let store: Store;
let dataDir: string;
let logText = '';

function logger() {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logText += chunk.toString();
      callback();
    },
  });
  return createPinoLogger({ level: 'debug', format: 'json', destination });
}

async function start(): Promise<RunningServer> {
  const env = loadEnv({
    PORT: '0',
    VISIELEREN_DATA_DIR: dataDir,
    VISIELEREN_WEBHOOK_URL: 'http://127.0.0.1:9/herinnering',
    VISIELEREN_WEBHOOK_SECRET: WEBHOOK_SECRET,
    VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
    SLACK_BOT_TOKEN: 'xoxb-geheim-slack-token',
  });
  return startServer({
    env,
    cwd: dataDir,
    logger: logger(),
    store,
    clock: fixedClock('2027-02-08T10:00:00Z'),
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-serve-'));
  store = await createStore({ inMemory: true });
});

afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('startServer on the embedded database', () => {
  let first: RunningServer;

  it('migrates, seeds the demo portfolio into the empty database and serves with a local VNG token', async () => {
    first = await start();
    expect(first.seeded).toBeGreaterThan(3);
    expect(first.localToken).toMatch(/^vl_/);
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    const list = await fetch(`${first.url}/api/v1/trajecten`, {
      headers: { authorization: `Bearer ${first.localToken}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { trajecten: unknown[] }).trajecten).toHaveLength(first.seeded);
    const tokens = await store.tokens.list();
    expect(tokens.filter((token) => token.label === LOCAL_TOKEN_LABEL)).toHaveLength(1);
  });

  it('keeps a generated forms secret in the data folder and serves signed form links', async () => {
    const file = join(dataDir, 'forms-secret');
    const secret = (await readFile(file, 'utf8')).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const [traject] = await store.trajects.list({ kind: 'all' });
    const token = signFormToken(
      { formId: 'evaluatie', trajectId: traject?.id ?? '', expiresAt: new Date('2099-01-01') },
      secret,
    );
    const form = await fetch(`${first.url}/forms/${token}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form/);
    const forged = await fetch(`${first.url}/forms/${token.slice(0, -3)}abc`);
    expect([403, 404, 410]).toContain(forged.status);
  });

  it('serves an availability form with the slots from its link and stores the answers', async () => {
    const secret = (await readFile(join(dataDir, 'forms-secret'), 'utf8')).trim();
    const [traject] = await store.trajects.list({ kind: 'all' });
    const trajectId = traject?.id ?? '';
    const slots = [
      { id: 'ma-ochtend', start: '2027-02-15T09:00', end: '2027-02-15T10:00' },
      { id: 'di-middag', start: '2027-02-16T13:00', end: '2027-02-16T14:00' },
    ];
    const expiresAt = new Date('2099-01-01');
    const token = signFormToken(
      { formId: 'beschikbaarheid', trajectId, subject: 'p7', slots, expiresAt },
      secret,
    );
    const page = await fetch(`${first.url}/forms/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('maandag 15 februari 2027, 09:00–10:00');
    expect(html).toContain('value="di-middag"');
    const body = new URLSearchParams([
      ['naam', 'Sanne Visser'],
      ['perspectief', 'bestuur'],
      ['tijdvakken', 'ma-ochtend'],
      ['tijdvakken', 'di-middag'],
    ]);
    const posted = await fetch(`${first.url}/forms/${token}`, { method: 'POST', body, redirect: 'manual' });
    expect(posted.status).toBe(303);
    const stored = await store.formSubmissions.list(trajectId);
    expect(stored.find((submission) => submission.formId === 'beschikbaarheid')).toMatchObject({
      subject: 'p7',
      answers: { naam: 'Sanne Visser', perspectief: 'bestuur', tijdvakken: ['ma-ochtend', 'di-middag'] },
    });
    const withoutSlots = signFormToken({ formId: 'beschikbaarheid', trajectId, expiresAt }, secret);
    const refused = await fetch(`${first.url}/forms/${withoutSlots}`);
    // The same page as for a missing traject: a link does not reveal more than its form.
    expect(refused.status).toBe(404);
  });

  it('on a restart revokes the earlier local token, makes a new one and does not seed again', async () => {
    const earlier = first.localToken;
    await first.close();
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    const second = await start();
    try {
      expect(second.seeded).toBe(0);
      const old = await fetch(`${second.url}/api/v1/trajecten`, {
        headers: { authorization: `Bearer ${earlier}` },
      });
      expect(old.status).toBe(401);
      const fresh = await fetch(`${second.url}/api/v1/trajecten`, {
        headers: { authorization: `Bearer ${second.localToken}` },
      });
      expect(fresh.status).toBe(200);
      const secret = (await readFile(join(dataDir, 'forms-secret'), 'utf8')).trim();
      expect(logText).not.toContain(secret);
    } finally {
      await second.close();
    }
  });

  it('logs which plugins are off and why, and never a secret', () => {
    expect(logText).toMatch(/"msg":"Slack: uit — [^"]*SLACK_SIGNING_SECRET/);
    expect(logText).toMatch(/"msg":"Microsoft Teams: uit — [^"]*TEAMS_APP_ID/);
    expect(logText).toContain('"msg":"Notion: uit — NOTION_TOKEN ontbreekt"');
    expect(logText).toContain('Herinneringen: via webhook');
    expect(logText).not.toContain(WEBHOOK_SECRET);
    expect(logText).not.toContain('xoxb-geheim-slack-token');
    expect(logText).not.toContain(first.localToken);
    expect(logText).toContain('"path":"/api/v1/trajecten"');
    expect(logText).toContain('"path":"/forms/…"');
  });
});

describe('startServer on a port in use', () => {
  it('says in Dutch which variable to change', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const env = loadEnv({
        PORT: String(port),
        VISIELEREN_DATA_DIR: dataDir,
        VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
      });
      await expect(startServer({ env, cwd: dataDir, logger: logger(), store })).rejects.toThrow(
        `Poort ${port} op 127.0.0.1 is al in gebruik: zet PORT op een andere poort.`,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe('/readyz', () => {
  it('answers 503 while the database is not migrated, and /healthz still 200', async () => {
    const fresh = await createStore({ inMemory: true });
    const app = createApp({
      store: fresh,
      domain: createTrajectDomain(fixedClock('2027-02-08T10:00:00Z')),
      logger: logger(),
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const notReady = await fetch(`${url}/readyz`);
      expect(notReady.status).toBe(503);
      // Problem details like every other error answer (RFC 9457).
      expect(notReady.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await notReady.json()).toMatchObject({
        status: 503,
        code: 'NOT_READY',
        title: 'Niet beschikbaar',
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await fresh.migrate();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fresh.close();
    }
  });
});

describe('logging', () => {
  it('redacts secrets whatever the caller passes', () => {
    logText = '';
    const log = logger();
    log.info(
      {
        req: { headers: { authorization: 'Bearer vl_geheim' } },
        token: 'vl_geheim2',
        databaseUrl: 'postgres://u:wachtwoord@db/vl',
        nested: { secret: 'diep-geheim', password: 'wachtwoord2' },
      },
      'test',
    );
    for (const secret of ['vl_geheim', 'vl_geheim2', 'wachtwoord', 'diep-geheim', 'wachtwoord2']) {
      expect(logText).not.toContain(secret);
    }
    expect(logText).toContain('[verborgen]');
  });
});
