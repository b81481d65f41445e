import { describe, expect, it } from 'vitest';
import {
  claimRoundSend,
  decideRoundChange,
  type RoundChangeBook,
  releasedRoundSend,
  roundReminderAt,
} from '../src/duo/index.js';

const now = new Date('2027-02-01T10:00:00Z');

describe('claims on a round send', () => {
  it('lets one owner send; another waits for the lease; a sent one is done', () => {
    const first = claimRoundSend(undefined, 'a', now);
    expect(first).toMatchObject({ kind: 'claimed', mayExist: false });
    const record = first.kind === 'claimed' ? first.record : 'sent';
    expect(claimRoundSend(record, 'b', now)).toMatchObject({ kind: 'busy' });
    // The same owner (a retried job) takes its own claim again, knowing an attempt may have landed.
    expect(claimRoundSend(record, 'a', now)).toMatchObject({ kind: 'claimed', mayExist: true });
    // After the lease another owner takes over, and looks before it sends.
    expect(claimRoundSend(record, 'b', new Date(now.getTime() + 6 * 60_000))).toMatchObject({
      kind: 'claimed',
      mayExist: true,
    });
    expect(claimRoundSend('sent', 'b', now)).toEqual({ kind: 'done' });
  });

  it('releases a failed attempt as pending, which the next owner claims at once', () => {
    const claimed = claimRoundSend(undefined, 'a', now);
    const record = claimed.kind === 'claimed' ? claimed.record : undefined;
    expect(releasedRoundSend(record, 'b')).toBe(record);
    expect(releasedRoundSend(record, 'a')).toBe('pending');
    expect(claimRoundSend('pending', 'b', now)).toMatchObject({ kind: 'claimed', mayExist: true });
  });
});

describe('changes of an interview', () => {
  it('applies one change per sequence: a second click on the same message changes nothing', () => {
    const book: RoundChangeBook = { sequences: {}, changes: {} };
    expect(decideRoundChange(book, { index: 1, requestKey: 'r1', seenSequence: 0, kind: 'move' })).toEqual({
      kind: 'apply',
      sequence: 1,
      retry: false,
    });
    expect(decideRoundChange(book, { index: 1, requestKey: 'r2', seenSequence: 0, kind: 'move' })).toEqual({
      kind: 'stale',
      reason: 'changed',
    });
    // A retry of the same request keeps the number it got.
    expect(decideRoundChange(book, { index: 1, requestKey: 'r1', seenSequence: 0, kind: 'move' })).toEqual({
      kind: 'apply',
      sequence: 1,
      retry: true,
    });
    expect(decideRoundChange(book, { index: 1, requestKey: 'c1', seenSequence: 1, kind: 'cancel' })).toEqual({
      kind: 'apply',
      sequence: 2,
      retry: false,
    });
    expect(decideRoundChange(book, { index: 1, requestKey: 'c2', kind: 'cancel' })).toEqual({
      kind: 'stale',
      reason: 'cancelled',
    });
    expect(book.sequences).toEqual({ 1: 2 });
  });
});

describe('the day-before reminder', () => {
  it('goes at 09:00 on the working day before: Friday for a Monday, before Easter Monday the Thursday', () => {
    expect(roundReminderAt('2027-02-02T09:00').toISOString()).toBe('2027-02-01T08:00:00.000Z');
    // Monday 8 February 2027 → Friday 5 February.
    expect(roundReminderAt('2027-02-08T09:00').toISOString()).toBe('2027-02-05T08:00:00.000Z');
    // Tuesday 30 March 2027 follows Easter Monday (29 March) and Goede Vrijdag is a working day: Friday 26 March.
    expect(roundReminderAt('2027-03-30T10:00').toISOString()).toBe('2027-03-26T08:00:00.000Z');
  });
});
