import { describe, expect, it } from 'vitest';
import {
  holidayBoundaryToDate,
  parseSchoolHolidays,
  schoolHolidayOn,
  schoolHolidaysForRegion,
  ValidationError,
} from '../src/index.js';
import fixture from './fixtures/school-holidays-synthetic.json' with { type: 'json' };

describe('school holidays in the Rijksoverheid format', () => {
  const periods = parseSchoolHolidays(fixture);

  it('says in the fixture itself that its dates are synthetic', () => {
    expect(fixture.notice).toMatch(/SYNTHETISCHE TESTDATA/);
  });

  it('parses every region of every vacation, trimming the published whitespace', () => {
    expect(periods).toHaveLength(7);
    const autumnNoord = periods.find(
      (period) => period.region === 'noord' && period.name === 'Herfstvakantie',
    );
    expect(autumnNoord).toEqual({
      name: 'Herfstvakantie',
      region: 'noord',
      start: '2026-10-10',
      end: '2026-10-18',
      compulsory: false,
      schoolYear: '2026-2027',
    });
  });

  it('reads the instants as Amsterdam calendar days (the UTC-shift pitfall)', () => {
    // Amsterdam midnight written in UTC is the evening before in UTC.
    expect(holidayBoundaryToDate('2026-10-09T22:00:00.000Z', 'start')).toBe('2026-10-10');
    expect(new Date('2026-10-09T22:00:00.000Z').toISOString().slice(0, 10)).toBe('2026-10-09');
    // A date written as a UTC label at midnight is that day, even though Amsterdam is then at 02:00.
    expect(holidayBoundaryToDate('2026-10-10T00:00:00.000Z', 'start')).toBe('2026-10-10');
    // 23:59 in Amsterdam on the last day, in summer and in winter.
    expect(holidayBoundaryToDate('2026-10-18T21:59:00.000Z', 'end')).toBe('2026-10-18');
    expect(holidayBoundaryToDate('2027-01-03T22:59:00.000Z', 'end')).toBe('2027-01-03');
    // An end at Amsterdam midnight is exclusive: the day before is the last day off.
    expect(holidayBoundaryToDate('2026-10-25T23:00:00.000Z', 'end')).toBe('2026-10-25');
    // Explicit offsets and plain dates.
    expect(holidayBoundaryToDate('2027-02-21T23:59:00+01:00', 'end')).toBe('2027-02-21');
    expect(holidayBoundaryToDate('2027-02-20', 'start')).toBe('2027-02-20');
    expect(holidayBoundaryToDate('morgen', 'start')).toBeUndefined();
  });

  it('applies heel-Nederland periods to every region', () => {
    expect(schoolHolidaysForRegion(periods, 'zuid').map((period) => period.name)).toEqual([
      'Herfstvakantie',
      'Kerstvakantie',
      'Voorjaarsvakantie',
    ]);
    expect(schoolHolidayOn(periods, 'midden', '2027-01-03')?.name).toBe('Kerstvakantie');
    expect(schoolHolidayOn(periods, 'midden', '2027-01-04')).toBeUndefined();
    expect(schoolHolidayOn(periods, 'noord', '2026-10-12')?.name).toBe('Herfstvakantie');
    expect(schoolHolidayOn(periods, 'zuid', '2026-10-12')).toBeUndefined();
    expect(schoolHolidayOn(periods, 'zuid', '2026-10-25')?.name).toBe('Herfstvakantie');
    expect(schoolHolidayOn(periods, 'zuid', '2026-10-26')).toBeUndefined();
  });

  it('accepts the list endpoint (an array of school years)', () => {
    expect(parseSchoolHolidays([fixture, fixture])).toHaveLength(14);
  });

  it('names the bad field in Dutch', () => {
    const broken = structuredClone(fixture) as {
      content: Array<{ vacations: Array<{ regions: unknown[] }> }>;
    };
    broken.content[0]!.vacations[1]!.regions[0] = { region: 'west', startdate: 'x', enddate: 'y' };
    expect(() => parseSchoolHolidays(broken)).toThrow(ValidationError);
    expect(() => parseSchoolHolidays(broken)).toThrow(/content\.0\.vacations\.1\.regions\.0\.region/);

    const unreadable = structuredClone(fixture);
    unreadable.content[0]!.vacations[0]!.regions[1]!.enddate = 'volgende week';
    expect(() => parseSchoolHolidays(unreadable)).toThrow(/content\.0\.vacations\.0\.regions\.1\.enddate/);

    const reversed = structuredClone(fixture);
    reversed.content[0]!.vacations[1]!.regions[0]!.enddate = '2026-12-01';
    expect(() => parseSchoolHolidays(reversed)).toThrow(/ligt voor begindatum/);
  });
});
