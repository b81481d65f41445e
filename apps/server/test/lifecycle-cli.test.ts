import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lifecycleSettingsFromEnv } from '../src/lifecycle/settings.js';
import { runCliCaptured } from './helpers/cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'visieleren-lifecycle-cli-'));
const env = { VISIELEREN_DATA_DIR: join(cwd, 'data') };
const cli = (...argv: string[]) => runCliCaptured(argv, { cwd, env });

beforeAll(async () => {
  expect((await cli('db', 'migrate')).code).toBe(0);
}, 120_000);

describe('visieleren lessen', () => {
  it('lists the seeded lessons with their source, searchable by theme and words', async () => {
    const { code, stdout } = await cli('lessen', 'list', '--thema', 'rust-en-regie', '--tekst', 'koers');
    expect(code).toBe(0);
    expect(stdout).toContain('Leiderschap en een consistente koers');
    expect(stdout).toContain('bron: Rapportage Visieleren, VNG, april 2024, §3.2');
    expect(stdout).not.toMatch(/\bseed\b/i);
    expect(stdout).toContain('1 les\n');
  });

  it('adds a lesson and shows it; a traject’s unshared lesson stays out of another traject’s view', async () => {
    const added = await cli(
      'lessen',
      'add',
      '--thema',
      'inwoner-centraal',
      '--titel',
      'Ervaringsverhalen openen het gesprek',
      '--tekst',
      'Begin elke sessie met een verhaal van een inwoner.',
      '--uitgangspunt',
      'regie-en-zeggenschap',
    );
    expect(added.code).toBe(0);
    const id = /Les vastgelegd: (\S+)/.exec(added.stdout)?.[1];
    expect(id).toBeDefined();
    const shown = await cli('lessen', 'show', id!);
    expect(shown.stdout).toContain('Begin elke sessie met een verhaal van een inwoner.');
    const json = JSON.parse(
      (await cli('lessen', 'list', '--uitgangspunt', 'regie-en-zeggenschap', '--json')).stdout,
    );
    expect(json.lessen.map((lesson: { id: string }) => lesson.id)).toContain(id);
  });

  it('refuses bad arguments in Dutch, naming them', async () => {
    const bad = await cli('lessen', 'list', '--thema', 'onbekend');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--thema');
    const noTitle = await cli('lessen', 'add', '--thema', 'rust-en-regie', '--tekst', 'x');
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toContain('--titel');
  });
});

describe('visieleren programma', () => {
  it("lists the demo programmes and shows Impuls Vakmanschap's four programmalijnen", async () => {
    const list = await cli('programma', 'list');
    expect(list.stdout).toContain('impuls-vakmanschap');
    expect(list.stdout).toContain('visieleertrajecten-2022-2024');
    const shown = await cli('programma', 'show', 'impuls-vakmanschap');
    expect(shown.code).toBe(0);
    for (const name of [
      'Uitvoerders',
      'Kennis en Expertise',
      'Organisatie & Ontwikkeling',
      'Bestuurders gemeenten',
    ])
      expect(shown.stdout).toContain(`Programmalijn ${name}`);
    expect(shown.stdout).toContain('Over 3 jaar:');
  });

  it('records a measurement and shows it as the latest value against the target', async () => {
    const measured = await cli(
      'programma',
      'meting',
      'impuls-vakmanschap',
      '--indicator',
      'gemeentetrainees',
      '--waarde',
      '2',
      '--datum',
      '2027-06-30',
    );
    expect(measured.code).toBe(0);
    const shown = await cli('programma', 'show', 'impuls-vakmanschap');
    expect(shown.stdout).toContain(
      'gemeentetrainees: Gemeentetrainees werkzaam in het sociaal domein: 2 op 2027-06-30 (streefwaarde 2)',
    );
    const bad = await cli(
      'programma',
      'meting',
      'impuls-vakmanschap',
      '--indicator',
      'x',
      '--waarde',
      'veel',
      '--datum',
      '2027-06-30',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--waarde');
  });
});

describe('calendar settings of the CLI and the server', () => {
  it('plan --goede-vrijdag and --gesloten close those days, and --json says why a date moved', async () => {
    const plain = JSON.parse(
      (await cli('plan', '--template', 'visieleertraject', '--start', '2027-03-01', '--json')).stdout,
    );
    const closed = JSON.parse(
      (
        await cli(
          'plan',
          '--template',
          'visieleertraject',
          '--start',
          '2027-03-01',
          '--goede-vrijdag',
          '--gesloten',
          '2027-03-31',
          '--json',
        )
      ).stdout,
    );
    const reasons = closed.phases.flatMap((phase: { closedDays: Array<{ reason: string }> }) =>
      phase.closedDays.map((day) => day.reason),
    );
    expect(reasons).toEqual(expect.arrayContaining(['Goede Vrijdag', 'Tweede Paasdag', 'gesloten dag']));
    expect(closed.end > plain.end).toBe(true);
    const moved = closed.phases
      .flatMap((phase: { sessions: Array<{ adjustments: string[] }> }) => phase.sessions)
      .flatMap((session: { adjustments: string[] }) => session.adjustments);
    expect(moved.join(' ')).toMatch(
      /Verplaatst van \w+ \d+ \w+ 2027 \((Bevrijdingsdag|Goede Vrijdag|gesloten dag)\) naar/,
    );
    expect(closed.duration.summary).toContain('werkweken');
    const bad = await cli(
      'plan',
      '--template',
      'visieleertraject',
      '--start',
      '2027-03-01',
      '--gesloten',
      '31-03-2027',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gesloten');
  });

  it('reads VISIELEREN_GOEDE_VRIJDAG, VISIELEREN_GESLOTEN_DAGEN and VISIELEREN_NAZORG_MAANDEN', () => {
    const settings = lifecycleSettingsFromEnv({
      VISIELEREN_GOEDE_VRIJDAG: 'ja',
      VISIELEREN_GESLOTEN_DAGEN: '2027-12-27, 2027-12-28',
      VISIELEREN_NAZORG_MAANDEN: '3',
    });
    expect(settings.calendar.isWorkingDay('2027-03-26')).toBe(false);
    expect(settings.calendar.isWorkingDay('2027-12-27')).toBe(false);
    expect(settings.nazorgMonths).toBe(3);
    expect(lifecycleSettingsFromEnv({}).calendar.isWorkingDay('2027-03-26')).toBe(true);
    expect(() =>
      lifecycleSettingsFromEnv({ VISIELEREN_GESLOTEN_DAGEN: '27-12-2027', VISIELEREN_NAZORG_MAANDEN: '0' }),
    ).toThrow(/VISIELEREN_GESLOTEN_DAGEN[\s\S]*VISIELEREN_NAZORG_MAANDEN/);
  });
});
