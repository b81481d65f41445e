import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createTrajectFromTemplate,
  createWorkingCalendar,
  defaultWorkingCalendar,
  forecastTraject,
  getBuiltInTemplate,
  parseTemplate,
  planTraject,
  type TemplateInput,
  toDayNumber,
  ValidationError,
} from '../src/index.js';

const template = getBuiltInTemplate('visieleertraject');
const startDates = fc
  .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') })
  .map((day) => addDays('1970-01-01', day));
const dueOf = (checklist: ReadonlyArray<{ id: string; due: string }>, id: string) =>
  checklist.find((item) => item.id === id)!.due;
const dateOf = (sessions: ReadonlyArray<{ key: string; date: string }>, key: string) =>
  sessions.find((session) => session.key === key)!.date;

describe('checklist items keep their own distance to the session they prepare', () => {
  it('a start on 2027-01-11: synthesis 1 three and synthesis 2 one working day before the ontwerpsessie', () => {
    const plan = planTraject(template, { start: '2027-01-11' });
    const ontwerpsessie = dateOf(plan.sessions, 'ontwerpsessie');
    const calendar = defaultWorkingCalendar;
    expect(dueOf(plan.checklist, 'synthese-moderators')).toBe(calendar.addWorkingDays(ontwerpsessie, -3));
    expect(dueOf(plan.checklist, 'synthese-expertteam')).toBe(calendar.addWorkingDays(ontwerpsessie, -1));
    expect(dueOf(plan.checklist, 'reflectie-synthese')).toBe(ontwerpsessie);
    expect(dueOf(plan.checklist, 'synthese-moderators') < dueOf(plan.checklist, 'synthese-expertteam')).toBe(
      true,
    );
  });

  it('invitations to bestuurders for the kick-off go out two weeks ahead, not the day before', () => {
    const plan = planTraject(template, { start: '2027-01-11' });
    const kickOff = dateOf(plan.sessions, 'kick-off');
    const due = dueOf(plan.checklist, 'bestuurders-uitnodigen-kick-off');
    expect(due).toBe(defaultWorkingCalendar.addWorkingDays(kickOff, -10));
    expect(defaultWorkingCalendar.countWorkingDays(due, kickOff)).toBeGreaterThanOrEqual(10);
  });

  it('for any start in 2025-2030 (plan and a slipped forecast): 1 before 2 before the session, each at its offset', () => {
    const calendars = [
      defaultWorkingCalendar,
      createWorkingCalendar({ goodFriday: true, extraClosedDays: ['2027-12-27', '2028-12-27'] }),
    ];
    const preparing = template.phases.flatMap((phase) =>
      phase.checklist.filter((item) => item.prepares).map((item) => ({ ...item, phaseKey: phase.key })),
    );
    fc.assert(
      fc.property(
        startDates,
        fc.constantFrom(...calendars),
        fc.integer({ min: 0, max: 15 }),
        (start, calendar, slip) => {
          const plan = planTraject(template, { start, calendar });
          const traject = createTrajectFromTemplate(template, {
            id: 't',
            gemeenten: [{ name: 'X' }],
            kernvraag: 'k',
            start,
            status: 'lopend',
          });
          const [first, ...rest] = traject.phases;
          const slipped = {
            ...traject,
            phases: [
              {
                ...first!,
                actualStart: first!.plannedStart,
                actualEnd: calendar.addWorkingDays(first!.plannedEnd, slip),
              },
              ...rest,
            ],
          };
          const forecast = forecastTraject(template, slipped, { today: plan.start, calendar });
          for (const view of [plan, forecast]) {
            const begin = view === plan ? plan.start : forecast.phases[0]!.start;
            for (const item of preparing) {
              const session = dateOf(view.sessions, item.prepares!.session);
              const phaseEnd = view.phases.find((phase) => phase.key === item.phaseKey)!.end;
              const atOffset = calendar.addWorkingDays(session, -item.prepares!.workingDaysBefore);
              // Its own distance, unless that is before the traject or after its own (earlier) phase.
              // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.max would turn into NaN
              const expected = atOffset < begin ? begin : atOffset > phaseEnd ? phaseEnd : atOffset;
              expect(dueOf(view.checklist, item.id), item.id).toBe(expected);
            }
            const ontwerpsessie = dateOf(view.sessions, 'ontwerpsessie');
            const step1 = dueOf(view.checklist, 'synthese-moderators');
            const step2 = dueOf(view.checklist, 'synthese-expertteam');
            expect(step1 < step2 && step2 < ontwerpsessie).toBe(true);
            const kickOff = dateOf(view.sessions, 'kick-off');
            const invite = dueOf(view.checklist, 'bestuurders-uitnodigen-kick-off');
            expect(calendar.countWorkingDays(invite, kickOff)).toBeGreaterThanOrEqual(
              Math.min(10, calendar.countWorkingDays(begin, kickOff)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('steps 3-6 take at least seven weeks (VNG, Visieleertrajecten Toegang)', () => {
  it('is part of the built-in template and holds there', () => {
    expect(template.minimumDurations).toEqual([
      expect.objectContaining({ fromStep: 3, toStep: 6, weeks: 7 }),
    ]);
    const phases = new Set(
      template.programmeSteps.filter((s) => s.number >= 3 && s.number <= 6).flatMap((s) => s.phaseKeys),
    );
    const weeks = template.phases.filter((p) => phases.has(p.key)).reduce((n, p) => n + p.durationWeeks, 0);
    expect(weeks).toBeGreaterThanOrEqual(7);
  });

  it('refuses a template whose steps 3-6 are shorter, naming the field', () => {
    const input = JSON.parse(JSON.stringify(template)) as TemplateInput;
    for (const phase of input.phases) if (phase.key !== 'vraagverheldering') phase.durationWeeks = 1;
    for (const phase of input.phases) for (const session of phase.sessions ?? []) session.weekInPhase = 0;
    for (const phase of input.phases)
      for (const item of phase.checklist ?? [])
        if (item.dueWeekInPhase !== undefined) item.dueWeekInPhase = 0;
    const attempt = () => parseTemplate(input, 'kort.json');
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/minimumDurations\.0\.weeks: stap 3 tot en met 6 duren samen 4 weken/);
  });

  it('refuses an item that prepares a session the template does not have', () => {
    const input = JSON.parse(JSON.stringify(template)) as TemplateInput;
    input.phases[0]!.checklist![0]!.prepares = { session: 'bestaat-niet', workingDaysBefore: 1 };
    expect(() => parseTemplate(input, 'fout.json')).toThrow(
      /prepares\.session: onbekende sessie "bestaat-niet"/,
    );
  });
});
