import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './helpers/cli.js';

const coreTemplates = fileURLToPath(new URL('../../../packages/core/data/templates/', import.meta.url));

const cli = (argv: string[], cwd = process.cwd()) => runCliCaptured(argv, { cwd });

function readShippedTemplate() {
  return JSON.parse(readFileSync(join(coreTemplates, 'visieleertraject.json'), 'utf8'));
}

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'visieleren-templates-'));
}

describe('visieleren templates', () => {
  it('lists the built-in templates in Dutch with weeks, phases and commitments', async () => {
    const { code, stdout, stderr } = await cli(['templates']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('visieleertraject — Visieleertraject toegang sociaal domein');
    expect(stdout).toContain('12 weken (streefduur 12) · 5 fasen · 6 sessies · 42 actiepunten');
    expect(stdout).toContain(
      'Fasen: 1. Werving, selectie en vraagverheldering (2 wk) → 2. Starten (2 wk) → 3. Luisteren (3 wk) → 4. Ontwerpen (2 wk) → 5. Borgen (3 wk)',
    );
    expect(stdout).toContain(
      'Ambtelijk contactpersoon: 6-8 uur per week (6-12 naar grootte van de gemeente), tijdens het hele traject',
    );
    expect(stdout).toContain('Ambtelijke ondersteuning: 12 uur per week, tijdens Luisteren');
    expect(stdout).toContain('Bestuurder: ten minste 2 dagdelen plus voorbereiding');
    expect(stdout).toContain('verbetertraject-toegang — Verbetertraject Toegang');
    expect(stdout).toContain('Projectleider: 6-12 uur per week (6-12 naar grootte van de gemeente)');
  });

  it('prints JSON in English on request', async () => {
    const { code, stdout } = await cli(['templates', '--json', '--lang', 'en']);
    expect(code).toBe(0);
    const { templates } = JSON.parse(stdout) as {
      templates: Array<{
        key: string;
        name: string;
        weeks: number;
        phases: Array<{ key: string; name: string }>;
      }>;
    };
    expect(templates.map((t) => [t.key, t.weeks, t.phases.length])).toEqual([
      ['visieleertraject', 12, 5],
      ['verbetertraject-toegang', 40, 4],
    ]);
    expect(templates[0]?.phases[2]).toMatchObject({ key: 'luisteren', name: 'Listening' });
  });

  it('checks and shows a custom template file given with --file', async () => {
    const dir = tempDir();
    const custom = readShippedTemplate();
    custom.key = 'eigen-traject';
    writeFileSync(join(dir, 'eigen.json'), JSON.stringify(custom));
    const { code, stdout } = await cli(['templates', '--file', 'eigen.json'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('eigen-traject (eigen bestand) — Visieleertraject toegang sociaal domein');
  });

  it('names the field path of an invalid custom template and exits with 2', async () => {
    const dir = tempDir();
    const custom = readShippedTemplate();
    custom.phases[2].sessions[0].weekInPhase = 7;
    writeFileSync(join(dir, 'kapot.json'), JSON.stringify(custom));
    const { code, stdout, stderr } = await cli(['templates', '--file', 'kapot.json'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Het bestand bij --bestand is geen geldig template.');
    expect(stderr).toContain('phases.2.sessions.0.weekInPhase: week 7 valt buiten de fase van 3 weken');
  });

  it('reports a missing file, malformed JSON and a bad --lang in Dutch with exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'half.json'), '{ "key": ');
    const missing = await cli(['templates', '--file', 'nergens.json'], dir);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining('(nergens.json) bestaat niet'),
    ]);
    const malformed = await cli(['templates', '--file', 'half.json'], dir);
    expect([malformed.code, malformed.stderr]).toEqual([2, expect.stringContaining('is geen geldige JSON')]);
    const lang = await cli(['templates', '--lang', 'de']);
    expect([lang.code, lang.stderr]).toEqual([
      2,
      expect.stringContaining('Ongeldige waarde voor --taal: "de"'),
    ]);
  });

  it('has Dutch help with usage and an example', async () => {
    const { code, stdout } = await cli(['templates', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Gebruik: visieleren templates');
    expect(stdout).toContain('Voorbeelden:');
  });
});
