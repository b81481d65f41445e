import { describe, expect, it } from 'vitest';
import {
  IMPULS_VAKMANSCHAP,
  programmeProgress,
  resultDueDates,
  TABLE_1_AS_OF,
  TABLE_1_TRAJECTS,
  VISIELEERTRAJECTEN_2022_2024,
} from '../src/index.js';
import { sourceDocument, sourcesAvailable, sourcesSuite, squash } from './helpers/source-documents.js';

const measures = IMPULS_VAKMANSCHAP.indicators.filter((indicator) => indicator.aspect);

describe('Impuls Vakmanschap as the programmaplan gives it', () => {
  it('has all six actielijnen of Organisatie & Ontwikkeling, with their full names', () => {
    const line = IMPULS_VAKMANSCHAP.lines.find(
      (candidate) => candidate.key === 'organisatie-en-ontwikkeling',
    )!;
    expect(line.actielijnen).toEqual([
      'Gesprekken Divosa met directeuren',
      'Mini-symposium najaarscongres',
      'Lerend vermogen in de organisatie',
      'Uitdagend leiderschapstraject',
      'Beroepsontwikkeling en beroepsprofielen',
      'Stimuleren en ondersteunen gebruik van de Participatieladder',
    ]);
  });

  it('has its six agenda goals, its governance and its period to the end of 2013', () => {
    expect(IMPULS_VAKMANSCHAP.goals.map((goal) => goal.name)).toEqual([
      'Effectiviteit vergroten',
      'Transparantie vergroten',
      'Professionele standaard ontwikkelen',
      'Methodisch werken',
      'Lerend vermogen',
      'Visie en sturing vanuit organisatie',
    ]);
    expect(IMPULS_VAKMANSCHAP.governance.map((body) => body.name)).toEqual([
      'Impulsgroep Vakmanschap',
      'Raad van Advies',
      'Programmateam',
      'Programmalijnen',
    ]);
    expect(IMPULS_VAKMANSCHAP.period?.end).toBe('2013-12-31');
    // The start is our reading and says so.
    expect(IMPULS_VAKMANSCHAP.period?.startNote).toMatch(/onze lezing/);
    expect(resultDueDates(IMPULS_VAKMANSCHAP)).toEqual({ eenJaar: '2012-11-01', drieJaar: '2014-11-01' });
  });

  it('has the fifteen meetlatten of "Voortgang meten", and a target only where the plan gives a number', () => {
    expect(measures).toHaveLength(15);
    expect(new Set(measures.map((measure) => measure.aspect))).toEqual(
      new Set([
        'Effectiviteit verhogen',
        'Transparantie vergroten',
        'Professionele standaard ontwikkelen',
        'Methodisch werken',
        'Lerend vermogen',
        'Visie en sturing vanuit organisatie',
      ]),
    );
    const targets = IMPULS_VAKMANSCHAP.indicators.filter((indicator) => indicator.target !== undefined);
    expect(targets.map((indicator) => [indicator.id, indicator.target])).toEqual([['gemeentetrainees', 2]]);
  });
});

describe('the visieleertrajecten 2022-2024 as a programme', () => {
  it('sets no target the report does not give ("Trajecten afgerond: target 9" is gone)', () => {
    for (const indicator of VISIELEERTRAJECTEN_2022_2024.indicators) expect(indicator.target).toBeUndefined();
  });

  it('is measured on its report date, not today', () => {
    const trajects = TABLE_1_TRAJECTS.map((spec) => ({ id: spec.id, status: spec.status }));
    const progress = programmeProgress(VISIELEERTRAJECTEN_2022_2024, trajects, [], '2027-03-17');
    expect(progress.measuredOn).toBe(TABLE_1_AS_OF);
    const finished = progress.indicators.find((indicator) => indicator.id === 'trajecten-afgerond')!;
    expect(finished.latest).toEqual({
      indicatorId: 'trajecten-afgerond',
      measuredOn: TABLE_1_AS_OF,
      value: 5,
    });
    expect(finished.reached).toBeUndefined();
  });
});

describe.skipIf(!sourcesAvailable)(
  sourcesSuite('Impuls Vakmanschap against the programmaplan itself'),
  () => {
    const text = sourcesAvailable ? sourceDocument('003') : '';
    const plan = squash(text);

    it('every actielijn, goal, body of the governance and meetlat is in the plan', () => {
      for (const line of IMPULS_VAKMANSCHAP.lines)
        for (const actielijn of line.actielijnen.filter((name) => !name.includes('Interventies')))
          expect(plan, actielijn).toContain(squash(`- ${actielijn}.`));
      for (const goal of IMPULS_VAKMANSCHAP.goals) {
        expect(plan).toContain(squash(goal.name));
        expect(plan).toContain(squash(goal.text));
      }
      for (const body of ['impulsgroep vakmanschap', 'raad van advies', 'programmteam', 'programmalijnen'])
        expect(plan).toContain(body);
      for (const measure of measures) expect(plan, measure.id).toContain(squash(measure.name));
      expect(plan).toContain('een agenda die tot eind 2013 loopt');
    });

    it('"Voortgang meten" lists exactly as many meetlatten as the programme has', () => {
      const section = text.slice(text.indexOf('## **Voortgang meten**'), text.lastIndexOf('---'));
      const bullets = section.split('\n').filter((line) => line.startsWith('- '));
      expect(bullets).toHaveLength(measures.length);
    });
  },
);
