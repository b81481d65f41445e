import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { amsterdamToUtc, escapeIcsText, foldIcsLine, planToIcs, planTraject } from '../src/index.js';
import { buildTemplate } from '../src/testing.js';

const now = new Date('2026-11-22T12:00:00Z');
const plan = planTraject(buildTemplate(), { start: '2027-03-08' });

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const timezone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone')!);
  ICAL.TimezoneService.register(timezone, 'Europe/Amsterdam');
  return component;
}

describe('planToIcs', () => {
  const ics = planToIcs(plan, { now, title: 'Hoorn' });

  it('is a valid iCalendar that ical.js parses back, with a VTIMEZONE for Europe/Amsterdam', () => {
    const calendar = parse(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Visieleren/);
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    const timezone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(timezone.getFirstPropertyValue('tzid')).toBe('Europe/Amsterdam');
    expect(timezone.getFirstSubcomponent('daylight')?.getFirstPropertyValue('rrule')?.toString()).toBe(
      'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    );
    expect(timezone.getFirstSubcomponent('standard')?.getFirstPropertyValue('rrule')?.toString()).toBe(
      'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    );
    const events = calendar.getAllSubcomponents('vevent');
    // Phases, sessions and the nazorggesprek after the traject (an all-day event).
    expect(events).toHaveLength(plan.phases.length + plan.sessions.length + 1);
    const aftercare = events.find((event) =>
      String(event.getFirstPropertyValue('uid')).includes('nazorggesprek'),
    );
    expect(aftercare?.getFirstPropertyValue('dtstart')?.toString()).toBe(plan.nazorggesprek!.date);
    for (const event of events) {
      expect(event.getFirstPropertyValue('uid')).toMatch(/@visieleren$/);
      expect(event.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-22T12:00:00Z');
    }
  });

  it('has a VTIMEZONE whose rules agree with our own Amsterdam conversion in any year', () => {
    const timezone = new ICAL.Timezone(parse(ics).getFirstSubcomponent('vtimezone')!);
    for (const [date, time] of [
      ['2027-03-28', '01:30'],
      ['2027-03-28', '03:30'],
      ['2030-03-31', '09:00'],
      ['2030-10-27', '09:00'],
      ['2030-10-26', '09:00'],
      ['2035-07-01', '12:00'],
    ] as const) {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      const local = new ICAL.Time({ year, month, day, hour, minute, second: 0, isDate: false }, timezone);
      expect(local.toJSDate().toISOString()).toBe(amsterdamToUtc(date, time).toISOString());
    }
  });

  it('puts sessions at 09:30 Amsterdam time, right across the change to summer time', () => {
    const calendar = parse(ics);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const prefix = `test-traject-${plan.start}`;
    // 9 March 2027 is winter time (UTC+1), 21 April 2027 summer time (UTC+2).
    const intake = byUid.get(`${prefix}-sessie-intake@visieleren`)!;
    expect(plan.sessions[0]?.date).toBe('2027-03-09');
    expect(intake.startDate.toJSDate().toISOString()).toBe('2027-03-09T08:30:00.000Z');
    expect(intake.endDate.toJSDate().toISOString()).toBe('2027-03-09T11:30:00.000Z');
    expect(intake.summary).toBe('Intake — Hoorn');
    const borging = byUid.get(`${prefix}-sessie-borgingssessie@visieleren`)!;
    expect(plan.sessions[3]?.date).toBe('2027-04-15');
    // durationHours 3 → 09:30-12:30 local, 07:30-10:30 UTC in summer.
    expect(borging.startDate.toJSDate().toISOString()).toBe('2027-04-15T07:30:00.000Z');
    expect(borging.endDate.toJSDate().toISOString()).toBe('2027-04-15T10:30:00.000Z');
    expect(borging.description).toBe('Fase: Borgen.\nMet bestuurders.');
  });

  it('adds phases as all-day events with an exclusive end', () => {
    const calendar = parse(ics);
    const phase = new ICAL.Event(
      calendar
        .getAllSubcomponents('vevent')
        .find(
          (event) =>
            event.getFirstPropertyValue('uid') === `test-traject-${plan.start}-fase-luisteren@visieleren`,
        )!,
    );
    expect(phase.startDate.isDate).toBe(true);
    expect(phase.startDate.toString()).toBe(plan.phases[1]?.start);
    expect(phase.endDate.toString()).toBe('2027-04-13');
    expect(plan.phases[1]?.end).toBe('2027-04-12');
    expect(phase.summary).toBe('Fase: Luisteren — Hoorn');
  });

  it('uses CRLF line endings and keeps every line within 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('gives the same UIDs for the same plan, and all-day sessions on request', () => {
    const again = planToIcs(plan, { now: new Date('2027-01-01T00:00:00Z'), title: 'Hoorn' });
    const uids = (text: string) => text.split('\r\n').filter((line) => line.startsWith('UID:'));
    expect(uids(again)).toEqual(uids(ics));
    expect(new Set(uids(ics)).size).toBe(uids(ics).length);
    const allDay = parse(planToIcs(plan, { now, sessionTime: null, includePhases: false, lang: 'en' }));
    const events = allDay.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(plan.sessions.length + 1);
    expect(events.every((event) => event.startDate.isDate)).toBe(true);
    expect(events[1]?.summary).toBe('Kick-off');
    expect(events[1]?.description).toBe('Phase: Listen.\nWith executives.');
  });

  it('escapes special characters and folds long UTF-8 text without breaking characters', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const title =
      'Súdwest-Fryslân, Stede Broec; Enkhuizen \\ Drechterland — één traject met ëën lange naam 🌷🌷🌷';
    const text = planToIcs(plan, { now, title });
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const event = new ICAL.Event(parse(text).getAllSubcomponents('vevent')[0]!);
    expect(event.summary).toBe(`Fase: Verkennen — ${title}`);

    const folded = foldIcsLine(`SUMMARY:${'é'.repeat(100)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(
      `SUMMARY:${'é'.repeat(100)}`,
    );
  });
});
