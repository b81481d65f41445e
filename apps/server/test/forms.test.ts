import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyFormToken } from '@visieleren/forms';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { resolveFormsSecret } from '../src/runtime.js';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

const cli = (argv: string[], cwd = tmpdir(), env: Record<string, string> = {}) =>
  runCliCaptured(argv, { cwd, env: env });

describe('visieleren forms list', () => {
  it('lists the five forms with a Dutch description', async () => {
    const { code, stdout, stderr } = await cli(['forms', 'list']);
    expect([code, stderr]).toEqual([0, '']);
    const names = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['aanmelding', 'vit', 'beschikbaarheid', 'evaluatie', 'nazorg']);
    expect(stdout).toContain('Aanmelding van een gemeente voor een visieleertraject');
  });
});

describe('visieleren forms render', () => {
  it('writes an HTML page to stdout', async () => {
    const { code, stdout } = await cli(['forms', 'render', '--form', 'aanmelding', '--target', 'html']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<!doctype html>\n<html lang="nl">')).toBe(true);
    expect(stdout).toContain('Gevraagde inzet: 12 uur per week');
  });

  it('writes JSON for the other targets, in English with --lang en', async () => {
    for (const target of ['adaptive-card', 'slack-modal', 'json-schema', 'google-forms']) {
      const { code, stdout } = await cli([
        'forms',
        'render',
        '--form',
        'evaluatie',
        '--target',
        target,
        '--lang',
        'en',
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain('Evaluation of the vision-learning programme');
      expect(() => JSON.parse(stdout)).not.toThrow();
    }
  });

  it('labels the VIT form as the provisional question set', async () => {
    const { stdout } = await cli(['forms', 'render', '--form', 'vit', '--target', 'slack-modal']);
    const views = (JSON.parse(stdout) as { views: Array<{ blocks: unknown[] }> }).views;
    for (const view of views) expect(JSON.stringify(view.blocks)).toContain('Voorlopige vragenset');
  });

  it('prints the lossiness report with --report', async () => {
    const { code, stdout } = await cli([
      'forms',
      'render',
      '--form',
      'nazorg',
      '--target',
      'google-forms',
      '--report',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      surface: string;
      losses: Array<{ feature: string; questionIds: string[] }>;
    };
    expect(report.surface).toBe('google-forms');
    expect(report.losses.find((loss) => loss.feature === 'conditional-visibility')?.questionIds).toEqual([
      'ondersteuning-vorm',
      'ondersteuning-anders',
      'delen-toestemming',
    ]);
  });

  it('builds the availability form from --slots', async () => {
    const dir = tempDirWith({
      'slots.json': [{ id: 'ma-1000', start: '2026-06-01T10:00', end: '2026-06-01T11:30' }],
    });
    const { code, stdout } = await cli(
      ['forms', 'render', '--form', 'beschikbaarheid', '--target', 'json-schema', '--slots', 'slots.json'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('maandag 1 juni 2026, 10:00–11:30');
  });

  it('rejects bad arguments in Dutch with exit code 2', async () => {
    const cases: Array<[string[], string]> = [
      [['forms', 'render', '--target', 'html'], 'Het argument --form ontbreekt.'],
      [['forms', 'render', '--form', 'aanmelding'], 'Het argument --doel ontbreekt.'],
      [
        ['forms', 'render', '--form', 'onbekend', '--target', 'html'],
        'Ongeldige waarde voor --form: "onbekend"',
      ],
      [['forms', 'render', '--form', 'vit', '--target', 'pdf'], 'Ongeldige waarde voor --doel: "pdf"'],
      [
        ['forms', 'render', '--form', 'vit', '--target', 'html', '--lang', 'de'],
        'Ongeldige waarde voor --taal',
      ],
      [
        ['forms', 'render', '--form', 'vit', '--target', 'html', '--slots', 'x.json'],
        '--slots hoort alleen bij --form beschikbaarheid',
      ],
      [
        ['forms', 'render', '--form', 'beschikbaarheid', '--target', 'html', '--slots', 'bestaat-niet.json'],
        '(bestaat-niet.json) bestaat niet',
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await cli(argv);
      expect([code, stderr.includes(message)], `${argv.join(' ')} → ${stderr}`).toEqual([2, true]);
    }
  });

  it('names the bad field of a slots file', async () => {
    const dir = tempDirWith({
      'slots.json': [{ id: 'Ma 10 uur', start: '2026-06-01 10:00', end: '2026-06-01T11:30' }],
    });
    const { code, stderr } = await cli(
      ['forms', 'render', '--form', 'beschikbaarheid', '--target', 'html', '--slots', 'slots.json'],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('Het bestand bij --slots is ongeldig.');
    expect(stderr).toContain('0.id: verwacht kleine letters, cijfers en streepjes');
    expect(stderr).toContain('0.start: verwacht datum en tijd als JJJJ-MM-DDTUU:MM');
  });
});

// Each command here opens a PGlite data folder (seconds each; tens of seconds on a busy shared machine).
describe('visieleren forms link', { timeout: 120_000 }, () => {
  it('signs a link for an existing traject, verifiable with the forms secret of the server', async () => {
    const dir = tempDirWith({});
    const env = {
      VISIELEREN_DATA_DIR: join(dir, 'data'),
      VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl/',
    };
    const created = await cli(
      [
        'traject',
        'create',
        '--gemeente',
        'Ede',
        '--start',
        '2027-01-11',
        '--kernvraag',
        'Hoe?',
        '--id',
        'ede-2027',
      ],
      dir,
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const { code, stdout, stderr } = await cli(
      [
        'forms',
        'link',
        '--form',
        'evaluatie',
        '--traject',
        'ede-2027',
        '--persoon',
        'wethouder',
        '--dagen',
        '30',
      ],
      dir,
      env,
    );
    expect(code, stderr).toBe(0);
    const match = /^https:\/\/visieleren\.example\.nl\/forms\/(v2\.[\w-]+)\n$/.exec(stdout);
    expect(match).not.toBeNull();
    const secret = await resolveFormsSecret(loadEnv(env), dir);
    const claims = verifyFormToken(match![1]!, secret, new Date());
    expect(claims).toMatchObject({ formId: 'evaluatie', trajectId: 'ede-2027', subject: 'wethouder' });
    const days = (claims.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('refuses unknown trajects and bad arguments in Dutch', async () => {
    const dir = tempDirWith({});
    const env = { VISIELEREN_DATA_DIR: join(dir, 'data') };
    const missing = await cli(['forms', 'link', '--form', 'nazorg', '--traject', 'bestaat-niet'], dir, env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('bestaat-niet');
    const days = await cli(
      ['forms', 'link', '--form', 'nazorg', '--traject', 'x', '--dagen', '365'],
      dir,
      env,
    );
    expect([days.code, days.stderr.includes('Ongeldige waarde voor --dagen: "365"')]).toEqual([2, true]);
    const availability = await cli(
      ['forms', 'link', '--form', 'beschikbaarheid', '--traject', 'x'],
      dir,
      env,
    );
    expect([availability.code, availability.stderr.includes('Het argument --slots ontbreekt')]).toEqual([
      2,
      true,
    ]);
  });

  it('puts the slots of an availability link in the signed token, checked before signing', async () => {
    const slots = [
      { id: 'ma-ochtend', start: '2027-02-01T09:00', end: '2027-02-01T10:00' },
      { id: 'di-middag', start: '2027-02-02T13:00', end: '2027-02-02T14:00' },
    ];
    const dir = tempDirWith({
      'slots.json': JSON.stringify(slots),
      'fout.json': JSON.stringify([{ id: 'x', start: '2027-02-01T09:00', end: '2027-02-01T08:00' }]),
    });
    const env = { VISIELEREN_DATA_DIR: join(dir, 'data') };
    const args = ['--gemeente', 'Ede', '--start', '2027-01-11', '--kernvraag', 'Hoe?', '--id', 'ede-2027'];
    expect((await cli(['traject', 'create', ...args], dir, env)).code).toBe(0);
    const link = ['forms', 'link', '--form', 'beschikbaarheid', '--traject', 'ede-2027', '--persoon', 'p7'];
    const { code, stdout, stderr } = await cli([...link, '--slots', 'slots.json'], dir, env);
    expect(code, stderr).toBe(0);
    const token = /\/forms\/(v2\.[\w-]+)\n$/.exec(stdout)![1]!;
    const claims = verifyFormToken(token, await resolveFormsSecret(loadEnv(env), dir), new Date());
    expect(claims).toMatchObject({ formId: 'beschikbaarheid', subject: 'p7', slots });
    const bad = await cli([...link, '--slots', 'fout.json'], dir, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('end');
  });
});
