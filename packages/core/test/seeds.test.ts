import { describe, expect, it } from 'vitest';
import {
  DELIVERABLE_INFO,
  EXPERTISE_KINDS,
  EXTRA_SESSION_INFO,
  getBuiltInTemplate,
  IMPULS_VAKMANSCHAP,
  localize,
  PHASE_OUTPUTS,
  SEED_LESSONS,
  TABLE_1_TRAJECTS,
  TRAJECT_STATUS_LABELS,
  VISIELEERTRAJECTEN_2022_2024,
} from '../src/index.js';
import {
  sourceDocument as seed,
  sourcesAvailable,
  sourcesSuite,
  squash,
} from './helpers/source-documents.js';

describe.skipIf(!sourcesAvailable)(sourcesSuite('the new facts are in the source documents'), () => {
  const s000 = sourcesAvailable ? squash(seed('000')) : '';
  const s002 = sourcesAvailable ? squash(seed('002')) : '';
  const s003 = sourcesAvailable ? squash(seed('003')) : '';

  it('Tabel 1: the status of each of the nine trajects as the report words it', () => {
    const text002 = seed('002');
    const table = text002.slice(
      text002.indexOf('Gemeente(n)\tPeriode'),
      text002.indexOf('Tabel 1. Vraagstelling'),
    );
    const tableStatus: Record<string, string> = {
      'afgerond-werkbezoek': 'Afgerond en werkbezoek georganiseerd',
      'tussentijds-gestopt': 'Tussentijds gestopt',
      geannuleerd: 'geannuleerd',
      'inwonerssessie-gepland': 'inwonerssessie',
      'borgingssessie-gepland': 'borgingsessie',
      afgerond: 'Afgerond',
    };
    TABLE_1_TRAJECTS.forEach((spec, index) => {
      const row = table.split('\n').find((line) => line.startsWith(`${index + 1}. `));
      expect(row, spec.id).toBeDefined();
      expect(squash(row!)).toContain(squash(tableStatus[spec.status]!));
    });
    expect(squash(localize(TRAJECT_STATUS_LABELS['afgerond-werkbezoek']))).toBe(
      'afgerond en werkbezoek georganiseerd',
    );
  });

  it('the five phases and what each produces', () => {
    const template = getBuiltInTemplate('visieleertraject');
    expect(PHASE_OUTPUTS.map((output) => output.phaseKey)).toEqual(template.phases.map((phase) => phase.key));
    expect(s000).toContain('handelingsperspectief');
    expect(s000).toContain(
      'het expertteam verwerkt dit handelingsperspectief in een advies, wat gepresenteerd wordt tijdens de borgingssessie',
    );
    expect(s002).toContain('we stellen een beknopte eindrapportage op en bespreken die in de borgingsessie');
    for (const info of Object.values(DELIVERABLE_INFO)) {
      expect(
        template.phases.find((phase) => phase.key === info.phaseKey)?.sessions.map((s) => s.key),
      ).toContain(info.sessionKey);
    }
    for (const phase of ['werving en selectie', 'starten', 'luisteren', 'ontwerpen', 'borgen'])
      expect(s002).toContain(phase);
  });

  it('the expertise kinds of the expert team', () => {
    expect(s000).toContain('experts met bestuurlijke, ambtelijke en uitvoerende kennis en ervaring');
    expect([...EXPERTISE_KINDS]).toEqual(['bestuurlijk', 'ambtelijk', 'uitvoerend']);
  });

  it('the extra sessions and the nazorggesprek', () => {
    expect(s002).toContain('werkbezoek');
    expect(s002).toContain('inwonerssessie');
    expect(s002).toContain('evaluerend nazorggesprek');
    for (const info of Object.values(EXTRA_SESSION_INFO))
      expect(info.source).toMatch(/^Rapportage Visieleren, VNG, april 2024/);
  });

  it("seed 003's four programmalijnen, with their doel and results after one and three years", () => {
    expect(IMPULS_VAKMANSCHAP.lines).toHaveLength(4);
    for (const line of IMPULS_VAKMANSCHAP.lines) {
      expect(s003).toContain(`programmalijn ${line.name.toLowerCase()}`);
      expect(s003).toContain(squash(line.doel));
      expect(line.resultaten.eenJaar.length).toBeGreaterThan(0);
      expect(line.resultaten.drieJaar.length).toBeGreaterThan(0);
      expect(line.actielijnen.length).toBeGreaterThan(0);
    }
    for (const indicator of IMPULS_VAKMANSCHAP.indicators.filter((candidate) => candidate.aspect))
      expect(s003).toContain(indicator.aspect!.toLowerCase());
    expect(VISIELEERTRAJECTEN_2022_2024.trajectIds).toHaveLength(9);
    for (const line of VISIELEERTRAJECTEN_2022_2024.lines) expect(s002).toContain(squash(line.doel));
  });

  it('every seeded lesson names a section of seed 002 under its theme and kind', () => {
    const sections: Record<string, { heading: string }> = {
      '§2.1': { heading: "2.1. dilemma's en uitdagingen" },
      '§2.2': { heading: '2.2. werkzame elementen' },
      '§3.1': { heading: "3.1. dilemma's en uitdagingen" },
      '§3.2': { heading: '3.2. werkzame elementen' },
      '§4.1': { heading: "4.1. dilemma's en uitdagingen" },
      '§4.2': { heading: '4.2. werkzame elementen' },
    };
    const themeChapter = { 'inwoner-centraal': '2', 'rust-en-regie': '3', 'balans-lokaal-regionaal': '4' };
    expect(SEED_LESSONS.length).toBeGreaterThanOrEqual(18);
    for (const lesson of SEED_LESSONS) {
      const section = lesson.source!.replace('Rapportage Visieleren, VNG, april 2024, ', '');
      expect(sections[section], lesson.id).toBeDefined();
      expect(s002).toContain(sections[section]!.heading);
      expect(section.startsWith(`§${themeChapter[lesson.theme]}.`)).toBe(true);
      expect(section.endsWith('.1') ? 'dilemma' : 'werkzaam-element').toBe(lesson.kind);
      expect(lesson.shared).toBe(true);
    }
  });
});
