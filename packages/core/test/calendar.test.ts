import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  amsterdamDate,
  amsterdamOffsetMinutes,
  amsterdamToUtc,
  createWorkingCalendar,
  daysBetween,
  defaultWorkingCalendar,
  dutchPublicHolidays,
  easterSunday,
  formatAmsterdamMoment,
  formatDateLong,
  fromDayNumber,
  isIsoDate,
  isoWeek,
  isoWeekday,
  koningsdag,
  mondayOfIsoWeek,
  mondayOfWeek,
  toDayNumber,
  ValidationError,
} from '../src/index.js';

describe('date helpers on YYYY-MM-DD', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-01-11', '2027-04-05')).toBe(84);
  });

  it('rejects dates that do not exist, in Dutch', () => {
    expect(() => toDayNumber('2027-02-30')).toThrow(ValidationError);
    expect(() => toDayNumber('11-01-2027')).toThrow(/JJJJ-MM-DD/);
  });

  it('knows weekdays, ISO weeks and Mondays, including weeks that belong to another year', () => {
    expect(isoWeekday('2027-01-11')).toBe(1);
    expect(isoWeekday('2027-01-17')).toBe(7);
    expect(isoWeek('2027-01-20')).toBe('2027-W03');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(mondayOfWeek('2027-01-17')).toBe('2027-01-11');
    expect(mondayOfIsoWeek('2027-W03')).toBe('2027-01-18');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
  });

  it('agrees with Date.UTC on every day number (the arithmetic avoids Date for speed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const viaDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(day)).toBe(viaDate);
        expect(toDayNumber(viaDate)).toBe(day);
      }),
      { numRuns: 500 },
    );
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
  });

  it('round-trips any date through its ISO week', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2060-12-31') }), (day) => {
        const date = addDays('1970-01-01', day);
        const monday = mondayOfIsoWeek(isoWeek(date));
        expect(isoWeekday(monday)).toBe(1);
        expect(daysBetween(monday, date)).toBe(isoWeekday(date) - 1);
      }),
    );
  });

  it('writes dates the Dutch way', () => {
    expect(formatDateLong('2027-02-08')).toBe('maandag 8 februari 2027');
    expect(formatDateLong('2027-02-08', 'en')).toBe('Monday 8 February 2027');
  });
});

describe('Dutch public holidays', () => {
  it('computes Gregorian Easter for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible date
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(isoWeekday('2025-04-27')).toBe(7);
    expect(koningsdag(2025)).toBe('2025-04-26');
    expect(koningsdag(2026)).toBe('2026-04-27');
  });

  it('lists the holidays of 2027 with Dutch and English names, 5 May included', () => {
    const holidays = dutchPublicHolidays(2027);
    expect(holidays.map((holiday) => [holiday.date, holiday.name.nl])).toEqual([
      ['2027-01-01', 'Nieuwjaarsdag'],
      ['2027-03-28', 'Eerste Paasdag'],
      ['2027-03-29', 'Tweede Paasdag'],
      ['2027-04-27', 'Koningsdag'],
      ['2027-05-05', 'Bevrijdingsdag'],
      ['2027-05-06', 'Hemelvaartsdag'],
      ['2027-05-16', 'Eerste Pinksterdag'],
      ['2027-05-17', 'Tweede Pinksterdag'],
      ['2027-12-25', 'Eerste Kerstdag'],
      ['2027-12-26', 'Tweede Kerstdag'],
    ]);
    expect(holidays.find((holiday) => holiday.key === 'hemelvaartsdag')?.name.en).toBe('Ascension Day');
  });

  it('adds Goede Vrijdag only when asked', () => {
    expect(dutchPublicHolidays(2027).some((holiday) => holiday.key === 'goede-vrijdag')).toBe(false);
    expect(dutchPublicHolidays(2027, { goodFriday: true }).find((h) => h.key === 'goede-vrijdag')?.date).toBe(
      '2027-03-26',
    );
  });
});

describe('WorkingCalendar', () => {
  const calendar = defaultWorkingCalendar;

  it('closes weekends, holidays and 5 May in every year', () => {
    expect(calendar.isWorkingDay('2027-01-11')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-05')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-05')).toBe(false);
    expect(calendar.closedReason('2027-05-06')?.holiday?.name.nl).toBe('Hemelvaartsdag');
    expect(calendar.isWorkingDay('2027-03-26')).toBe(true);
    expect(createWorkingCalendar({ goodFriday: true }).isWorkingDay('2027-03-26')).toBe(false);
  });

  it('honours extra closed days and rejects malformed ones', () => {
    const closed = createWorkingCalendar({ extraClosedDays: ['2027-12-27'] });
    expect(closed.closedReason('2027-12-27')?.reason).toBe('closed');
    expect(() => createWorkingCalendar({ extraClosedDays: ['27-12-2027'] })).toThrow(/extraClosedDays\.0/);
  });

  it('steps over closed days', () => {
    // Thursday 24 December 2026, then Christmas and the weekend.
    expect(calendar.nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(calendar.workingDayOnOrAfter('2027-05-05')).toBe('2027-05-07');
    expect(calendar.workingDayOnOrBefore('2027-05-06')).toBe('2027-05-04');
    expect(calendar.addWorkingDays('2027-05-03', 3)).toBe('2027-05-10');
    expect(calendar.addWorkingDays('2027-05-10', -3)).toBe('2027-05-03');
    expect(calendar.addWorkingDays('2027-05-10', 0)).toBe('2027-05-10');
    expect(calendar.countWorkingDays('2027-05-03', '2027-05-09')).toBe(3);
  });
});

describe('Europe/Amsterdam without libraries', () => {
  it('prints an instant on the Amsterdam clock, in winter and in summer time, across midnight', () => {
    expect(formatAmsterdamMoment('2026-12-10T13:38:22.766Z')).toBe('10 december 2026 om 14:38');
    expect(formatAmsterdamMoment(new Date('2027-07-01T22:30:00Z'))).toBe('2 juli 2027 om 00:30');
    expect(formatAmsterdamMoment('2027-07-01T07:05:00Z', 'en')).toBe('1 July 2027 at 09:05');
  });

  it('converts wall-clock times to UTC in winter and summer', () => {
    expect(amsterdamToUtc('2027-01-11', '09:00').toISOString()).toBe('2027-01-11T08:00:00.000Z');
    expect(amsterdamToUtc('2027-07-01', '09:00').toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });

  it('is right on the last Sunday of March (spring forward)', () => {
    // 28 March 2027: 02:00 CET becomes 03:00 CEST.
    expect(amsterdamToUtc('2027-03-28', '01:30').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(amsterdamToUtc('2027-03-28', '03:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(amsterdamToUtc('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T07:00:00.000Z');
    // 02:30 does not exist; it is read as 03:30 summer time.
    expect(amsterdamToUtc('2027-03-28', '02:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(amsterdamToUtc('2027-03-27', '09:00').toISOString()).toBe('2027-03-27T08:00:00.000Z');
  });

  it('is right on the last Sunday of October (fall back)', () => {
    // 31 October 2027: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the first one is taken.
    expect(amsterdamToUtc('2027-10-31', '02:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(amsterdamToUtc('2027-10-31', '09:00').toISOString()).toBe('2027-10-31T08:00:00.000Z');
    expect(amsterdamToUtc('2027-10-30', '09:00').toISOString()).toBe('2027-10-30T07:00:00.000Z');
    expect(amsterdamOffsetMinutes(new Date('2027-10-31T00:59:59Z'))).toBe(120);
    expect(amsterdamOffsetMinutes(new Date('2027-10-31T01:00:00Z'))).toBe(60);
  });

  it('gives the Amsterdam calendar day of an instant, not the UTC one', () => {
    expect(amsterdamDate(new Date('2027-01-10T23:30:00Z'))).toBe('2027-01-11');
    expect(amsterdamDate(new Date('2027-07-10T22:30:00Z'))).toBe('2027-07-11');
    expect(amsterdamDate(new Date('2027-07-10T21:30:00Z'))).toBe('2027-07-10');
  });

  it('round-trips every wall-clock time outside the spring gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, hour, minute) => {
          const date = addDays('1970-01-01', day);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = amsterdamToUtc(date, time);
          const isSpringGap =
            hour === 2 && isoWeekday(date) === 7 && date.slice(5, 7) === '03' && date.slice(8) > '24';
          if (!isSpringGap) expect(amsterdamDate(instant)).toBe(date);
        },
      ),
      { numRuns: 300 },
    );
  });
});
