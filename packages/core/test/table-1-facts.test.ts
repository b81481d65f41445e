import { describe, expect, it } from 'vitest';
import {
  aftercarePlan,
  demoExtraSessions,
  demoPortfolio,
  forecastTraject,
  getBuiltInTemplate,
  illustrativeNotice,
  TABLE_1_AS_OF,
  TABLE_1_TRAJECTS,
  type Traject,
  trajectOverview,
} from '../src/index.js';

const template = getBuiltInTemplate('visieleertraject');
const today = '2027-03-17';
const portfolio = demoPortfolio(today, template);
const byId = (id: string) => portfolio.find((traject) => traject.id === id)!;
const table = TABLE_1_TRAJECTS.map((spec) => byId(spec.id));

describe('the nine trajects of Tabel 1 show only what the report says as fact', () => {
  it('carries status, themes and vraagstuk from the table, and marks the dates as illustrative', () => {
    for (const traject of table) {
      expect(traject.asOf).toBe(TABLE_1_AS_OF);
      expect(traject.illustrative).toEqual(['data']);
      expect(illustrativeNotice(traject)?.nl).toMatch(/^Illustratief: de data van fasen en sessies/);
      const view = trajectOverview(traject, today);
      expect(view.illustrative?.nl).toMatch(/^Illustratief/);
    }
  });

  it('adds nothing the table does not give: no ticked items, no hours, no people, no VIT', () => {
    for (const traject of table) {
      expect(
        traject.checklist.filter((item) => item.done),
        traject.id,
      ).toEqual([]);
      expect(traject.hours).toEqual([]);
      expect(traject.participants).toEqual([]);
      // The VIT did not exist yet (the report, §5: the VNG was still developing it in 2024).
      expect(traject.vit).toBeUndefined();
    }
  });

  it('shows nothing "te laat" for a traject known only as of the report', () => {
    for (const traject of table) expect(trajectOverview(traject, today).overdue).toEqual([]);
  });

  it('Stede Broec: the borgingssessie is still planned, after the report date and in 2024', () => {
    const view = trajectOverview(byId('stede-broec-enkhuizen-drechterland'), today);
    expect(view.nextSession?.key).toBe('borgingssessie');
    expect(view.nextSession!.date > TABLE_1_AS_OF).toBe(true);
    expect(view.nextSession!.date.startsWith('2024-')).toBe(true);
    const borging = view.forecast!.sessions.find((session) => session.key === 'borgingssessie')!;
    expect(borging.actualDate).toBeUndefined();
  });

  it('Twenterand: an inwonerssessie and then the borgingssessie, both after the report and in 2024', () => {
    const twenterand = byId('twenterand');
    const [extra] = demoExtraSessions().filter((item) => item.trajectId === 'twenterand');
    expect(extra?.session.kind).toBe('inwonerssessie');
    expect(extra!.session.plannedDate > TABLE_1_AS_OF).toBe(true);
    expect(extra!.session.note).toMatch(/Illustratieve datum/);
    const view = trajectOverview(twenterand, today);
    const borging = view.forecast!.sessions.find((session) => session.key === 'borgingssessie')!;
    expect(borging.date > extra!.session.plannedDate).toBe(true);
    expect(borging.date.startsWith('2024-')).toBe(true);
  });

  it('finished trajects: the nazorggesprek lies in 2024 after the report ("zal in 2024 … plaats hebben")', () => {
    for (const traject of table.filter((candidate) => candidate.status.startsWith('afgerond'))) {
      const plan = aftercarePlan(traject, template, { today: TABLE_1_AS_OF });
      expect(plan.nazorggesprek!.date > TABLE_1_AS_OF, traject.id).toBe(true);
      expect(plan.nazorggesprek!.date.startsWith('2024-')).toBe(true);
    }
  });
});

describe('stopped and cancelled trajects: reasons as data, no future, one end', () => {
  const ended = (traject: Traject) => {
    const view = trajectOverview(traject, today);
    const forecast = view.forecast!;
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.max would turn into NaN
    const lastPhaseEnd = forecast.phases.reduce((max, phase) => (phase.end > max ? phase.end : max), '');
    return { view, forecast, lastPhaseEnd };
  };

  it('Oldenzaal keeps its reason: "gewijzigde timing en voortschrijdend inzicht"', () => {
    const oldenzaal = byId('oldenzaal');
    expect(oldenzaal.statusReason?.toLowerCase()).toBe('gewijzigde timing en voortschrijdend inzicht');
    expect(trajectOverview(oldenzaal, today).statusReason).toBe(oldenzaal.statusReason);
  });

  it('has no borgingssessie, evaluatie or nazorggesprek, and no date after it stopped', () => {
    for (const id of ['oldenzaal', 'westland']) {
      const traject = byId(id);
      const { forecast, lastPhaseEnd } = ended(traject);
      expect(forecast.sessions.every((session) => session.actualDate !== undefined)).toBe(true);
      expect(forecast.sessions.map((session) => session.key)).not.toContain('borgingssessie');
      expect(forecast.phases.every((phase) => phase.actualStart !== undefined)).toBe(true);
      for (const item of forecast.checklist) expect(item.due <= lastPhaseEnd).toBe(true);
      const aftercare = aftercarePlan(traject, template, { today: TABLE_1_AS_OF });
      expect(aftercare).toEqual({});
    }
  });

  it('the end agrees everywhere: the overview says where the timeline ends (Westland)', () => {
    const westland = byId('westland');
    const { view, forecast, lastPhaseEnd } = ended(westland);
    expect(view.forecastEnd).toBeDefined();
    expect(view.forecastEnd).toBe(forecast.forecastEnd);
    expect(view.forecastEnd).toBe(lastPhaseEnd);
    expect(view.forecastEnd! <= TABLE_1_AS_OF).toBe(true);
    // Forecasting the stored traject anywhere else (status included) gives the same end.
    expect(forecastTraject(template, westland, { today: TABLE_1_AS_OF }).forecastEnd).toBe(view.forecastEnd);
  });

  it('a live traject that stops keeps only what happened', () => {
    const running = byId('voorbeeld-rivierenland');
    const stopped = { ...running, status: 'tussentijds-gestopt' as const };
    const forecast = forecastTraject(template, stopped, { today });
    expect(forecast.sessions.every((session) => session.actualDate !== undefined)).toBe(true);
    expect(forecast.phases.length).toBeLessThan(template.phases.length);
  });
});

describe('what the demo adds to make the pages lively is marked as such', () => {
  it('the fictional trajects say which parts are illustrative', () => {
    for (const traject of portfolio.filter((candidate) => candidate.id.startsWith('voorbeeld-'))) {
      expect(traject.illustrative?.length, traject.id).toBeGreaterThan(0);
      if (traject.hours.length > 0) expect(traject.illustrative).toContain('uren');
      if (traject.checklist.some((item) => item.done)) expect(traject.illustrative).toContain('checklist');
    }
  });
});
