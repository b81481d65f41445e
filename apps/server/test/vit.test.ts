import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const bankPath = fileURLToPath(
  new URL('../../../packages/core/data/vit/voorlopige-vragenset.json', import.meta.url),
);

const cli = (argv: string[], cwd = serverDir) => runCliCaptured(argv, { cwd });

describe('visieleren vit questions', () => {
  it('lists the questions per uitgangspunt, labelled as the provisional set', async () => {
    const { code, stdout, stderr } = await cli(['vit', 'questions']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.startsWith('⚠ Voorlopige vragenset — niet de officiële VIT van de VNG.')).toBe(true);
    expect(stdout).toContain(
      'Schaal: 1 = Helemaal oneens, 2 = Oneens, 3 = Deels, 4 = Eens, 5 = Helemaal eens',
    );
    expect(stdout).toContain(
      '1. Afstemming op alle relevante leefgebieden — De ondersteuning in het ondersteuningsplan',
    );
    expect(stdout).toContain(
      '  - Startend: gemiddelde 1 tot 2 — Het uitgangspunt is nog nauwelijks zichtbaar',
    );
    expect(stdout).toContain('  - Verankerd: gemiddelde 4 tot en met 5 — ');
    expect(stdout).toContain('[ps-opnieuw-vertellen]');
    expect(stdout).toContain('(1-5, omgekeerd gescoord)');
    expect(stdout).toContain('[rz-inwoners-betrokken]');
    expect(stdout).toContain('(ja/nee)');
    expect(stdout).toContain('7. Voorkomen en tijdig signaleren van problemen');
  });

  it('prints the bank as JSON, notice included', async () => {
    const { code, stdout } = await cli(['vit', 'questions', '--json']);
    expect(code).toBe(0);
    const { bank } = JSON.parse(stdout) as { bank: { provisional: boolean; uitgangspunten: unknown[] } };
    expect(bank.provisional).toBe(true);
    expect(bank.uitgangspunten).toHaveLength(7);
  });

  it('loads another bank with --bank, and an official one carries no provisional notice', async () => {
    const official = JSON.parse(readFileSync(bankPath, 'utf8'));
    official.provisional = false;
    official.title = { nl: 'Officiële VIT', en: 'Official VIT' };
    const dir = tempDirWith({ 'officieel.json': official });
    const { code, stdout } = await cli(['vit', 'questions', '--bank', 'officieel.json', '--lang', 'en'], dir);
    expect(code).toBe(0);
    expect(stdout.startsWith('Official VIT')).toBe(true);
    expect(stdout).not.toContain('Provisional');
  });

  it('names the bad field of a broken bank file and exits with 2', async () => {
    const broken = JSON.parse(readFileSync(bankPath, 'utf8'));
    broken.scale.stages[1].fromScore = 2.5;
    const dir = tempDirWith({ 'kapot.json': broken });
    const { code, stderr } = await cli(['vit', 'questions', '--bank', 'kapot.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('Het bestand bij --bank is geen geldige VIT-vragenset.');
    expect(stderr).toContain('scale.stages.1.fromScore');
  });
});

describe('visieleren vit score', () => {
  it('scores the example answers: profile table, then priorities with handvatten', async () => {
    const { code, stdout, stderr } = await cli(['vit', 'score', '--answers', 'examples/vit-answers.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.startsWith('⚠ Voorlopige vragenset')).toBe(true);
    expect(stdout).toMatch(/Afstemming op alle relevante leefgebieden\s+2,25\s+4\/4\s+In ontwikkeling/);
    expect(stdout).toMatch(
      /Handelingsruimte voor medewerkers\s+—\s+1\/4\s+onvoldoende beantwoord \(minstens 2 nodig\)/,
    );
    const priorities = stdout.slice(stdout.indexOf('Prioriteiten'));
    const order = [...priorities.matchAll(/^ {2}(\d)\. ([^—]+) —/gm)].map((match) => match[2]?.trim());
    expect(order).toEqual([
      'Deskundigheid medewerkers',
      'Voorkomen en tijdig signaleren van problemen',
      'Afstemming op alle relevante leefgebieden',
      'Regie en zeggenschap',
      'Transparantie en eenvoud',
      'Toekomstbestendige ondersteuning',
    ]);
    expect(priorities).toContain('1. Deskundigheid medewerkers — Startend (1,00)');
    expect(priorities).toContain('- Handvat: Stevige lokale teams.');
    expect(priorities).toContain('- Hulplijn: Verbetertraject Toegang (Movisie).');
    expect(stdout).toContain('Handelingsruimte voor medewerkers: 1 van de 2 benodigde antwoorden');
    expect(stdout).toContain('[vs-contextfactoren]: Krapte op de arbeidsmarkt');
    expect(stdout).toContain(
      '- Meervoudige en chronische behoeften: 2,33 (In ontwikkeling); 3 van 3 vragen beantwoord',
    );
  });

  it('prints the profile as JSON', async () => {
    const { code, stdout } = await cli(['vit', 'score', '--answers', 'examples/vit-answers.json', '--json']);
    expect(code).toBe(0);
    const { profile } = JSON.parse(stdout) as {
      profile: { provisional: boolean; priorities: Array<{ key: string; stage: { key: string } }> };
    };
    expect(profile.provisional).toBe(true);
    expect(profile.priorities[0]).toMatchObject({ key: 'deskundigheid', stage: { key: 'startend' } });
  });

  it('accepts a stored submission with bankId and answers, and refuses one for another bank', async () => {
    const answers = { 'ps-leefgebieden': 5, 'ps-een-plan': 5 };
    const dir = tempDirWith({
      'inzending.json': { bankId: 'visieleren-voorlopige-vragenset', bankVersion: '2026.1', answers },
      'andere.json': { bankId: 'officiele-vit', answers },
    });
    const ok = await cli(['vit', 'score', '--answers', 'inzending.json', '--lang', 'en'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Alignment across all relevant areas of life\s+5\.00\s+2\/4\s+Embedded/);
    const other = await cli(['vit', 'score', '--answers', 'andere.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('horen bij vragenset "officiele-vit"');
  });

  it('rejects bad answers naming the argument and the question ids, exit 2', async () => {
    const dir = tempDirWith({ 'fout.json': { 'ps-leefgebieden': 9, 'bestaat-niet': 3 } });
    const { code, stdout, stderr } = await cli(['vit', 'score', '--answers', 'fout.json'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Het bestand bij --antwoorden (fout.json) bevat ongeldige antwoorden.');
    expect(stderr).toContain('ps-leefgebieden: verwacht een geheel getal van 1 tot en met 5, gekregen: 9');
    expect(stderr).toContain('bestaat-niet: onbekende vraag "bestaat-niet"');
  });

  it('requires --answers and reports unreadable files in Dutch, exit 2', async () => {
    const missingOption = await cli(['vit', 'score']);
    expect([missingOption.code, missingOption.stderr]).toEqual([
      2,
      expect.stringContaining('Het argument --antwoorden ontbreekt.'),
    ]);
    const dir = tempDirWith({ 'half.json': '{"ps-leefgebieden": ' });
    const malformed = await cli(['vit', 'score', '--answers', 'half.json'], dir);
    expect([malformed.code, malformed.stderr]).toEqual([2, expect.stringContaining('is geen geldige JSON')]);
    const missing = await cli(['vit', 'score', '--answers', 'weg.json'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('(weg.json) bestaat niet')]);
    const unknown = await cli(['vit', 'score', '--answers', 'half.json', '--verbose'], dir);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('Onbekend argument --verbose'),
    ]);
  });

  it('has Dutch help with usage and an example', async () => {
    const { code, stdout } = await cli(['vit', 'score', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Gebruik: visieleren vit score --antwoorden');
    expect(stdout).toContain('Voorbeeld:');
  });
});
