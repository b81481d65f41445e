import { describe, expect, it } from 'vitest';
import {
  demoPortfolio,
  dueReminders,
  forecastTraject,
  getBuiltInTemplate,
  TABLE_1_TRAJECTS,
  trajectName,
  trajectSchema,
} from '../src/index.js';

const template = getBuiltInTemplate('visieleertraject');
const today = '2027-03-17';

describe('demoPortfolio', () => {
  const portfolio = demoPortfolio(today, template);

  it('holds the nine trajects of seed 002 Tabel 1 plus three running ones, all valid', () => {
    expect(portfolio).toHaveLength(12);
    for (const traject of portfolio) expect(() => trajectSchema.parse(traject)).not.toThrow();
    expect(new Set(portfolio.map((traject) => traject.id)).size).toBe(12);
    expect(portfolio.slice(0, 9).map((traject) => [trajectName(traject), traject.status])).toEqual([
      ['Schouwen-Duiveland', 'afgerond'],
      ['West Brabant Oost', 'afgerond'],
      ['Ermelo, Harderwijk, Zeewolde', 'afgerond-werkbezoek'],
      ['Oldenzaal', 'tussentijds-gestopt'],
      ['Stede Broec, Enkhuizen, Drechterland', 'borgingssessie-gepland'],
      ['Hoorn', 'afgerond'],
      ['Twenterand', 'inwonerssessie-gepland'],
      ['Súdwest-Fryslân', 'afgerond'],
      ['Westland', 'geannuleerd'],
    ]);
    // The thema/vraagstuk text comes from the table.
    expect(portfolio[1]?.kernvraag).toMatch(/couleur lokaal/);
    expect(portfolio[5]?.gemeenten[0]?.cbsCode).toBe('GM0405');
    for (const spec of TABLE_1_TRAJECTS)
      expect(spec.start >= '2022-01-01' && spec.start <= '2024-12-31').toBe(true);
  });

  it('is deterministic for the same day', () => {
    expect(demoPortfolio(today, template)).toEqual(portfolio);
    expect(demoPortfolio('2027-03-24', template)).not.toEqual(portfolio);
  });

  it('gives the history a consistent shape: completed trajects ended every phase', () => {
    const hoorn = portfolio.find((traject) => traject.id === 'hoorn')!;
    expect(hoorn.phases.every((phase) => phase.actualStart && phase.actualEnd)).toBe(true);
    expect(hoorn.sessions.every((session) => session.actualDate)).toBe(true);
    // The report says nothing about what a real traject ticked, so nothing is.
    expect(hoorn.checklist).toEqual([]);
    const twenterand = portfolio.find((traject) => traject.id === 'twenterand')!;
    expect(twenterand.phases.filter((phase) => phase.actualEnd)).toHaveLength(4);
    expect(
      twenterand.sessions.find((session) => session.key === 'borgingssessie')?.actualDate,
    ).toBeUndefined();
  });

  it('has running trajects around today: one in phase 2, one slipped, one about to start', () => {
    const [aanZee, rivierenland, heuvelland] = portfolio.slice(9);
    const aanZeeForecast = forecastTraject(template, aanZee!, { today });
    expect(aanZeeForecast.phases.map((phase) => phase.state)).toEqual([
      'afgerond',
      'bezig',
      'gepland',
      'gepland',
      'gepland',
    ]);
    expect(aanZee!.hours.length).toBeGreaterThan(0);
    expect(aanZee!.hours.every((log) => log.date < today)).toBe(true);

    const slipped = forecastTraject(template, rivierenland!, { today });
    expect(slipped.phases[2]?.state).toBe('uitgelopen');
    expect(slipped.slipWorkingDays).toBeGreaterThan(0);
    expect(rivierenland!.hours.some((log) => log.role === 'ambtelijke-ondersteuning')).toBe(true);

    expect(heuvelland!.status).toBe('aangemeld');
    expect(heuvelland!.startDate > today).toBe(true);
  });

  it('gives the reminder engine something to do today, and nothing for closed trajects', () => {
    const entries = portfolio.map((traject) => ({ traject, template }));
    const intents = dueReminders(entries, new Date(`${today}T12:00:00Z`));
    const trajectIds = new Set(intents.map((intent) => intent.trajectId));
    expect(trajectIds.has('voorbeeld-aan-zee')).toBe(true);
    expect(trajectIds.has('voorbeeld-rivierenland')).toBe(true);
    expect(trajectIds.has('voorbeeld-heuvelland')).toBe(true);
    for (const id of ['hoorn', 'westland', 'oldenzaal']) expect(trajectIds.has(id)).toBe(false);
  });
});
