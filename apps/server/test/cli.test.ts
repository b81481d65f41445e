import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nazorgDate } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './helpers/cli.js';

/**
 * The store-backed commands in-process, on a fresh PostgreSQL database (fast to open, unlike a PGlite folder),
 * exactly as a person runs them: same environment variables, exit codes and Dutch output.
 */

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let database: TemporaryDatabase;
let store: Store;
let cwd: string;

const cliEnv = () => ({
  DATABASE_URL: database.url,
  VISIELEREN_FORMS_SECRET: 'cli-test-geheim-van-minstens-32-tekens!!',
});
const cli = (...argv: string[]) => runCliCaptured(argv, { cwd, env: cliEnv() });

beforeAll(async () => {
  database = await createTemporaryDatabase(ADMIN_URL);
  store = await createStore({ databaseUrl: database.url, maxConnections: 2 });
  cwd = await mkdtemp(join(tmpdir(), 'visieleren-cli-'));
}, 60_000);

afterAll(async () => {
  await store?.close();
  await database?.drop();
  await rm(cwd, { recursive: true, force: true });
});

describe('visieleren db migrate', () => {
  it('applies the migrations once and then says the database is up to date', async () => {
    const first = await cli('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Toegepast op postgres:\/\/.*0000_init/);
    const second = await cli('db', 'migrate');
    expect(second.stdout).toMatch(/is al bijgewerkt/);
  });
});

describe('visieleren traject', () => {
  let id: string;

  it('creates a traject from flags', async () => {
    const result = await cli(
      'traject',
      'create',
      '--gemeente',
      'Stede Broec',
      '--gemeente',
      'Enkhuizen',
      '--start',
      '2027-01-11',
      '--kernvraag',
      'Hoe houden we de toegang dichtbij?',
      '--thema',
      'inwoner-centraal',
      '--regio',
      'noord',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { traject } = JSON.parse(result.stdout);
    id = traject.id;
    expect(id).toMatch(/^stede-broec-2027-[0-9a-f]{4}$/);
    expect(traject.gemeenten).toEqual([{ name: 'Stede Broec' }, { name: 'Enkhuizen' }]);
    expect(traject.region).toBe('noord');
  });

  it('creates a traject from a JSON file and explains a bad one per field', async () => {
    await writeFile(
      join(cwd, 'traject.json'),
      JSON.stringify({
        id: 'ede-2027',
        templateKey: 'visieleertraject',
        startDate: '2027-03-01',
        gemeenten: [{ name: 'Ede', cbsCode: 'GM0228' }],
        kernvraag: 'Wat vraagt de inwoner?',
      }),
    );
    const good = await cli('traject', 'create', '--file', 'traject.json');
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^Traject ede-2027 gemaakt: Ede, start 2027-03-01, 5 fasen/);

    await writeFile(
      join(cwd, 'slecht.json'),
      JSON.stringify({ templateKey: 'visieleertraject', startDate: '2027-13-01' }),
    );
    const bad = await cli('traject', 'create', '--file', 'slecht.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Het bestand bij --bestand is ongeldig/);
    expect(bad.stderr).toMatch(/startDate: /);
    expect(bad.stderr).toMatch(/gemeenten: /);

    const twice = await cli('traject', 'create', '--file', 'traject.json');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^Fout: /);
  });

  it('refuses missing and conflicting arguments with exit code 2', async () => {
    const missing = await cli('traject', 'create', '--gemeente', 'Ede', '--kernvraag', 'x');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Het argument --start ontbreekt/);
    const both = await cli('traject', 'create', '--file', 'traject.json', '--gemeente', 'Ede');
    expect(both.code).toBe(2);
    const badDate = await cli(
      'traject',
      'create',
      '--gemeente',
      'Ede',
      '--start',
      'morgen',
      '--kernvraag',
      'x',
    );
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/startDate: verwacht een datum als JJJJ-MM-DD/);
  });

  it('lists and shows trajects', async () => {
    const list = await cli('traject', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Stede Broec, Enkhuizen/);
    expect(list.stdout).toMatch(/ede-2027 /);
    const show = await cli('traject', 'show', id);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Stede Broec, Enkhuizen \(stede-broec-2027-[0-9a-f]{4}, revisie 1\)/);
    expect(show.stdout).toMatch(/Fasen \(verwachting\):/);
    const json = JSON.parse((await cli('traject', 'show', id, '--json')).stdout);
    expect(json.forecast.phases).toHaveLength(5);
    const unknown = await cli('traject', 'show', 'bestaat-niet');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Traject "bestaat-niet" bestaat niet/);
  });
});

describe('visieleren token create', () => {
  it('prints a working token once and stores only its hash', async () => {
    const result = await cli(
      'token',
      'create',
      '--role',
      'gemeente',
      '--traject',
      'ede-2027',
      '--label',
      'Ede',
    );
    expect(result.code, result.stderr).toBe(0);
    const token = /\b(vl_[A-Za-z0-9_-]+)/.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    const principal = await store.tokens.verify(token ?? '');
    expect(principal).toMatchObject({ role: 'gemeente', trajectId: 'ede-2027', label: 'Ede' });
  });

  it('needs --traject for a gemeente and refuses it for vng', async () => {
    expect((await cli('token', 'create', '--role', 'gemeente')).stderr).toMatch(/--traject ontbreekt/);
    const vng = await cli('token', 'create', '--role', 'vng', '--traject', 'ede-2027');
    expect(vng.code).toBe(2);
    const role = await cli('token', 'create', '--role', 'admin');
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/Ongeldige waarde voor --rol: "admin". Kies uit: vng, gemeente/);
    const unknown = await cli('token', 'create', '--role', 'gemeente', '--traject', 'bestaat-niet');
    expect(unknown.code).toBe(1);
  });
});

describe('visieleren reminders due', () => {
  it('lists what core computes and the delivery state from the outbox', async () => {
    // The week before Ede's start (2027-03-01): the phase-start reminder of its first phase is due.
    const at = '2027-02-23T10:00:00+01:00';
    const result = await cli('reminders', 'due', '--at', at, '--json');
    expect(result.code, result.stderr).toBe(0);
    const { due } = JSON.parse(result.stdout);
    const ede = due.filter((intent: { trajectId: string }) => intent.trajectId === 'ede-2027');
    expect(ede.length).toBeGreaterThan(0);
    expect(ede[0].deliveries).toEqual([]);

    const [first] = ede;
    const webhook = { channel: 'webhook', address: 'webhook', kind: 'endpoint' } as const;
    await store.reminderOutbox.enqueue([
      {
        intent: first,
        channel: 'webhook',
        recipient: webhook,
        timelyUntil: new Date(Date.now() + 86_400_000),
      },
    ]);
    const claimed = await store.reminderOutbox.claim(
      { key: first.key, channel: 'webhook', recipient: 'webhook' },
      { leaseMs: 60_000 },
    );
    if (!claimed) throw new Error('claim verwacht');
    await store.reminderOutbox.markFailed(claimed.claim, 'ontvanger stuk', undefined);
    const text = await cli('reminders', 'due', '--at', at);
    expect(text.stdout).toMatch(
      /^Herinneringen die nu verstuurd moeten worden \(23 februari 2027 om 10:00\): \d+/,
    );
    expect(text.stdout).toContain(first.key);
    expect(text.stdout).toMatch(/webhook: DEFINITIEF MISLUKT na 1 pogingen/);
    expect(text.stdout).toMatch(/nog niet verstuurd/);
  });

  it('refuses a malformed --at', async () => {
    const result = await cli('reminders', 'due', '--at', 'gisteren');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Het argument --moment verwacht een tijdstip/);
  });
});

describe('visieleren export and forget', () => {
  it('exports the whole dossier to stdout and to a file', async () => {
    const result = await cli('export', '--traject', 'ede-2027');
    expect(result.code).toBe(0);
    const dossier = JSON.parse(result.stdout);
    expect(dossier.traject.id).toBe('ede-2027');
    expect(dossier.audit.map((entry: { action: string }) => entry.action)).toContain('traject.create');
    const toFile = await cli('export', '--traject', 'ede-2027', '--out', 'dossier.json');
    expect(toFile.stdout).toMatch(/geschreven naar dossier.json/);
    expect(JSON.parse(await readFile(join(cwd, 'dossier.json'), 'utf8')).traject.id).toBe('ede-2027');
    expect((await cli('export')).code).toBe(2);
  });

  it('plans the exported nazorggesprek VISIELEREN_NAZORG_MAANDEN after the borgingssessie (6 by default)', async () => {
    const exportWith = async (extra: Record<string, string>) => {
      const result = await runCliCaptured(['export', '--traject', 'ede-2027'], {
        cwd,
        env: { ...cliEnv(), ...extra },
      });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout).lifecycle;
    };
    const byDefault = await exportWith({});
    const three = await exportWith({ VISIELEREN_NAZORG_MAANDEN: '3' });
    const borging = byDefault.nazorg.borgingssessie as string;
    expect(three.nazorg.borgingssessie).toBe(borging);
    expect(byDefault.nazorgMaanden).toBe(6);
    expect(byDefault.nazorg.nazorggesprek.date).toBe(nazorgDate(borging, 6));
    expect(three.nazorgMaanden).toBe(3);
    expect(three.nazorg.nazorggesprek.date).toBe(nazorgDate(borging, 3));
    const wrong = await runCliCaptured(['export', '--traject', 'ede-2027'], {
      cwd,
      env: { ...cliEnv(), VISIELEREN_NAZORG_MAANDEN: 'zes' },
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('VISIELEREN_NAZORG_MAANDEN');
  });

  it('forgets a person everywhere and reports counts without the address', async () => {
    await store.trajects.upsertParticipant(
      'ede-2027',
      { id: 'p1', name: 'Jannie Jansen', email: 'j.jansen@ede.nl', role: 'ambtelijk-contactpersoon' },
      { actor: 'j.jansen@ede.nl' },
    );
    const result = await cli('forget', '--person', 'J.Jansen@ede.nl');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/deelnemers\s+1/);
    expect(result.stdout).not.toMatch(/jansen/i);
    const dossier = (await cli('export', '--traject', 'ede-2027')).stdout;
    expect(dossier).not.toMatch(/j\.jansen@ede\.nl/i);
    expect(dossier).not.toContain('Jannie Jansen');

    const bad = await cli('forget', '--person', 'geen-adres');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--persoon verwacht een e-mailadres/);
  });
});
