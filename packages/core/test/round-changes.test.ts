import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { checkInterviewMove, meetingInviteToIcs, roundWithAvailability } from '../src/index.js';

const input = {
  slots: [
    { id: 's1', start: '2027-02-02T09:00', end: '2027-02-02T10:00' },
    { id: 's2', start: '2027-02-02T10:00', end: '2027-02-02T11:00' },
    { id: 's3', start: '2027-02-03T09:00', end: '2027-02-03T10:00' },
  ],
  participants: [
    { id: 'a', name: 'Anna', perspective: 'bestuur', available: [] },
    { id: 'b', name: 'Bram', perspective: 'uitvoering', available: [] },
    { id: 'c', name: 'Cees', perspective: 'beleid', available: [] },
    { id: 'd', name: 'Dirk', perspective: 'inwoner', available: [] },
  ],
  moderators: [{ id: 'm', name: 'Mies', available: [], maxInterviews: 4 }],
  rules: { bufferMinutes: 15 },
};

describe('roundWithAvailability', () => {
  it('uses the answers people gave and adds earlier pairs of known participants', () => {
    const round = roundWithAvailability(input, { a: ['s1', 's1', 's3'], m: ['s1'] }, [
      ['a', 'b'],
      ['a', 'x'],
    ]);
    expect(round.participants[0]?.available).toEqual(['s1', 's3']);
    expect(round.moderators[0]?.available).toEqual(['s1']);
    expect(round.participants[1]?.available).toEqual([]);
    expect(round.rules.previousPairs).toEqual([['a', 'b']]);
  });
});

describe('checkInterviewMove', () => {
  const round = roundWithAvailability(input, {
    a: ['s1', 's2', 's3'],
    b: ['s1', 's3'],
    c: ['s2', 's3'],
    d: ['s2'],
    m: ['s1', 's2', 's3'],
  });
  const interviews = [
    { slot: 's1', participants: ['a', 'b'], moderator: 'm' },
    { slot: 's2', participants: ['c', 'd'], moderator: 'm' },
  ];

  it('allows a move everyone can make', () => {
    expect(checkInterviewMove(round, interviews, 0, 's3')).toEqual([]);
  });

  it('names who cannot and who would clash, in Dutch', () => {
    const problems = checkInterviewMove(round, interviews, 1, 's1');
    expect(problems).toContain('Cees heeft niet aangegeven op dit tijdvak te kunnen.');
    expect(problems).toContain('Mies heeft dan al een ander interview (of te kort ertussen).');
  });

  it('refuses unknown interviews and slots', () => {
    expect(checkInterviewMove(round, interviews, 5, 's1')[0]).toMatch(/bestaat niet/);
    expect(checkInterviewMove(round, interviews, 0, 'zz')[0]).toMatch(/hoort niet bij/);
  });
});

describe('meetingInviteToIcs', () => {
  it('writes a request and a cancellation that ical.js reads back with the same UID', () => {
    const base = {
      uid: 'duo-r1-0@visieleren',
      start: '2027-02-02T09:00',
      end: '2027-02-02T10:00',
      summary: 'Duo-interview, Hoorn',
      organizer: { name: 'Visieleerteam VNG', email: 'visieleren@vng.nl' },
      attendees: [{ name: 'Anna, "de" wethouder', email: 'anna@hoorn.nl' }, { name: 'Zonder mail' }],
      now: new Date('2027-01-20T10:00:00Z'),
    };
    const request = new ICAL.Component(
      ICAL.parse(meetingInviteToIcs({ ...base, method: 'REQUEST', sequence: 0 })),
    );
    const cancel = new ICAL.Component(
      ICAL.parse(meetingInviteToIcs({ ...base, method: 'CANCEL', sequence: 1 })),
    );
    expect(request.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = request.getFirstSubcomponent('vevent')!;
    const cancelled = cancel.getFirstSubcomponent('vevent')!;
    expect(cancelled.getFirstPropertyValue('uid')).toBe(event.getFirstPropertyValue('uid'));
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(1);
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([
      'mailto:anna@hoorn.nl',
    ]);
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Amsterdam');
    expect(String(event.getFirstPropertyValue('organizer'))).toBe('mailto:visieleren@vng.nl');
  });
});
