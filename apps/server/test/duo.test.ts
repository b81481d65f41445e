import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const example = JSON.parse(readFileSync(join(serverDir, 'examples/duo-round.json'), 'utf8')) as {
  participants: Array<Record<string, unknown>>;
  slots: Array<Record<string, unknown>>;
};

const cli = (argv: string[], cwd = serverDir) => runCliCaptured(argv, { cwd });

describe('visieleren duo plan', () => {
  it('prints the example round as a Dutch table, the unplaced with reasons, and the summary', async () => {
    const { code, stdout, stderr } = await cli(['duo', 'plan', '--input', 'examples/duo-round.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^Duo-interviews \(5\)\n\n {2}Tijdslot +Deelnemer +Deelnemer +Moderator\n/);
    expect(stdout).toContain('wo 3 feb 2027 13:00–14:00  Sanne Visser (Bestuur)');
    expect(stdout).toContain('Niet ingepland (2)');
    expect(stdout).toContain(
      'Marco Hendriks (Bestuur): geen deelnemer met een ander perspectief die op hetzelfde moment kan',
    );
    expect(stdout).toContain(
      'Ruud Peters (Beleid): kon niet worden ingepland zonder een ander te verdringen',
    );
    expect(stdout).toContain('5 duo-interviews gepland; 10 van 12 deelnemers ingepland, 2 niet');
    expect(stdout).toContain('Voorkeurscombinaties gedekt: 2 van 2');
    expect(stdout).toContain('Dit is het hoogst haalbare aantal interviews (bovengrens 5).');
  });

  it('prints JSON with --json, the same plan every time', async () => {
    const first = await cli(['duo', 'plan', '--input', 'examples/duo-round.json', '--json']);
    const second = await cli(['duo', 'plan', '--input', 'examples/duo-round.json', '--json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const plan = JSON.parse(first.stdout);
    expect(plan.interviews).toHaveLength(5);
    expect(plan.interviews[0]).toEqual({
      slot: expect.any(String),
      participants: [expect.any(String), expect.any(String)],
      moderator: expect.any(String),
    });
    expect(plan.unplaced.map((entry: { id: string }) => entry.id)).toEqual(['peters', 'wethouder-hendriks']);
    expect(plan.summary.placed).toBe(10);
  });

  it('speaks English with --lang en', async () => {
    const { code, stdout } = await cli(['duo', 'plan', '--input', 'examples/duo-round.json', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain('Duo interviews (5)');
    expect(stdout).toContain('Wed 3 Feb 2027 13:00–14:00  Sanne Visser (Executive)');
    expect(stdout).toContain('Marco Hendriks (Executive): no participant with a different perspective');
  });

  it('rejects a wrong perspective naming the field, exit code 2', async () => {
    const broken = structuredClone(example);
    broken.participants[3]!.perspective = 'wethouder';
    const { code, stdout, stderr } = await cli(
      ['duo', 'plan', '--input', 'ronde.json'],
      tempDirWith({ 'ronde.json': broken }),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('De invoer van de duo-ronde is ongeldig:');
    expect(stderr).toContain('participants.3.perspective');
  });

  it('rejects an unknown slot in the availability naming the field', async () => {
    const broken = structuredClone(example);
    (broken.participants[0]!.available as string[]).push('za-0900');
    const { code, stderr } = await cli(
      ['duo', 'plan', '--input', 'ronde.json'],
      tempDirWith({ 'ronde.json': broken }),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/participants\.0\.available\.\d+: onbekend tijdslot "za-0900"/);
  });

  it('rejects a slot that ends before it starts', async () => {
    const broken = structuredClone(example);
    broken.slots[0]!.end = '2027-02-01T08:00';
    const { code, stderr } = await cli(
      ['duo', 'plan', '--input', 'ronde.json'],
      tempDirWith({ 'ronde.json': broken }),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      'slots.0.end: het einde (2027-02-01T08:00) ligt niet na het begin (2027-02-01T09:00)',
    );
  });

  it.each([
    [['duo', 'plan'], 'Het argument --invoer ontbreekt.'],
    [['duo', 'plan', '--input', 'bestaat-niet.json'], 'bestaat niet'],
    [['duo', 'plan', '--input', 'examples/duo-round.json', '--lang', 'de'], 'Ongeldige waarde voor --taal'],
  ])('exits with code 2 on bad arguments: %j', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('rejects a file that is not JSON', async () => {
    const { code, stderr } = await cli(
      ['duo', 'plan', '--input', 'ronde.json'],
      tempDirWith({ 'ronde.json': '{ niet: json' }),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('is geen geldige JSON');
  });

  it('has Dutch help with an example', async () => {
    const { code, stdout } = await cli(['duo', 'plan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Gebruik: visieleren duo plan --invoer RONDE.json');
    expect(stdout).toContain('visieleren duo plan --invoer apps/server/examples/duo-round.json');
  });
});
