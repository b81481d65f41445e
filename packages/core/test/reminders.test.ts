import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dueReminders,
  getBuiltInTemplate,
  type ReminderIntent,
  reminderTimelyUntil,
  TRAJECT_STATUSES,
  type Traject,
  toDayNumber,
} from '../src/index.js';
import { buildTemplate, buildTraject, slippingPhases } from '../src/testing.js';

const template = buildTemplate();
const keys = (intents: ReminderIntent[]) => intents.map((intent) => intent.key);

describe('dueReminders', () => {
  it('gives the reminders due at 09:00 Amsterdam time on Monday 18 January 2027', () => {
    const intents = dueReminders([{ traject: buildTraject(), template }], new Date('2027-01-18T08:00:00Z'));
    expect(keys(intents)).toEqual([
      'traject-test:checklist-te-laat:contactpersoon-benoemd',
      'traject-test:fase-start:luisteren',
      'traject-test:uren:2027-W03',
    ]);
    const phaseStart = intents.find((intent) => intent.kind === 'phase-start')!;
    expect(phaseStart).toEqual({
      key: 'traject-test:fase-start:luisteren',
      trajectId: 'traject-test',
      ruleId: 'fase-start',
      kind: 'phase-start',
      occurrence: 'luisteren',
      dueAt: '2027-01-18T08:00:00.000Z',
      audience: ['ambtelijk-contactpersoon'],
      message: {
        nl: 'Testgemeente: de fase Luisteren begint maandag 25 januari 2027.',
        en: 'Testgemeente: the Listen phase starts on Monday 25 January 2027.',
      },
      subject: { phaseKey: 'luisteren', date: '2027-01-25' },
    });
    expect(intents.find((intent) => intent.kind === 'checklist-overdue')?.message.nl).toBe(
      'Testgemeente: "Contactpersoon benoemd" (fase Verkennen) had klaar moeten zijn op vrijdag 15 januari 2027 en staat nog open.',
    );
  });

  it('is not due a second before 09:00, and stays due for exactly the lookback window', () => {
    const traject = buildTraject();
    const before = dueReminders([{ traject, template }], new Date('2027-01-18T07:59:59Z'));
    // Last week's reminders are still inside their 7-day window for one more second.
    expect(keys(before)).toEqual([
      'traject-test:sessie-morgen:intake@2027-01-12',
      'traject-test:uren:2027-W02',
    ]);
    expect(before[0]?.message.nl).toBe('Testgemeente: morgen, dinsdag 12 januari 2027, is de sessie Intake.');
    const longer = dueReminders([{ traject, template }], new Date('2027-01-18T08:00:00Z'), {
      lookbackMs: 15 * 86_400_000,
    });
    expect(keys(longer)).toContain('traject-test:fase-start:verkennen');
    expect(keys(longer)).toContain('traject-test:sessie-morgen:intake@2027-01-12');
  });

  it('gives a moved session a new reminder: the key names the date it announces', () => {
    const traject = buildTraject();
    const now = new Date('2027-01-11T08:00:00Z');
    const before = dueReminders([{ traject, template }], now).find((intent) => intent.kind === 'session');
    expect(before).toMatchObject({
      key: 'traject-test:sessie-morgen:intake@2027-01-12',
      occurrence: 'intake@2027-01-12',
      subject: { sessionKey: 'intake', date: '2027-01-12' },
    });
    // The intake moves two days: the reminder about 12 January is gone, one about 14 January comes due later.
    const moved = buildTraject({
      sessions: traject.sessions.map((session) =>
        session.key === 'intake' ? { ...session, plannedDate: '2027-01-14' } : session,
      ),
    });
    const keysThen = (at: string) =>
      keys(dueReminders([{ traject: moved, template }], new Date(at))).filter((key) =>
        key.includes('sessie'),
      );
    expect(keysThen('2027-01-11T08:00:00Z')).toEqual([]);
    expect(keysThen('2027-01-13T08:00:00Z')).toEqual(['traject-test:sessie-morgen:intake@2027-01-14']);
  });

  it('uses summer time for the due moment in summer', () => {
    const traject = buildTraject({
      startDate: '2027-06-07',
      phases: [],
      sessions: [],
    });
    const intents = dueReminders([{ traject, template }], new Date('2027-06-07T07:00:00Z'));
    expect(intents.find((intent) => intent.kind === 'hours-check-in')).toMatchObject({
      occurrence: '2027-W23',
      dueAt: '2027-06-07T07:00:00.000Z',
    });
    expect(
      dueReminders([{ traject, template }], new Date('2027-06-07T06:59:00Z')).filter(
        (intent) => intent.kind === 'hours-check-in',
      ),
    ).toEqual([]);
  });

  it('stops reminding about ticked items, and for closed or paused trajects', () => {
    const ticked = buildTraject({ checklist: [{ itemId: 'contactpersoon-benoemd', done: true }] });
    const now = new Date('2027-01-18T08:00:00Z');
    expect(keys(dueReminders([{ traject: ticked, template }], now))).not.toContain(
      'traject-test:checklist-te-laat:contactpersoon-benoemd',
    );
    for (const status of [
      'gepauzeerd',
      'afgerond',
      'afgerond-werkbezoek',
      'tussentijds-gestopt',
      'geannuleerd',
    ] as const) {
      expect(dueReminders([{ traject: buildTraject({ status }), template }], now)).toEqual([]);
    }
    expect(dueReminders([{ traject: buildTraject({ status: 'aangemeld' }), template }], now)).toHaveLength(3);
  });

  it('announces a phase at its forecast start when the phase before it slips', () => {
    const traject = buildTraject({ phases: slippingPhases() });
    // Planned: borgen starts 15 February, reminder 8 February. On 24 February luisteren still runs, so
    // borgen is forecast to start Thursday 25 February and its reminder (18 February) is due.
    const intents = dueReminders([{ traject, template }], new Date('2027-02-24T08:00:00Z'));
    const borgen = intents.find((intent) => intent.key === 'traject-test:fase-start:borgen');
    expect(borgen?.message.nl).toBe('Testgemeente: de fase Borgen begint donderdag 25 februari 2027.');
    expect(borgen?.dueAt).toBe('2027-02-18T08:00:00.000Z');
  });

  it("keeps a reminder timely until the end of its day plus its rule's grace, in Amsterdam time", () => {
    const dueAt = '2027-01-18T08:00:00.000Z';
    expect(reminderTimelyUntil({ dueAt }, { kind: 'session' }).toISOString()).toBe(
      '2027-01-18T23:00:00.000Z',
    );
    expect(reminderTimelyUntil({ dueAt }, { kind: 'checklist-overdue', graceDays: 2 }).toISOString()).toBe(
      '2027-01-20T23:00:00.000Z',
    );
    // Summer time: the day ends at 22:00 UTC.
    expect(
      reminderTimelyUntil({ dueAt: '2027-06-07T07:00:00.000Z' }, { kind: 'hours-check-in' }).toISOString(),
    ).toBe('2027-06-07T22:00:00.000Z');
  });

  const statuses = fc.constantFrom(...TRAJECT_STATUSES);
  const trajectArbitrary = fc
    .record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      startDay: fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2030-12-31') }),
      status: statuses,
      ticked: fc.subarray([
        'contactpersoon-benoemd',
        'vit-ingevuld',
        'interviews-gepland',
        'advies-besproken',
      ]),
      startedFirst: fc.boolean(),
    })
    .map(({ id, startDay, status, ticked, startedFirst }): Traject => {
      const startDate = addDays('1970-01-01', startDay);
      return buildTraject({
        id,
        startDate,
        status,
        phases: startedFirst
          ? [
              {
                key: 'verkennen',
                plannedStart: startDate,
                plannedEnd: addDays(startDate, 11),
                actualStart: startDate,
              },
            ]
          : [],
        sessions: [],
        checklist: ticked.map((itemId) => ({ itemId, done: true })),
      });
    });

  it('property: the same input gives the same keys, never the same key twice, sorted and inside the window', () => {
    const realTemplate = getBuiltInTemplate('visieleertraject');
    fc.assert(
      fc.property(
        fc.array(trajectArbitrary, { maxLength: 6 }),
        fc.integer({ min: toDayNumber('2025-01-01') * 24, max: toDayNumber('2031-06-30') * 24 }),
        fc.boolean(),
        (trajects, hour, useReal) => {
          const now = new Date(hour * 3_600_000);
          const subject = useReal ? realTemplate : template;
          const entries = trajects.map((traject) => ({
            traject: { ...traject, templateKey: subject.key },
            template: subject,
          }));
          const first = dueReminders(entries, now);
          const second = dueReminders(structuredClone(entries), new Date(now));
          expect(keys(second)).toEqual(keys(first));
          expect(second).toEqual(first);
          expect(new Set(keys(first)).size).toBe(first.length);
          for (const [index, intent] of first.entries()) {
            expect(intent.key).toBe(`${intent.trajectId}:${intent.ruleId}:${intent.occurrence}`);
            const due = Date.parse(intent.dueAt);
            expect(due <= now.getTime() && now.getTime() < due + 7 * 86_400_000).toBe(true);
            const previous = first[index - 1];
            if (previous)
              expect(
                previous.dueAt < intent.dueAt ||
                  (previous.dueAt === intent.dueAt && previous.key < intent.key),
              ).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
