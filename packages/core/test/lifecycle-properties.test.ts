import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createTrajectFromTemplate,
  createWorkingCalendar,
  defaultWorkingCalendar,
  forecastTraject,
  getBuiltInTemplate,
  moveSession,
  nazorgDate,
  planTraject,
  toDayNumber,
} from '../src/index.js';

const templates = [getBuiltInTemplate('visieleertraject'), getBuiltInTemplate('verbetertraject-toegang')];
const startDates = fc
  .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') })
  .map((day) => addDays('1970-01-01', day));

describe('properties of the lifecycle plan (any start in 2025-2030)', () => {
  it('every checklist item falls on or before the session it prepares (plan and forecast)', () => {
    const calendars = [
      defaultWorkingCalendar,
      createWorkingCalendar({ goodFriday: true, extraClosedDays: ['2027-12-27', '2027-12-28'] }),
    ];
    fc.assert(
      fc.property(
        startDates,
        fc.constantFrom(...templates),
        fc.constantFrom(...calendars),
        (start, template, calendar) => {
          const plan = planTraject(template, { start, calendar });
          const sessionDate = new Map(plan.sessions.map((session) => [session.key, session.date]));
          const items = template.phases.flatMap((phase) => phase.checklist);
          for (const item of items.filter((candidate) => candidate.prepares)) {
            const due = plan.checklist.find((planned) => planned.id === item.id)!.due;
            const session = sessionDate.get(item.prepares!.session);
            expect(session, `${item.id} prepares an unknown session`).toBeDefined();
            expect(due <= session!, `${item.id} due ${due}, session ${session}`).toBe(true);
          }
          // The forecast of a traject that slipped a week keeps the rule.
          const traject = createTrajectFromTemplate(template, {
            id: 't',
            gemeenten: [{ name: 'X' }],
            kernvraag: 'k',
            start,
            status: 'lopend',
          });
          const firstPhase = traject.phases[0]!;
          const slipped = {
            ...traject,
            phases: [
              {
                ...firstPhase,
                actualStart: firstPhase.plannedStart,
                actualEnd: calendar.addWorkingDays(firstPhase.plannedEnd, 5),
              },
              ...traject.phases.slice(1),
            ],
          };
          const forecast = forecastTraject(template, slipped, { today: plan.start, calendar });
          const forecastSession = new Map(forecast.sessions.map((session) => [session.key, session.date]));
          for (const item of items.filter((candidate) => candidate.prepares)) {
            const due = forecast.checklist.find((planned) => planned.id === item.id)!.due;
            expect(due <= forecastSession.get(item.prepares!.session)!).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the nazorggesprek falls after the borgingssessie, on a working day', () => {
    const template = templates[0]!;
    fc.assert(
      fc.property(startDates, fc.integer({ min: 1, max: 24 }), fc.boolean(), (start, months, goodFriday) => {
        const calendar = createWorkingCalendar({ goodFriday, extraClosedDays: ['2028-12-27', '2029-12-27'] });
        const plan = planTraject(template, { start, calendar });
        const borging = plan.sessions.find((session) => session.key === 'borgingssessie')!.date;
        const nazorg = nazorgDate(borging, months, calendar);
        expect(nazorg > borging).toBe(true);
        expect(calendar.isWorkingDay(nazorg)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('moving a session re-plans what follows', () => {
  it('for any start and any later date: sessions keep their order, land on working days, phases follow', () => {
    const template = templates[0]!;
    fc.assert(
      fc.property(
        startDates,
        fc.constantFrom('intake', 'kick-off', 'duo-interviews', 'ontwerpsessie', 'borgingssessie'),
        fc.integer({ min: 1, max: 60 }),
        (start, key, days) => {
          const traject = createTrajectFromTemplate(template, {
            id: 't',
            gemeenten: [{ name: 'X' }],
            kernvraag: 'k',
            start,
            status: 'lopend',
          });
          const before = traject.sessions.find((session) => session.key === key)!.plannedDate;
          const move = moveSession(traject, key, addDays(before, days));
          const dates = new Map(traject.sessions.map((s) => [s.key, s.plannedDate]));
          for (const change of move.sessions) dates.set(change.sessionKey, change.plannedDate);
          const ordered = traject.sessions.map((session) => dates.get(session.key)!);
          expect([...ordered].sort()).toEqual(ordered);
          for (const date of dates.values()) expect(defaultWorkingCalendar.isWorkingDay(date)).toBe(true);
          const phases = traject.phases.map((phase) => {
            const change = move.phases.find((candidate) => candidate.key === phase.key);
            return {
              start: change?.plannedStart ?? phase.plannedStart,
              end: change?.plannedEnd ?? phase.plannedEnd,
            };
          });
          phases.forEach((phase, index) => {
            if (index > 0) expect(phase.start > phases[index - 1]!.end).toBe(true);
          });
          expect(move.workingDays).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
