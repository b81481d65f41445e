import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  createTrajectFromTemplate,
  fixedClock,
  getBuiltInTemplate,
  type PluginContext,
  type VisielerenPlugin,
} from '@visieleren/core';
import { aanmeldingForm, parseSubmission } from '@visieleren/forms';
import { AANMELDING_EXAMPLE } from '@visieleren/forms/testing';
import { createStore, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { createPinoLogger } from '../src/logging.js';
import { type RunningServer, startServer } from '../src/server.js';

/** `serve` mounting plugins through the one registration interface: a fake plugin, then the real three. */

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
  return createPinoLogger({ level: 'info', format: 'json', destination });
}

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let round = 0; round < 100; round++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('waited 10 s in vain');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-plugins-'));
  store = await createStore({ inMemory: true });
});

afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the plugin host in serve', () => {
  const worked: unknown[] = [];
  const forgotten: string[] = [];
  let seen: PluginContext | undefined;
  let server: RunningServer;

  const fake: VisielerenPlugin = {
    name: 'proef',
    label: 'Proefplugin',
    settings: [{ name: 'PROEF_SLEUTEL', required: true, secret: true, description: 'een sleutel' }],
    activation: (env) =>
      env.PROEF_SLEUTEL
        ? { enabled: true, reason: 'sleutel gezet' }
        : { enabled: false, reason: 'geen sleutel' },
    async start(context) {
      seen = context;
      await context.jobs.enqueue('proef.werk', { stap: 1 });
      return {
        routes: [
          {
            path: '/proef',
            handler: (req, res) => {
              // The body is still unread here: the API's JSON parser comes later.
              let body = '';
              req.on('data', (chunk: Buffer) => {
                body += chunk.toString();
              });
              req.on('end', () => {
                res.setHeader('content-type', 'text/plain');
                res.end(`ontvangen ${req.url} ${body}`);
              });
            },
          },
        ],
        jobs: [
          {
            name: 'proef.werk',
            async handler(data) {
              worked.push(data);
            },
          },
        ],
        async forget(participantKey) {
          forgotten.push(participantKey);
          return { removed: 2 };
        },
        describe: () => ['luistert op /proef'],
      };
    },
  };
  const broken: VisielerenPlugin = {
    name: 'stuk',
    label: 'Kapotte plugin',
    settings: [],
    activation: () => ({ enabled: true, reason: 'altijd' }),
    async start() {
      throw new Error('kan de dienst niet bereiken');
    },
  };
  const off: VisielerenPlugin = {
    name: 'uit',
    label: 'Uitgeschakeld',
    settings: [],
    activation: () => ({ enabled: false, reason: 'ONTBREKEND_GEHEIM ontbreekt' }),
    async start() {
      throw new Error('must not start');
    },
  };

  beforeAll(async () => {
    server = await startServer({
      env: loadEnv({
        PORT: '0',
        VISIELEREN_DATA_DIR: dataDir,
        VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
        VISIELEREN_SEED_DEMO: 'nee',
        PROEF_SLEUTEL: 'sleutel-die-geheim-blijft',
      }),
      cwd: dataDir,
      logger: logger(),
      store,
      clock: fixedClock('2027-02-08T10:00:00Z'),
      plugins: [fake, broken, off],
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('reports each plugin as on or off with the reason, and keeps running when one fails to start', () => {
    expect(server.plugins.map(({ name, enabled }) => ({ name, enabled }))).toEqual([
      { name: 'proef', enabled: true },
      { name: 'stuk', enabled: false },
      { name: 'uit', enabled: false },
    ]);
    expect(logText).toContain('"msg":"Proefplugin: aan — sleutel gezet"');
    expect(logText).toContain('"msg":"Proefplugin: luistert op /proef"');
    expect(logText).toContain('"msg":"Kapotte plugin: uit — starten mislukt: kan de dienst niet bereiken"');
    expect(logText).toContain('"msg":"Uitgeschakeld: uit — ONTBREKEND_GEHEIM ontbreekt"');
    expect(logText).not.toContain('sleutel-die-geheim-blijft');
  });

  it('hands the plugin ports and the public address, never the store', () => {
    expect(seen?.publicUrl).toBe(server.url);
    expect(seen).not.toHaveProperty('store');
    expect(typeof seen?.links.updatePayload).toBe('function');
    expect(typeof seen?.linkCodes.redeem).toBe('function');
  });

  it('mounts its routes before the API body parser', async () => {
    const response = await fetch(`${server.url}/proef/iets?x=1`, { method: 'POST', body: '{"ruw":true}' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ontvangen /iets?x=1 {"ruw":true}');
  });

  it('runs the jobs it registers on pg-boss, visible in the job list', async () => {
    await waitFor(() => worked.length > 0);
    expect(worked).toEqual([{ stap: 1 }]);
    const jobs = await server.jobs.list({ name: 'proef.werk' });
    expect(jobs.map((job) => job.state)).toEqual(['completed']);
  });

  it('takes an aanmelding from a plugin: an aangemeld traject with the answers on its dossier', async () => {
    const parsed = parseSubmission(
      aanmeldingForm(getBuiltInTemplate('visieleertraject')),
      'html',
      AANMELDING_EXAMPLE,
      'nl',
    );
    if (!parsed.ok || !seen) throw new Error('de testantwoorden zijn ongeldig');
    const { trajectId, name } = await seen.aanmeldingen.submit(parsed.answers, {
      surface: 'teams',
      actor: 'teams:aad-sanne',
    });
    expect(name).toBe('Medemblik');
    expect((await store.trajects.get(trajectId, { kind: 'all' })).status).toBe('aangemeld');
    expect(await store.formSubmissions.list(trajectId, { formId: 'aanmelding' })).toEqual([
      expect.objectContaining({ surface: 'teams', subject: 'sanne.deboer@medemblik.example' }),
    ]);
    const count = await store.trajects.count();
    await expect(
      seen.aanmeldingen.submit({ gemeente: '' }, { surface: 'teams', actor: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await store.trajects.count()).toBe(count);
  });

  it('signs links the plugin can verify, and refuses altered ones', () => {
    const url = seen?.signLink({ path: 'traject', trajectId: 'ede-2027' }) ?? '';
    expect(url.startsWith(`${server.url}/traject/`)).toBe(true);
    const token = url.split('/').pop() ?? '';
    expect(seen?.verifyLink(token)).toMatchObject({ trajectId: 'ede-2027' });
    expect(seen?.verifyLink(`${token.slice(0, -2)}xx`)).toBeUndefined();
  });

  it('links each overview row to its traject page on a local server, and the page opens without Teams', async () => {
    const template = getBuiltInTemplate('visieleertraject');
    const traject = createTrajectFromTemplate(template, {
      id: 'zaanstad-2027',
      gemeenten: [{ name: 'Zaanstad' }],
      kernvraag: 'Hoe maken we de toegang eenvoudiger?',
      themes: ['inwoner-centraal'],
      start: '2027-01-11',
    });
    await store.trajects.create(traject, 'test');
    const overview = await (await fetch(`${server.url}/`)).text();
    const href = /<a href="([^"]+)">Zaanstad<\/a>/.exec(overview)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toMatch(new RegExp(`^${server.url}/traject/`));
    const page = await fetch(href as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Zaanstad');
    const altered = await fetch(`${href}x`);
    expect(altered.status).toBe(403);
  });

  it('calls the forget hooks of the running plugins', async () => {
    expect(await server.forgetInPlugins('a.b@gemeente.nl', 'cli')).toEqual({ proef: 2 });
    expect(forgotten).toEqual(['a.b@gemeente.nl']);
  });
});

describe('serve with Teams, Slack and Notion switched on', () => {
  let server: RunningServer;

  beforeAll(async () => {
    logText = '';
    server = await startServer({
      env: loadEnv({
        PORT: '0',
        VISIELEREN_DATA_DIR: dataDir,
        VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
        VISIELEREN_SEED_DEMO: 'nee',
        TEAMS_LOCAL: '1',
        SLACK_SIGNING_SECRET: 'slack-ondertekengeheim-voor-de-test',
        SLACK_BOT_TOKEN: 'xoxb-geheim-token-voor-de-test',
        SLACK_TEAM_ID: 'T0VISIE01',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        NOTION_TOKEN: 'ntn_geheim-notion-token-voor-de-test',
        NOTION_API_BASE_URL: 'http://127.0.0.1:9',
      }),
      cwd: dataDir,
      logger: logger(),
      store,
      clock: fixedClock('2027-02-08T10:00:00Z'),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('reports all three on, and no secret in the log', () => {
    expect(server.plugins.map(({ name, enabled }) => ({ name, enabled }))).toEqual([
      { name: 'teams', enabled: true },
      { name: 'slack', enabled: true },
      { name: 'notion', enabled: true },
    ]);
    for (const secret of ['slack-ondertekengeheim', 'xoxb-geheim', 'ntn_geheim']) {
      expect(logText).not.toContain(secret);
    }
  });

  it('mounts the vendor endpoints: Slack refuses an unsigned request, the traject page an altered link', async () => {
    const slack = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Fvisieleren&text=help',
    });
    expect(slack.status).toBe(401);
    const page = await fetch(`${server.url}/traject/niet-ondertekend`);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
  });
});
