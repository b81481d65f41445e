import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  aftercarePlan,
  checklistItemsCompletedBy,
  createTrajectFromTemplate,
  defaultWorkingCalendar,
  getBuiltInTemplate,
  preferredNazorgDate,
  toDayNumber,
} from '../src/index.js';

const template = getBuiltInTemplate('visieleertraject');
const traject = (start = '2027-01-11') =>
  createTrajectFromTemplate(template, {
    id: 't',
    gemeenten: [{ name: 'Ede' }],
    kernvraag: 'k',
    themes: ['rust-en-regie'],
    start,
    status: 'lopend',
  });
const answered = (
  formId: string,
  answers: Record<string, unknown>,
  submittedAt = '2027-04-01T10:00:00Z',
) => ({
  formId,
  answers,
  submittedAt,
});

describe('a preferred date from the forms moves the nazorggesprek', () => {
  it('the nazorg form: to that day, or the next working day', () => {
    const base = aftercarePlan(traject(), template, { today: '2027-01-11' });
    expect(base.nazorggesprek?.basis).toBe('berekend');
    // 2027-06-05 is a Saturday: the talk moves to Monday 7 June.
    const plan = aftercarePlan(traject(), template, {
      today: '2027-01-11',
      formAnswers: [answered('nazorg', { 'gesprek-datum': '2027-06-05' })],
    });
    expect(plan.nazorggesprek).toEqual({ date: '2027-06-07', planned: false, basis: 'voorkeur' });
  });

  it('the evaluatie form too; the latest answer counts', () => {
    const answers = [
      answered('evaluatie', { 'vervolg-nazorg-datum': '2027-07-06' }, '2027-04-01T10:00:00Z'),
      answered('nazorg', { 'gesprek-datum': '2027-08-03' }, '2027-05-01T10:00:00Z'),
    ];
    expect(preferredNazorgDate(answers)).toBe('2027-08-03');
    expect(preferredNazorgDate(answers.slice(0, 1))).toBe('2027-07-06');
  });

  it('outside the bounds (before the borgingssessie, or more than 18 months after) it does not count', () => {
    const base = aftercarePlan(traject(), template, { today: '2027-01-11' });
    for (const date of ['2027-01-20', addDays(base.borgingssessie!, 600)]) {
      const plan = aftercarePlan(traject(), template, {
        today: '2027-01-11',
        formAnswers: [answered('nazorg', { 'gesprek-datum': date })],
      });
      expect(plan.nazorggesprek).toEqual(base.nazorggesprek);
    }
  });

  it('property: any preferred date within bounds gives a working day on or after it, after the borgingssessie', () => {
    const starts = fc
      .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') })
      .map((day) => addDays('1970-01-01', day));
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 500 }), (start, offset) => {
        const subject = traject(start);
        const base = aftercarePlan(subject, template, { today: start });
        const preferred = addDays(base.borgingssessie!, offset);
        const plan = aftercarePlan(subject, template, {
          today: start,
          formAnswers: [answered('nazorg', { 'gesprek-datum': preferred })],
        });
        const date = plan.nazorggesprek!.date;
        expect(defaultWorkingCalendar.isWorkingDay(date)).toBe(true);
        expect(date > base.borgingssessie!).toBe(true);
        expect(date >= preferred).toBe(true);
        expect(plan.nazorggesprek!.basis).toBe('voorkeur');
      }),
      { numRuns: 150 },
    );
  });
});

describe('a submitted VIT completes "vit-invullen"', () => {
  it('names the item while it is open and the template has it', () => {
    const ids = new Set(template.phases.flatMap((phase) => phase.checklist.map((item) => item.id)));
    expect(checklistItemsCompletedBy('vit', { checklist: [] }, ids)).toEqual(['vit-invullen']);
    expect(
      checklistItemsCompletedBy('vit', { checklist: [{ itemId: 'vit-invullen', done: true }] }, ids),
    ).toEqual([]);
    expect(checklistItemsCompletedBy('evaluatie', { checklist: [] }, ids)).toEqual([]);
    expect(checklistItemsCompletedBy('vit', { checklist: [] }, new Set(['iets-anders']))).toEqual([]);
  });
});
