import { describe, expect, it } from 'vitest';
import { amsterdamToEpochMinutes, formatSlotLabel, parseDuoRound, ValidationError } from '../src/index.js';

const valid = () => ({
  slots: [
    { id: 's1', start: '2027-02-01T09:00', end: '2027-02-01T10:00' },
    { id: 's2', start: '2027-02-01T10:00', end: '2027-02-01T11:00' },
  ],
  participants: [
    { id: 'p1', name: 'Anna', perspective: 'bestuur', available: ['s1'] },
    { id: 'p2', name: 'Bram', perspective: 'uitvoering', available: ['s1', 's2'] },
  ],
  moderators: [{ id: 'm1', name: 'Mo', available: ['s1'], maxInterviews: 4 }],
  rules: { interviewsPerParticipant: 1, bufferMinutes: 15, avoidPairs: [], previousPairs: [] },
});

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseDuoRound(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('parseDuoRound', () => {
  it('accepts a valid round and fills in rule defaults', () => {
    const { rules, ...withoutRules } = valid();
    expect(parseDuoRound(valid()).rules.bufferMinutes).toBe(15);
    expect(parseDuoRound(withoutRules).rules).toEqual({
      interviewsPerParticipant: 1,
      bufferMinutes: 0,
      avoidPairs: [],
      previousPairs: [],
      preferredCombinations: [],
    });
    expect(rules.interviewsPerParticipant).toBe(1);
  });

  it('names an unknown perspective by its field path, in Dutch', () => {
    const input = valid();
    (input.participants[1] as { perspective: string }).perspective = 'wethouder';
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.path)).toEqual(['participants.1.perspective']);
    expect(issues[0]?.message).toMatch(/verwacht|ongeldig/i);
  });

  it.each([
    [
      'unknown slot in availability',
      (r: ReturnType<typeof valid>) => r.participants[0]!.available.push('s9'),
      'participants.0.available.1',
      /onbekend tijdslot "s9"/,
    ],
    [
      'slot listed twice',
      (r: ReturnType<typeof valid>) => r.moderators[0]!.available.push('s1'),
      'moderators.0.available.1',
      /dubbel/,
    ],
    [
      'duplicate slot id',
      (r: ReturnType<typeof valid>) => {
        r.slots[1]!.id = 's1';
      },
      'slots.1.id',
      /komt vaker voor/,
    ],
    [
      'duplicate person id',
      (r: ReturnType<typeof valid>) => {
        r.moderators[0]!.id = 'p1';
      },
      'moderators.0.id',
      /komt vaker voor \(ook bij participants.0\)/,
    ],
    [
      'end before start',
      (r: ReturnType<typeof valid>) => {
        r.slots[0]!.end = '2027-02-01T08:00';
      },
      'slots.0.end',
      /niet na het begin/,
    ],
    [
      'malformed time',
      (r: ReturnType<typeof valid>) => {
        r.slots[0]!.start = '2027-02-30T09:00';
      },
      'slots.0.start',
      /JJJJ-MM-DDTUU:MM/,
    ],
    [
      'avoid pair with unknown person',
      (r: ReturnType<typeof valid>) => {
        r.rules.avoidPairs = [['p1', 'px']] as never;
      },
      'rules.avoidPairs.0.1',
      /onbekende deelnemer "px"/,
    ],
    [
      'previous pair of one person',
      (r: ReturnType<typeof valid>) => {
        r.rules.previousPairs = [['p1', 'p1']] as never;
      },
      'rules.previousPairs.0',
      /twee verschillende deelnemers/,
    ],
    [
      'negative maxInterviews',
      (r: ReturnType<typeof valid>) => {
        r.moderators[0]!.maxInterviews = -1;
      },
      'moderators.0.maxInterviews',
      /.+/,
    ],
    [
      'negative buffer',
      (r: ReturnType<typeof valid>) => {
        r.rules.bufferMinutes = -5;
      },
      'rules.bufferMinutes',
      /.+/,
    ],
    [
      'zero interviews per participant',
      (r: ReturnType<typeof valid>) => {
        r.rules.interviewsPerParticipant = 0;
      },
      'rules.interviewsPerParticipant',
      /.+/,
    ],
  ] as const)('rejects %s', (_, mutate, path, message) => {
    const input = valid();
    mutate(input);
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(issues.find((issue) => issue.path === path)?.message).toMatch(message);
  });

  it('writes cross-field messages in English on request', () => {
    const input = valid();
    input.participants[0]!.available.push('s9');
    expect(() => parseDuoRound(input, 'en')).toThrow(/unknown slot "s9"/);
  });
});

describe('Amsterdam slot times', () => {
  const viaIntl = (value: string) => {
    // Cross-check against the platform's time-zone data: find the epoch whose Amsterdam rendering is `value`.
    const formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const guess = Date.parse(`${value}:00Z`) / 60_000;
    for (const offset of [-60, -120]) {
      const rendered = formatter.format(new Date((guess + offset) * 60_000)).replace(' ', 'T');
      if (rendered === value) return guess + offset;
    }
    return undefined;
  };

  it.each([
    '2027-02-01T09:00',
    '2027-03-28T01:59',
    '2027-03-28T03:00',
    '2027-07-01T12:00',
    '2027-10-31T03:00',
  ])('converts %s like the time-zone database does', (value) => {
    expect(amsterdamToEpochMinutes(value)).toBe(viaIntl(value));
  });

  it('measures a buffer across the spring clock change in real minutes', () => {
    expect(amsterdamToEpochMinutes('2027-03-28T03:00') - amsterdamToEpochMinutes('2027-03-28T01:45')).toBe(
      15,
    );
  });

  it('labels slots in Dutch and English', () => {
    expect(formatSlotLabel('2027-02-01T09:00', '2027-02-01T10:00', 'nl')).toBe('ma 1 feb 2027 09:00–10:00');
    expect(formatSlotLabel('2027-05-05T13:30', '2027-05-05T14:15', 'en')).toBe('Wed 5 May 2027 13:30–14:15');
  });
});
