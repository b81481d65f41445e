import { FakeNotion } from '@visieleren/notion-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

/**
 * `visieleren notion init` and `notion sync` on the embedded database against a local fake Notion API:
 * the command hands the store's ports to the sync, prints Dutch, and exits 2 on bad arguments.
 */
let fake: FakeNotion;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = new FakeNotion();
  await fake.start();
  cwd = tempDirWith();
  env = { NOTION_TOKEN: fake.token, NOTION_API_BASE_URL: fake.url };
});
afterAll(async () => {
  await fake.close();
});

const cli = (...argv: string[]) => runCliCaptured(argv, { cwd, env });

// The first command migrates a fresh embedded database, which takes a while on a busy machine.
describe('visieleren notion', { timeout: 120_000 }, () => {
  it('refuses a bad page id (exit 2) and a missing token (exit 1), in Dutch', async () => {
    const bad = await cli('notion', 'init', '--parent', 'geen-pagina');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--parent verwacht een Notion-pagina-id/);
    const noToken = await runCliCaptured(['notion', 'sync'], { cwd, env: {} });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/NOTION_TOKEN/);
  });

  it('sync before init says what to do', async () => {
    const result = await cli('notion', 'sync');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notion init --parent/);
  });

  it('init builds the workspace once; again it changes nothing and says so', async () => {
    const first = await cli('notion', 'init', '--parent', fake.parentPageId.replaceAll('-', ''));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/aangemaakt: +Trajecten, Fasen, Sessies, Checklist, Uren, VIT/);
    const second = await cli('notion', 'init', '--parent', fake.parentPageId);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is al compleet; er is niets gewijzigd/);
  });

  it('a board someone deleted and Notion then refuses is named on every init, never "al compleet"', async () => {
    const board = fake.viewsOf('Trajecten').find((view) => view.name === 'Bord per status');
    fake.userDeletesView(board!.id);
    fake.inject({ kind: 'error-400', method: 'POST', path: /^views$/, times: 2 });
    for (const attempt of [1, 2]) {
      const result = await cli('notion', 'init', '--parent', fake.parentPageId);
      expect(result.code, `init ${attempt}`).toBe(0);
      expect(result.stdout).toMatch(/weergave niet gemaakt .*Trajecten: Bord per status/);
      expect(result.stdout).not.toMatch(/al compleet/);
    }
    const again = await cli('notion', 'init', '--parent', fake.parentPageId);
    expect(again.stdout).toMatch(/aangemaakt: +Trajecten: Bord per status/);
  });

  it('sync writes the dossiers, a dry run after it has nothing to do, and --json gives JSON lines', async () => {
    const created = await cli(
      'traject',
      'create',
      '--gemeente',
      'Ede',
      '--start',
      '2027-01-11',
      '--kernvraag',
      'Hoe houden we de toegang dichtbij?',
      '--thema',
      'inwoner-centraal',
      '--id',
      'ede-2027',
    );
    expect(created.code, created.stderr).toBe(0);
    const sync = await cli('notion', 'sync');
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Klaar: 1 traject\(en\) bekeken, 1 bijgewerkt/);
    expect(fake.rows('Trajecten').map((row) => row.values['Visieleren-id'])).toEqual(['ede-2027']);

    const dry = await cli('notion', 'sync', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Proefdraai/);
    expect(dry.stdout).toMatch(
      /Blokken: zou 0 nieuwe blok\(ken\) maken; de werkruimte telt daarna ongeveer \d+ blokken voor 1 traject\(en\), van de 1\.000 van het gratis Notion-abonnement/,
    );

    const json = await cli('notion', 'sync', '--traject', 'ede-2027', '--json');
    expect(json.code).toBe(0);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines[0]?.type).toBe('begin');
    expect(lines.at(-1)).toMatchObject({ type: 'end', requests: expect.objectContaining({ writes: 0 }) });
  });

  it('an item ticked in Notion is in the traject after the next sync, named after the Notion user', async () => {
    const item = fake.rows('Checklist').find((row) => row.values.Gedaan === false)!;
    fake.addUser('notion-user-5', 'Joost Visser');
    fake.userEditsProperty(item.id, 'Gedaan', { checkbox: true }, 'notion-user-5');
    const sync = await cli('notion', 'sync');
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Uit Notion \(notion:notion-user-5\): ede-2027 checklist .+ → true/);
    const shown = await cli('traject', 'show', 'ede-2027', '--json');
    const { traject } = JSON.parse(shown.stdout) as {
      traject: { checklist: Array<{ itemId: string; done: boolean; doneBy?: string }> };
    };
    expect(traject.checklist.filter((item) => item.done)).toEqual([
      expect.objectContaining({ done: true, doneBy: 'Joost Visser (Notion)' }),
    ]);
  });
});
