import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createTrajectFromTemplate,
  defaultWorkingCalendar,
  dutchPublicHolidays,
  getBuiltInTemplate,
  isoWeekday,
  parseSchoolHolidays,
  placeSession,
  planToJson,
  planTraject,
  REGIONS,
  schoolHolidayOn,
  type Template,
  toDayNumber,
  ValidationError,
} from '../src/index.js';
import { buildTemplate } from '../src/testing.js';
import fixture from './fixtures/school-holidays-synthetic.json' with { type: 'json' };

const template = buildTemplate();
const schoolHolidays = parseSchoolHolidays(fixture);

const holidaySet = new Set(
  Array.from({ length: 8 }, (_, index) => 2025 + index).flatMap((year) =>
    dutchPublicHolidays(year).map((holiday) => holiday.date),
  ),
);

describe('planTraject', () => {
  it('lays phases over working weeks and sessions on the template weekday', () => {
    const plan = planTraject(template, { start: '2027-01-11' });
    expect(plan.phases.map((phase) => [phase.key, phase.start, phase.end])).toEqual([
      ['verkennen', '2027-01-11', '2027-01-22'],
      ['luisteren', '2027-01-25', '2027-02-12'],
      ['borgen', '2027-02-15', '2027-02-19'],
    ]);
    expect(plan.sessions.map((session) => [session.key, session.date])).toEqual([
      ['intake', '2027-01-12'],
      ['kick-off', '2027-01-27'],
      ['duo-interviews', '2027-02-02'],
      ['borgingssessie', '2027-02-18'],
    ]);
    expect(plan.end).toBe('2027-02-19');
    // 6 calendar weeks from Monday 11 January end on Sunday 21 February; the last working day is the 19th.
    expect(plan.targetEnd).toBe('2027-02-19');
    expect(plan.checklist.map((item) => [item.id, item.due])).toEqual([
      ['contactpersoon-benoemd', '2027-01-15'],
      ['vit-ingevuld', '2027-01-22'],
      ['interviews-gepland', '2027-02-12'],
      ['advies-besproken', '2027-02-19'],
    ]);
    expect(plan.programmeSteps).toEqual([
      expect.objectContaining({ number: 1, start: '2027-01-11', end: '2027-01-22', afterTraject: false }),
      expect.objectContaining({ number: 2, start: '2027-01-25', end: '2027-02-19', afterTraject: false }),
      expect.objectContaining({ number: 3, afterTraject: true }),
    ]);
    expect(plan.programmeSteps[2]?.start).toBeUndefined();
    expect(plan.commitments).toBe(template.commitments);
    expect(plan.warnings).toEqual([]);
  });

  it('starts on the next working day when the start is not one', () => {
    expect(planTraject(template, { start: '2027-01-09' }).start).toBe('2027-01-11');
    expect(planTraject(template, { start: '2027-05-05' }).start).toBe('2027-05-07');
  });

  it('lengthens phases by their holidays and moves a session off Koningsdag', () => {
    const plan = planTraject(template, { start: '2027-04-26' });
    // 27 April (Koningsdag), 5 May (Bevrijdingsdag) and 6 May (Hemelvaartsdag) are not working days.
    expect(plan.phases[0]).toMatchObject({ start: '2027-04-26', end: '2027-05-12', workingDays: 10 });
    const intake = plan.sessions.find((session) => session.key === 'intake');
    expect(intake?.date).toBe('2027-04-28');
    expect(intake?.adjustments[0]?.nl).toBe(
      'Verplaatst van dinsdag 27 april 2027 (Koningsdag) naar woensdag 28 april 2027.',
    );
    expect(plan.end > plan.targetEnd).toBe(true);
  });

  it('moves a session with bestuurders out of the school holiday of the region', () => {
    // Luisteren starts Monday 12 October 2026, inside the (synthetic) autumn holiday of region noord.
    const noord = planTraject(template, { start: '2026-09-28', region: 'noord', schoolHolidays });
    const kickOff = noord.sessions.find((session) => session.key === 'kick-off');
    expect(kickOff?.date).toBe('2026-10-19');
    expect(kickOff?.adjustments[0]?.nl).toMatch(/Herfstvakantie \(regio noord\)/);
    expect(kickOff?.warnings).toEqual([]);
    // Sessions without bestuurders stay where they are.
    const intake = noord.sessions.find((session) => session.key === 'intake');
    expect(intake?.date).toBe('2026-09-29');

    const midden = planTraject(template, { start: '2026-09-28', region: 'midden', schoolHolidays });
    expect(midden.sessions.find((session) => session.key === 'kick-off')?.date).toBe('2026-10-14');
  });

  it('keeps the date with a Dutch warning when the whole phase is in the school holiday', () => {
    const session = template.phases[2]!.sessions[0]!;
    const placed = placeSession(
      session,
      { key: 'borgen', start: '2026-12-21', end: '2026-12-31' },
      { calendar: defaultWorkingCalendar, region: 'zuid', schoolHolidays },
    );
    expect(placed.date).toBe('2026-12-24');
    expect(placed.warnings).toHaveLength(1);
    expect(placed.warnings[0]?.nl).toMatch(
      /Kerstvakantie \(regio zuid\).*geen werkdag buiten de schoolvakantie/,
    );
    expect(placed.warnings[0]?.en).toMatch(/Christmas|Kerstvakantie/);
  });

  it('warns when school holidays cannot be weighed', () => {
    expect(planTraject(template, { start: '2027-01-11', region: 'zuid' }).warnings[0]?.nl).toMatch(
      /Geen schoolvakantiebestand/,
    );
    expect(planTraject(template, { start: '2027-01-11', schoolHolidays }).warnings[0]?.nl).toMatch(
      /geen regio/,
    );
  });

  const templates: Array<[string, Template]> = [
    ['buildTemplate()', template],
    ['visieleertraject', getBuiltInTemplate('visieleertraject')],
    ['verbetertraject-toegang', getBuiltInTemplate('verbetertraject-toegang')],
  ];
  const startDates = fc
    .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') })
    .map((day) => addDays('1970-01-01', day));
  const regions = fc.option(fc.constantFrom(...REGIONS), { nil: undefined });

  for (const [name, subject] of templates) {
    it(`property (${name}): for any start in 2025-2030 no session falls on a weekend or holiday, phases follow each other`, () => {
      fc.assert(
        fc.property(startDates, regions, (start, region) => {
          const plan = planTraject(subject, { start, ...(region ? { region, schoolHolidays } : {}) });
          expect(plan.phases).toHaveLength(subject.phases.length);
          expect(plan.start >= start).toBe(true);
          plan.phases.forEach((phase, index) => {
            expect(phase.key).toBe(subject.phases[index]?.key);
            expect(phase.start <= phase.end).toBe(true);
            expect(defaultWorkingCalendar.countWorkingDays(phase.start, phase.end)).toBe(
              subject.phases[index]!.durationWeeks * 5,
            );
            const previous = plan.phases[index - 1];
            if (previous) {
              expect(phase.start > previous.end).toBe(true);
              expect(phase.start).toBe(defaultWorkingCalendar.nextWorkingDay(previous.end));
            }
            // A preparation may fall in an earlier phase (at its own distance before the session), never
            // before the traject starts nor after its own phase.
            for (const item of phase.checklist)
              expect(item.due >= plan.start && item.due <= phase.end).toBe(true);
          });
          for (const session of plan.sessions) {
            expect(isoWeekday(session.date)).toBeLessThanOrEqual(5);
            expect(holidaySet.has(session.date)).toBe(false);
            expect(session.date.slice(5)).not.toBe('05-05');
            const phase = plan.phases.find((candidate) => candidate.key === session.phaseKey)!;
            expect(session.date >= phase.start && session.date <= phase.end).toBe(true);
            if (region && session.withBestuurders && schoolHolidayOn(schoolHolidays, region, session.date)) {
              expect(session.warnings.length).toBeGreaterThan(0);
            }
          }
          expect(plan.end).toBe(plan.phases[plan.phases.length - 1]?.end);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('createTrajectFromTemplate', () => {
  it('fills planned phases and sessions and leaves checklist and hours empty', () => {
    const traject = createTrajectFromTemplate(template, {
      id: 'hoorn',
      gemeenten: [{ name: 'Hoorn' }],
      kernvraag: 'Hoe kunnen we integraal werken in de toegang?',
      start: '2027-01-09',
      region: 'noord',
    });
    expect(traject).toMatchObject({
      id: 'hoorn',
      templateKey: 'test-traject',
      startDate: '2027-01-11',
      status: 'aangemeld',
      themes: [],
      checklist: [],
      hours: [],
    });
    expect(traject.phases[1]).toEqual({
      key: 'luisteren',
      plannedStart: '2027-01-25',
      plannedEnd: '2027-02-12',
    });
    expect(traject.sessions[0]).toEqual({ key: 'intake', phaseKey: 'verkennen', plannedDate: '2027-01-12' });
  });

  it('rejects bad input with a Dutch message naming the field', () => {
    const create = () =>
      createTrajectFromTemplate(template, {
        id: 'x',
        gemeenten: [{ name: 'Hoorn', cbsCode: '0405' }],
        kernvraag: 'Vraag',
        start: '2027-01-11',
      });
    expect(create).toThrow(ValidationError);
    expect(create).toThrow(/gemeenten\.0\.cbsCode: verwacht een CBS-code/);
  });
});

describe('planToJson', () => {
  it('has the shape the CLI promises, with names in the chosen language', () => {
    const visieleertraject = getBuiltInTemplate('visieleertraject');
    const json = planToJson(planTraject(visieleertraject, { start: '2027-01-11' }));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['template', 'start', 'end', 'phases', 'commitments']),
    );
    expect(json.template).toBe('visieleertraject');
    expect(json.start).toBe('2027-01-11');
    expect(json.phases).toHaveLength(5);
    for (const phase of json.phases) {
      expect(phase).toEqual(
        expect.objectContaining({
          key: expect.any(String),
          name: expect.any(String),
          start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          end: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      );
      for (const session of phase.sessions) {
        expect(session).toEqual(
          expect.objectContaining({ key: expect.any(String), name: expect.any(String) }),
        );
        expect(session.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      for (const item of phase.checklist)
        expect(item).toEqual(expect.objectContaining({ id: expect.any(String), text: expect.any(String) }));
    }
    expect(json.end).toBe(json.phases[4]?.end);
    expect(json.commitments.map((commitment) => commitment.role)).toContain('ambtelijk-contactpersoon');
    const english = planToJson(planTraject(visieleertraject, { start: '2027-01-11' }), 'en');
    expect(english.phases[0]?.name).toBe(visieleertraject.phases[0]?.name.en);
    expect(json.phases[0]?.name).toBe(visieleertraject.phases[0]?.name.nl);
  });
});
