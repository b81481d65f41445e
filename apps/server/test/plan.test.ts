import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './helpers/cli.js';

const coreDir = fileURLToPath(new URL('../../../packages/core/', import.meta.url));
const syntheticHolidays = join(coreDir, 'test/fixtures/school-holidays-synthetic.json');

const cli = (argv: string[], cwd = process.cwd()) => runCliCaptured(argv, { cwd });

const tempDir = () => mkdtempSync(join(tmpdir(), 'visieleren-plan-'));

interface PlanJson {
  template: string;
  start: string;
  end: string;
  targetEnd: string;
  phases: Array<{
    key: string;
    name: string;
    start: string;
    end: string;
    sessions: Array<{ key: string; name: string; date: string }>;
    checklist: Array<{ id: string; text: string }>;
  }>;
  commitments: Array<{ role: string; kind: string; minHours?: number; maxHours?: number }>;
}

describe('visieleren plan', () => {
  it('prints a readable Dutch table with weekday names, checklist counts, commitments and both ends', async () => {
    const { code, stdout, stderr } = await cli([
      'plan',
      '--template',
      'visieleertraject',
      '--start',
      '2027-01-11',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('Plan: Visieleertraject toegang sociaal domein, start maandag 11 januari 2027');
    expect(stdout).toContain('1. Werving, selectie en vraagverheldering');
    expect(stdout).toContain('maandag 11 januari 2027 t/m vrijdag 22 januari 2027 (2 werkweken)');
    expect(stdout).toContain('- sessie Kick-offsessie: woensdag 27 januari 2027 (met bestuurders)');
    expect(stdout).toMatch(/- 12 actiepunten, uiterlijk \d+ \w+ 2027/);
    expect(stdout).toContain('Gevraagde inzet:');
    expect(stdout).toContain('Ambtelijke ondersteuning: 12 uur per week, tijdens Luisteren');
    expect(stdout).toContain('Streefeinde (12 weken): vrijdag 2 april 2027');
    // Tweede Paasdag (29 March 2027) lengthens the last phase by a working day.
    expect(stdout).toContain('5. Borgen\n   maandag 15 maart 2027 t/m maandag 5 april 2027 (3 werkweken)');
    expect(stdout).toContain('Gepland einde: maandag 5 april 2027\n');
    // Phases count working weeks, the target calendar weeks: no false "later than the target".
    expect(stdout).not.toContain('later dan de streefduur');
    expect(stdout).toContain('   - langer door: Tweede Paasdag (29 maart 2027)');
    expect(stdout).toMatch(
      /Lengte: 12 werkweken \(precies de streefduur\); 1 feestdag of gesloten dag ertussen/,
    );
    expect(stdout).toContain('7 tot 10 weken');
    expect(stdout).toContain('Interpretaties (niet letterlijk uit de bronnen):');
  });

  it('prints the promised JSON shape', async () => {
    const { code, stdout } = await cli([
      'plan',
      '--template',
      'visieleertraject',
      '--start',
      '2027-01-11',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as PlanJson;
    expect(json).toMatchObject({ template: 'visieleertraject', start: '2027-01-11', end: '2027-04-05' });
    expect(json.phases.map((phase) => phase.key)).toEqual([
      'vraagverheldering',
      'starten',
      'luisteren',
      'ontwerpen',
      'borgen',
    ]);
    expect(json.phases[0]).toMatchObject({
      name: 'Werving, selectie en vraagverheldering',
      start: '2027-01-11',
      end: '2027-01-22',
    });
    for (const phase of json.phases) {
      for (const session of phase.sessions)
        expect(Object.keys(session)).toEqual(expect.arrayContaining(['key', 'name', 'date']));
      for (const item of phase.checklist)
        expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'text']));
    }
    expect(
      json.commitments.find((commitment) => commitment.role === 'ambtelijke-ondersteuning'),
    ).toMatchObject({
      kind: 'hours-per-week',
      minHours: 12,
      maxHours: 12,
    });
    const english = JSON.parse(
      (
        await cli([
          'plan',
          '--template',
          'visieleertraject',
          '--start',
          '2027-01-11',
          '--json',
          '--lang',
          'en',
        ])
      ).stdout,
    ) as PlanJson;
    expect(english.phases[2]?.name).toBe('Listening');
  });

  it('moves a bestuurders session out of the school holiday of the region', async () => {
    const args = ['plan', '--template', 'visieleertraject', '--start', '2026-09-28', '--json'];
    const without = JSON.parse((await cli(args)).stdout) as PlanJson;
    const withHolidays = JSON.parse(
      (await cli([...args, '--region', 'noord', '--school-holidays', syntheticHolidays])).stdout,
    ) as PlanJson;
    const kickOff = (plan: PlanJson) =>
      plan.phases[1]?.sessions.find((session) => session.key === 'kick-off')?.date;
    // Without holidays the kick-off is Wednesday 14 October 2026, in the (synthetic) autumn holiday of noord.
    expect(kickOff(without)).toBe('2026-10-14');
    expect(kickOff(withHolidays)).toBe('2026-10-19');
    const table = (
      await cli([...args.slice(0, -1), '--region', 'noord', '--school-holidays', syntheticHolidays])
    ).stdout;
    expect(table).toContain('Schoolvakantieregio: noord');
    expect(table).toMatch(
      /Verplaatst van woensdag 14 oktober 2026 naar maandag 19 oktober 2026: .*Herfstvakantie/,
    );
  });

  it('writes a valid iCalendar file with --ics and says so', async () => {
    const dir = tempDir();
    const { code, stdout } = await cli(
      ['plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--ics', 'plan.ics'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Agenda geschreven naar plan.ics (12 afspraken).');
    const ics = readFileSync(join(dir, 'plan.ics'), 'utf8');
    // Full RFC 5545 validation (parsed back with ical.js) is in packages/core/test/ics.test.ts.
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n');
    expect(ics.match(/\r\nBEGIN:VEVENT\r\n/g)).toHaveLength(12);
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270119T093000');

    const json = await cli(
      ['plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--json', '--ics', 'p2.ics'],
      dir,
    );
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toContain('p2.ics');
  });

  it('shows the nazorggesprek after the traject in the text, the JSON and the calendar', async () => {
    const dir = tempDir();
    const args = ['plan', '--template', 'visieleertraject', '--start', '2027-01-11'];
    const text = await cli(args, dir);
    // Borgingssessie on Wednesday 24 March 2027; six months later is Friday 24 September.
    expect(text.stdout).toContain('Na het traject:\n  - Nazorggesprek: vrijdag 24 september 2027\n');
    expect(text.stdout).toMatch(
      /6 maanden na de borgingssessie is onze instelling, geen termijn uit de bron/,
    );
    const json = JSON.parse((await cli([...args, '--json', '--nazorg-maanden', '9'], dir)).stdout);
    expect(json.nazorggesprek).toMatchObject({
      name: 'Nazorggesprek',
      date: '2027-12-24',
      monthsAfterBorgingssessie: 9,
    });
    await cli([...args, '--ics', 'nazorg.ics'], dir);
    const ics = readFileSync(join(dir, 'nazorg.ics'), 'utf8');
    expect(ics).toContain('UID:visieleertraject-2027-01-11-nazorggesprek@visieleren\r\n');
    expect(ics).toContain(
      'DTSTART;VALUE=DATE:20270924\r\nDTEND;VALUE=DATE:20270925\r\nSUMMARY:Nazorggesprek\r\n',
    );
    const bad = await cli([...args, '--nazorg-maanden', 'zes'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Ongeldige waarde voor --nazorg-maanden: "zes"');
  });

  it('accepts a template file', async () => {
    const dir = tempDir();
    const template = JSON.parse(readFileSync(join(coreDir, 'data/templates/visieleertraject.json'), 'utf8'));
    template.key = 'eigen-traject';
    template.phases = template.phases.slice(0, 2);
    template.programmeSteps = [];
    // Without the steps the sources' minimum length has nothing to measure; items may only prepare kept sessions.
    template.minimumDurations = [];
    for (const phase of template.phases)
      for (const item of phase.checklist)
        if (item.prepares && !['intake', 'kick-off'].includes(item.prepares.session)) delete item.prepares;
    template.commitments = template.commitments.filter((c: { phaseKeys?: string[] }) => !c.phaseKeys);
    writeFileSync(join(dir, 'eigen.json'), JSON.stringify(template));
    const { code, stdout, stderr } = await cli(
      ['plan', '--template', 'eigen.json', '--start', '2027-01-11', '--json'],
      dir,
    );
    expect([code, stderr]).toEqual([0, '']);
    const json = JSON.parse(stdout) as PlanJson;
    expect(json.template).toBe('eigen-traject');
    expect(json.phases).toHaveLength(2);
  });

  it.each([
    [['plan', '--start', '2027-01-11'], /--template ontbreekt/],
    [['plan', '--template', 'visieleertraject'], /--start ontbreekt/],
    [['plan', '--template', 'visieleertraject', '--start', '11-01-2027'], /Ongeldige waarde voor --start/],
    [['plan', '--template', 'visieleertraject', '--start', '2027-02-30'], /Ongeldige waarde voor --start/],
    [['plan', '--template', 'onbekend', '--start', '2027-01-11'], /Onbekend template bij --template/],
    [
      ['plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--region', 'west'],
      /--regio.*noord, midden, zuid/,
    ],
    [['plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--lang', 'fr'], /--taal/],
    [
      [
        'plan',
        '--template',
        'visieleertraject',
        '--start',
        '2027-01-11',
        '--school-holidays',
        'nergens.json',
      ],
      /--schoolvakanties \(nergens\.json\) bestaat niet/,
    ],
    [
      ['plan', '--template', 'visieleertraject', '--start', '2027-01-11', '--onzin'],
      /Onbekend argument --onzin/,
    ],
  ])('rejects bad arguments in Dutch with exit code 2: %j', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('names the bad field of a malformed school-holiday file', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'vakanties.json'),
      JSON.stringify({
        content: [
          {
            vacations: [
              { type: 'X', regions: [{ region: 'oost', startdate: '2027-01-01', enddate: '2027-01-02' }] },
            ],
          },
        ],
      }),
    );
    const { code, stderr } = await cli(
      [
        'plan',
        '--template',
        'visieleertraject',
        '--start',
        '2027-01-11',
        '--region',
        'zuid',
        '--school-holidays',
        'vakanties.json',
      ],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--schoolvakanties');
    expect(stderr).toContain('content.0.vacations.0.regions.0.region');
  });

  it('has Dutch help', async () => {
    const { code, stdout } = await cli(['plan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Gebruik: visieleren plan --template');
    expect(stdout).toContain('Voorbeelden:');
  });
});
