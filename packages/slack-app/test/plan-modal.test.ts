import { describe, expect, it } from 'vitest';
import { parsePlanSubmission } from '../src/index.js';
import { hoorn } from './support.js';

const traject = { ...hoorn(), revision: 1, createdAt: '', updatedAt: '' };
const now = new Date('2027-01-20T09:00:00Z');
const deadline = Math.floor(new Date('2027-01-29T16:00:00Z').getTime() / 1000);

function state(fields: {
  deelnemers?: string;
  moderatoren?: string;
  tijdvakken?: string;
  deadline?: number | null;
  buffer?: string;
}) {
  return {
    deelnemers: {
      value: {
        value:
          fields.deelnemers ?? 'Anna Bestuur; anna@hoorn.nl; Bestuur\nNieuw Mens; eva@partner.nl; partner',
      },
    },
    moderatoren: { value: { value: fields.moderatoren ?? 'Mies Moderator; mies@vng.nl; 3' } },
    tijdvakken: { value: { value: fields.tijdvakken ?? '2027-02-02 09:30-10:30\n2027-02-02 11.00 – 12.00' } },
    deadline: { value: { selected_date_time: fields.deadline === undefined ? deadline : fields.deadline } },
    buffer: { value: { value: fields.buffer ?? '' } },
  };
}

describe('parsePlanSubmission', () => {
  it('reads people, slots and deadline; known people keep their id, new ones get one that is free', () => {
    const result = parsePlanSubmission(state({}), { trajectId: traject.id }, traject, now);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.participants.map((person) => person.id)).toEqual(['anna', 'p-eva']);
    expect(result.value.moderators).toEqual([
      { id: 'mies', name: 'Mies Moderator', email: 'mies@vng.nl', maxInterviews: 3 },
    ]);
    expect(result.value.round.slots).toEqual([
      { id: 's1', start: '2027-02-02T09:30', end: '2027-02-02T10:30' },
      { id: 's2', start: '2027-02-02T11:00', end: '2027-02-02T12:00' },
    ]);
    expect(result.value.round.rules).toEqual({ interviewsPerParticipant: 1, bufferMinutes: 15 });
    expect(result.value.deadline).toBe('2027-01-29T16:00:00.000Z');
  });

  it('refuses a date or time that does not exist, naming the line', () => {
    const errorsOf = (tijdvakken: string) => {
      const result = parsePlanSubmission(state({ tijdvakken }), { trajectId: traject.id }, traject, now);
      return result.ok ? undefined : result.errors.tijdvakken;
    };
    expect(errorsOf('2027-02-02 09:30-10:30\n2026-12-32 09:00-10:00')).toBe(
      'Regel 2: 2026-12-32 bestaat niet; schrijf een datum als 2027-02-02.',
    );
    expect(errorsOf('2027-02-30 09:30-10:30')).toContain('Regel 1: 2027-02-30 bestaat niet');
    expect(errorsOf('2027-02-02 25:00-26:00')).toContain('Regel 1: de tijden kloppen niet');
  });

  it('names the field and the line of every problem, in Dutch', () => {
    const result = parsePlanSubmission(
      state({
        deelnemers: 'Anna; anna@hoorn.nl; Bestuur\nBram; geen-adres; Uitvoering',
        moderatoren: '',
        tijdvakken: 'dinsdag ochtend',
        buffer: '-5',
      }),
      { trajectId: traject.id },
      traject,
      now,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        deelnemers: 'Regel 2 (Bram): geen geldig e-mailadres.',
        moderatoren: 'Geef ten minste één moderator.',
        tijdvakken: 'Regel 1: schrijf een tijdvak als 2027-02-02 09:30-10:30.',
        buffer: 'Een geheel aantal minuten van 0 tot 240.',
      },
    });
  });

  it('refuses a deadline in the past or after the first slot, and a slot that ends before it starts', () => {
    const past = parsePlanSubmission(
      state({ deadline: Math.floor(now.getTime() / 1000) - 60 }),
      { trajectId: traject.id },
      traject,
      now,
    );
    expect(past).toMatchObject({
      ok: false,
      errors: { deadline: 'De uiterste datum ligt in het verleden.' },
    });
    const late = parsePlanSubmission(
      state({ deadline: Math.floor(new Date('2027-02-03T00:00:00Z').getTime() / 1000) }),
      { trajectId: traject.id },
      traject,
      now,
    );
    expect(late).toMatchObject({
      ok: false,
      errors: { deadline: expect.stringContaining('na het eerste tijdvak') },
    });
    const backwards = parsePlanSubmission(
      state({ tijdvakken: '2027-02-02 10:30-09:30' }),
      { trajectId: traject.id },
      traject,
      now,
    );
    expect(backwards).toMatchObject({
      ok: false,
      errors: { tijdvakken: expect.stringContaining('ligt niet na het begin') },
    });
  });
});
