import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/calendar/dates.js';
import {
  hoursReport,
  type PhaseDateRange,
  type ResolvedCommitment,
  resolveCommitments,
  totalInwoners,
  trajectPhaseDates,
} from '../src/commitments/index.js';
import { ValidationError } from '../src/errors.js';
import type { Gemeente, HourLog, Traject } from '../src/model/traject.js';
import { ROLES } from '../src/model/vocabulary.js';
import { getBuiltInTemplate } from '../src/templates/index.js';

const template = getBuiltInTemplate('visieleertraject');

/** Hand-made phase dates for a start on Monday 11 January 2027 (2+2+3+2+3 weeks, no holidays inside). */
const phaseDates: PhaseDateRange[] = [
  { key: 'vraagverheldering', start: '2027-01-11', end: '2027-01-22' },
  { key: 'starten', start: '2027-01-25', end: '2027-02-05' },
  { key: 'luisteren', start: '2027-02-08', end: '2027-02-26' },
  { key: 'ontwerpen', start: '2027-03-01', end: '2027-03-12' },
  { key: 'borgen', start: '2027-03-15', end: '2027-04-02' },
];

let logId = 0;
function log(role: HourLog['role'], date: string, hours: number): HourLog {
  logId += 1;
  return { id: `log-${logId}`, role, date, hours };
}

function traject(
  gemeenten: Gemeente[],
  hours: HourLog[] = [],
): Pick<Traject, 'gemeenten' | 'phases' | 'hours'> {
  return {
    gemeenten,
    phases: phaseDates.map((phase) => ({ key: phase.key, plannedStart: phase.start, plannedEnd: phase.end })),
    hours,
  };
}

function byRole<T extends { role: string }>(items: T[], role: string): T {
  const found = items.find((item) => item.role === role);
  if (!found) throw new Error(`no ${role}`);
  return found;
}

function hoursRange(commitment: ResolvedCommitment) {
  if (commitment.kind !== 'hours-per-week') throw new Error('expected hours-per-week');
  return [commitment.minHours, commitment.maxHours];
}

describe('resolveCommitments', () => {
  it('scales the contact person by the size of the gemeente', () => {
    const small = resolveCommitments(template, traject([{ name: 'Klein', inwoners: 30_000 }]));
    const middle = resolveCommitments(template, traject([{ name: 'Middel', inwoners: 120_000 }]));
    const large = resolveCommitments(template, traject([{ name: 'Groot', inwoners: 400_000 }]));
    expect(hoursRange(byRole(small, 'ambtelijk-contactpersoon'))).toEqual([6, 8]);
    expect(hoursRange(byRole(middle, 'ambtelijk-contactpersoon'))).toEqual([6, 10]);
    expect(hoursRange(byRole(large, 'ambtelijk-contactpersoon'))).toEqual([6, 12]);
    expect(byRole(large, 'ambtelijk-contactpersoon')).toMatchObject({
      size: { inwoners: 400_000, bandIndex: 2 },
    });
  });

  it('uses the total inwoners of several gemeenten together', () => {
    const gemeenten = [
      { name: 'A', inwoners: 22_000 },
      { name: 'B', inwoners: 19_000 },
      { name: 'C', inwoners: 20_000 },
    ];
    expect(totalInwoners({ gemeenten })).toBe(61_000);
    const resolved = byRole(resolveCommitments(template, traject(gemeenten)), 'ambtelijk-contactpersoon');
    expect(hoursRange(resolved)).toEqual([6, 10]);
  });

  it('falls back to the base range of seed 000 when a gemeente has no inwoners', () => {
    const resolved = resolveCommitments(template, traject([{ name: 'A', inwoners: 400_000 }, { name: 'B' }]));
    const contact = byRole(resolved, 'ambtelijk-contactpersoon');
    expect(hoursRange(contact)).toEqual([6, 8]);
    expect(contact).toMatchObject({ size: { inwoners: undefined, bandIndex: undefined } });
  });

  it('gives ondersteuning the dates of the duo-interview phase only, the contact person the whole traject', () => {
    const resolved = resolveCommitments(template, traject([{ name: 'A' }]));
    expect(byRole(resolved, 'ambtelijke-ondersteuning')).toMatchObject({
      phaseKeys: ['luisteren'],
      periods: [{ start: '2027-02-08', end: '2027-02-26' }],
      minHours: 12,
      maxHours: 12,
    });
    expect(byRole(resolved, 'ambtelijk-contactpersoon')).toMatchObject({
      phaseKeys: null,
      periods: [{ start: '2027-01-11', end: '2027-04-02' }],
    });
  });

  it('turns dagdelen into hours with the template setting', () => {
    const resolved = resolveCommitments(template, traject([{ name: 'A' }]));
    expect(byRole(resolved, 'bestuurder')).toMatchObject({ kind: 'dagdelen', minDagdelen: 2, minHours: 8 });
    expect(byRole(resolved, 'professional')).toMatchObject({
      kind: 'dagdelen',
      minDagdelen: 4,
      minHours: 16,
    });
    const sixHourDagdeel = { ...template, settings: { ...template.settings, hoursPerDagdeel: 3 } };
    expect(
      byRole(resolveCommitments(sixHourDagdeel, traject([{ name: 'A' }])), 'professional'),
    ).toMatchObject({
      minHours: 12,
    });
  });

  it('prefers actual phase dates over planned ones', () => {
    const withActual = traject([{ name: 'A' }]);
    withActual.phases[2] = { ...withActual.phases[2]!, actualStart: '2027-02-15', actualEnd: '2027-03-12' };
    expect(trajectPhaseDates(withActual)[2]).toEqual({
      key: 'luisteren',
      start: '2027-02-15',
      end: '2027-03-12',
    });
    expect(byRole(resolveCommitments(template, withActual), 'ambtelijke-ondersteuning').periods).toEqual([
      { start: '2027-02-15', end: '2027-03-12' },
    ]);
  });
});

describe('hoursReport', () => {
  const logs = [
    log('ambtelijk-contactpersoon', '2026-12-30', 3), // before the traject
    log('ambtelijk-contactpersoon', '2027-01-12', 7), // W02 binnen
    log('ambtelijk-contactpersoon', '2027-01-19', 5), // W03 onder
    log('ambtelijk-contactpersoon', '2027-01-26', 4.5), // W04 ...
    log('ambtelijk-contactpersoon', '2027-01-28', 4.5), // ... 9 → boven
    log('ambtelijk-contactpersoon', '2027-02-02', 6), // W05 binnen
    log('ambtelijk-contactpersoon', '2027-02-09', 8), // W06 binnen
    log('ambtelijk-contactpersoon', '2027-02-15', 4), // W07 lopend (today is Wednesday 17 February)
    log('ambtelijk-contactpersoon', '2027-02-19', 3), // after today
    log('ambtelijke-ondersteuning', '2027-02-03', 2), // W05: before the duo-interviews, no norm
    log('ambtelijke-ondersteuning', '2027-02-10', 10), // W06: 10 of 12 → onder
    log('bestuurder', '2027-01-27', 3),
    log('professional', '2027-01-27', 3),
    log('professional', '2027-02-10', 13),
    log('moderator', '2027-02-10', 6),
  ];
  const gemeenten = [{ name: 'Klein', inwoners: 30_000 }];
  const report = hoursReport(template, traject(gemeenten, logs), phaseDates, '2027-02-17');

  it('covers the ISO weeks of the traject up to today, marking the current week incomplete', () => {
    expect(report.weeks.map((week) => [week.week, week.complete])).toEqual([
      ['2027-W02', true],
      ['2027-W03', true],
      ['2027-W04', true],
      ['2027-W05', true],
      ['2027-W06', true],
      ['2027-W07', false],
    ]);
    expect([report.trajectStart, report.trajectEnd]).toEqual(['2027-01-11', '2027-04-02']);
  });

  it('rates each week of the contact person against 6-8 hours, and the total against the sum', () => {
    const contact = byRole(report.rows, 'ambtelijk-contactpersoon');
    expect(contact.cells.map((cell) => [cell.hours, cell.status])).toEqual([
      [7, 'binnen'],
      [5, 'onder'],
      [9, 'boven'],
      [6, 'binnen'],
      [8, 'binnen'],
      [4, 'lopend'],
    ]);
    expect(contact.totalHours).toBe(39);
    expect(contact.countedHours).toBe(35);
    expect(contact.expected).toEqual({ minHours: 30, maxHours: 40 });
    expect(contact.status).toBe('binnen');
    expect(contact.weekCounts).toEqual({ onder: 1, binnen: 3, boven: 1, lopend: 1, 'geen-norm': 0 });
  });

  it('counts the 12 h/week of ondersteuning only in the weeks of the duo-interviews', () => {
    const support = byRole(report.rows, 'ambtelijke-ondersteuning');
    expect(support.cells.map((cell) => [cell.week, cell.hours, cell.status])).toEqual([
      ['2027-W02', 0, 'geen-norm'],
      ['2027-W03', 0, 'geen-norm'],
      ['2027-W04', 0, 'geen-norm'],
      ['2027-W05', 2, 'geen-norm'],
      ['2027-W06', 10, 'onder'],
      ['2027-W07', 0, 'lopend'],
    ]);
    expect(support.expected).toEqual({ minHours: 12, maxHours: 12 });
    expect(support.countedHours).toBe(10);
    expect(support.totalHours).toBe(12);
    expect(support.status).toBe('onder');
  });

  it('compares dagdelen roles on their total: not yet met is "lopend" while the traject runs', () => {
    const bestuurder = byRole(report.rows, 'bestuurder');
    expect([bestuurder.totalHours, bestuurder.expected, bestuurder.status]).toEqual([
      3,
      { minHours: 8, maxHours: null },
      'lopend',
    ]);
    expect(bestuurder.cells.every((cell) => cell.status === 'geen-norm')).toBe(true);
    const professional = byRole(report.rows, 'professional');
    expect([professional.totalHours, professional.status]).toEqual([16, 'binnen']);
  });

  it('marks a dagdelen shortfall "onder" once the traject is over', () => {
    const after = hoursReport(template, traject(gemeenten, logs), phaseDates, '2027-05-01');
    expect(byRole(after.rows, 'bestuurder').status).toBe('onder');
    expect(after.weeks).toHaveLength(12);
    expect(after.weeks.every((week) => week.complete)).toBe(true);
    // the log of 19 February now falls inside the report
    expect(byRole(after.rows, 'ambtelijk-contactpersoon').totalHours).toBe(42);
  });

  it('keeps hours of roles without a norm and hours outside the report visible', () => {
    expect(report.otherRoles).toEqual([{ role: 'moderator', hours: 6 }]);
    expect(report.hoursOutsideReport).toBe(6);
  });

  it('has no weeks before the traject starts', () => {
    const early = hoursReport(template, traject(gemeenten, logs), phaseDates, '2027-01-04');
    expect(early.weeks).toEqual([]);
    expect(early.rows.map((row) => row.status)).toEqual(['lopend', 'lopend', 'lopend', 'lopend']);
  });

  it('rejects a bad today and missing phase dates in Dutch', () => {
    expect(() => hoursReport(template, traject(gemeenten), phaseDates, '2027-02-30')).toThrow(
      ValidationError,
    );
    expect(() => hoursReport(template, traject(gemeenten), phaseDates, 'morgen')).toThrow('Ongeldige datum');
    expect(() => hoursReport(template, traject(gemeenten), [], '2027-02-17')).toThrow('Geen fasedatums');
  });
});

describe('hoursReport properties', () => {
  const day = (offset: number) => addDays('2026-12-01', offset);
  const logArbitrary = fc.record({
    role: fc.constantFrom(...ROLES),
    offset: fc.integer({ min: 0, max: 180 }),
    quarterHours: fc.integer({ min: 1, max: 48 }),
  });

  it('accounts for every logged hour exactly once: in a row, under other roles, or outside the report', () => {
    fc.assert(
      fc.property(
        fc.array(logArbitrary, { maxLength: 40 }),
        fc.integer({ min: 0, max: 180 }),
        (raw, todayOffset) => {
          const hours = raw.map((entry, index) => ({
            id: `p-${index}`,
            role: entry.role,
            date: day(entry.offset),
            hours: entry.quarterHours / 4,
          }));
          const report = hoursReport(template, traject([{ name: 'A' }], hours), phaseDates, day(todayOffset));
          const logged = hours.reduce((sum, entry) => sum + entry.hours, 0);
          const accounted =
            report.rows.reduce((sum, row) => sum + row.totalHours, 0) +
            report.otherRoles.reduce((sum, other) => sum + other.hours, 0) +
            report.hoursOutsideReport;
          expect(accounted).toBeCloseTo(logged, 6);
          for (const row of report.rows) {
            expect(row.cells.map((cell) => cell.week)).toEqual(report.weeks.map((week) => week.week));
            row.cells.forEach((cell, index) => {
              if (cell.status === 'lopend') expect(report.weeks[index]?.complete).toBe(false);
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
