import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  defaultWorkingCalendar,
  forecastTraject,
  type PhaseProgress,
  planTraject,
  signedWorkingDays,
} from '../src/index.js';
import { buildTemplate, buildTraject, slippingPhases } from '../src/testing.js';

const template = buildTemplate();
const calendar = defaultWorkingCalendar;

describe('forecastTraject', () => {
  it('equals the plan when nothing has happened yet', () => {
    const traject = buildTraject();
    const forecast = forecastTraject(template, traject, { today: '2027-01-04' });
    const plan = planTraject(template, { start: traject.startDate });
    expect(forecast.phases.map((phase) => [phase.start, phase.end, phase.state])).toEqual(
      plan.phases.map((phase) => [phase.start, phase.end, 'gepland']),
    );
    expect(forecast.sessions.map((session) => session.date)).toEqual(
      plan.sessions.map((session) => session.date),
    );
    expect(forecast).toMatchObject({
      baselineEnd: '2027-02-19',
      forecastEnd: '2027-02-19',
      targetEnd: '2027-02-19',
      slipWorkingDays: 0,
      slipVsTargetWorkingDays: 0,
    });
  });

  it('lets a started phase past its planned end run to today and shifts the phases after it', () => {
    const traject = buildTraject({ phases: slippingPhases() });
    const forecast = forecastTraject(template, traject, { today: '2027-02-24' });
    expect(forecast.phases.map((phase) => [phase.key, phase.start, phase.end, phase.state])).toEqual([
      ['verkennen', '2027-01-11', '2027-01-22', 'afgerond'],
      ['luisteren', '2027-01-25', '2027-02-24', 'uitgelopen'],
      ['borgen', '2027-02-25', '2027-03-03', 'gepland'],
    ]);
    expect(forecast.phases[1]?.slipWorkingDays).toBe(8);
    expect(forecast.forecastEnd).toBe('2027-03-03');
    expect(forecast.slipWorkingDays).toBe(8);
    expect(forecast.slipVsTargetWorkingDays).toBe(8);
    // The borgingssessie keeps its place (4th working day) in the moved phase; earlier sessions stay.
    const dates = Object.fromEntries(forecast.sessions.map((session) => [session.key, session.date]));
    expect(dates).toEqual({
      intake: '2027-01-12',
      'kick-off': '2027-01-27',
      'duo-interviews': '2027-02-02',
      borgingssessie: '2027-03-02',
    });
    // Checklist items of the moved phase are due in its forecast dates.
    expect(forecast.checklist.find((item) => item.id === 'advies-besproken')?.due).toBe('2027-03-03');
  });

  it('marks a started phase within its planned length as bezig and keeps actual session dates', () => {
    const traject = buildTraject({
      phases: [
        { key: 'verkennen', plannedStart: '2027-01-11', plannedEnd: '2027-01-22', actualStart: '2027-01-13' },
        { key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-12' },
        { key: 'borgen', plannedStart: '2027-02-15', plannedEnd: '2027-02-19' },
      ],
      sessions: [
        { key: 'intake', phaseKey: 'verkennen', plannedDate: '2027-01-12', actualDate: '2027-01-14' },
        { key: 'kick-off', phaseKey: 'luisteren', plannedDate: '2027-01-27' },
        { key: 'duo-interviews', phaseKey: 'luisteren', plannedDate: '2027-02-02' },
        { key: 'borgingssessie', phaseKey: 'borgen', plannedDate: '2027-02-18' },
      ],
    });
    const forecast = forecastTraject(template, traject, { today: '2027-01-18' });
    expect(forecast.phases[0]).toMatchObject({ state: 'bezig', start: '2027-01-13', end: '2027-01-26' });
    expect(forecast.phases[1]).toMatchObject({ state: 'gepland', start: '2027-01-27', end: '2027-02-16' });
    expect(forecast.sessions.find((session) => session.key === 'intake')).toMatchObject({
      date: '2027-01-14',
      actualDate: '2027-01-14',
      plannedDate: '2027-01-12',
    });
  });

  it('lets a phase whose planned start has passed run, and never forecasts an open traject to end in the past', () => {
    // Phase 1 done; nobody recorded that luisteren started. Its plan ended on 12 February; on 1 March it is
    // still running (uitgelopen) as far as anyone knows, and borgen follows it.
    const traject = buildTraject({
      phases: [
        {
          key: 'verkennen',
          plannedStart: '2027-01-11',
          plannedEnd: '2027-01-22',
          actualStart: '2027-01-11',
          actualEnd: '2027-01-22',
        },
        { key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-12' },
        { key: 'borgen', plannedStart: '2027-02-15', plannedEnd: '2027-02-19' },
      ],
    });
    const forecast = forecastTraject(template, traject, { today: '2027-03-01' });
    expect(forecast.phases.map((phase) => [phase.key, phase.start, phase.end, phase.state])).toEqual([
      ['verkennen', '2027-01-11', '2027-01-22', 'afgerond'],
      ['luisteren', '2027-01-25', '2027-03-01', 'uitgelopen'],
      ['borgen', '2027-03-02', '2027-03-08', 'gepland'],
    ]);
    expect(forecast.forecastEnd > forecast.today).toBe(true);
    // Within its planned dates it is simply bezig, and nothing moves.
    const onTime = forecastTraject(template, traject, { today: '2027-02-01' });
    expect(onTime.phases[1]).toMatchObject({ state: 'bezig', start: '2027-01-25', end: '2027-02-12' });
    expect(onTime.forecastEnd).toBe('2027-02-19');
  });

  it('counts signed working days', () => {
    expect(signedWorkingDays(calendar, '2027-02-19', '2027-03-03')).toBe(8);
    expect(signedWorkingDays(calendar, '2027-03-03', '2027-02-19')).toBe(-8);
    expect(signedWorkingDays(calendar, '2027-03-03', '2027-03-03')).toBe(0);
  });

  /** Random but consistent progress: phases 0..done-1 ended, phase `done` maybe started, with delays. */
  const progressArbitrary = fc.record({
    startOffset: fc.integer({ min: 0, max: 2000 }),
    done: fc.integer({ min: 0, max: 3 }),
    delays: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }),
    startedCurrent: fc.boolean(),
    todayOffset: fc.integer({ min: -20, max: 200 }),
  });

  it('property: slipping a phase never moves an earlier one, and forecast phases never overlap', () => {
    fc.assert(
      fc.property(
        progressArbitrary,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 40 }),
        ({ startOffset, done, delays, startedCurrent, todayOffset }, slipChoice, extra) => {
          // The phase that slips is the current one or a later one (recorded history does not move).
          const slipIndex = Math.min(Math.max(slipChoice, done), 2);
          const start = calendar.workingDayOnOrAfter(addDays('2025-01-06', startOffset));
          const plan = planTraject(template, { start });
          const phases: PhaseProgress[] = plan.phases.map((phase) => ({
            key: phase.key,
            plannedStart: phase.start,
            plannedEnd: phase.end,
          }));
          let cursor = start;
          phases.forEach((phase, index) => {
            if (index < done) {
              phase.actualStart = cursor;
              phase.actualEnd = calendar.addWorkingDays(phase.plannedEnd, delays[index] ?? 0);
              if (phase.actualEnd < cursor) phase.actualEnd = cursor;
              cursor = calendar.nextWorkingDay(phase.actualEnd);
            } else if (index === done && startedCurrent) {
              phase.actualStart = cursor;
            }
          });
          const today = addDays(cursor, todayOffset);
          const base = forecastTraject(template, { startDate: start, phases }, { today });

          // Slip phase `slipIndex`: it ends later (or, when not ended, today is later for a started phase).
          const slipped = phases.map((phase) => ({ ...phase }));
          const target = slipped[slipIndex]!;
          const targetForecast = base.phases[slipIndex]!;
          target.actualStart = targetForecast.start;
          target.actualEnd = calendar.addWorkingDays(targetForecast.end, extra);
          const after = forecastTraject(template, { startDate: start, phases: slipped }, { today });

          for (let index = 0; index < slipIndex; index++) {
            expect(after.phases[index]?.start).toBe(base.phases[index]?.start);
            expect(after.phases[index]?.end).toBe(base.phases[index]?.end);
          }
          expect(after.forecastEnd >= base.forecastEnd).toBe(true);
          for (const forecast of [base, after]) {
            forecast.phases.forEach((phase, index) => {
              expect(phase.start <= phase.end).toBe(true);
              const previous = forecast.phases[index - 1];
              if (previous) expect(phase.start > previous.end).toBe(true);
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
