import { addDays } from '../calendar/dates.js';
import { amsterdamToUtc } from '../calendar/timezone.js';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';

/**
 * The rules every delivery of a duo round follows (invite, reminder, cancellation, channel post), whichever
 * plugin carries it. A plugin keeps the records (in the store, written with compare-and-set) and asks these
 * functions what to do; it never decides by reading first and writing later.
 */

/**
 * One send of a round, by key: claimed by an owner until a moment (a lease), `pending` when an attempt ended
 * without a clear answer (it may have landed: look before sending again), `sent` when done.
 */
export type RoundSendRecord = 'sent' | 'pending' | { owner: string; until: string };

export type RoundSendClaim =
  /** This owner sends now; `mayExist`: an earlier attempt may have landed, so look first. */
  | { kind: 'claimed'; mayExist: boolean; record: RoundSendRecord }
  /** Already sent: nothing to do. */
  | { kind: 'done' }
  /** Another owner is sending it right now: try again after its lease. */
  | { kind: 'busy'; until: string };

/** How long a claim holds before another owner may take over: longer than one send with its retries. */
export const ROUND_SEND_LEASE_MS = 5 * 60_000;

/** What the owner of a send may do, given the record as the store holds it now. */
export function claimRoundSend(
  current: RoundSendRecord | undefined,
  owner: string,
  now: Date,
  leaseMs: number = ROUND_SEND_LEASE_MS,
): RoundSendClaim {
  if (current === 'sent') return { kind: 'done' };
  if (typeof current === 'object' && current.owner !== owner && new Date(current.until) > now) {
    return { kind: 'busy', until: current.until };
  }
  return {
    kind: 'claimed',
    // An expired or released claim, or an old `pending`: an attempt may have landed.
    mayExist: current !== undefined,
    record: { owner, until: new Date(now.getTime() + leaseMs).toISOString() },
  };
}

/** After a failed attempt the claim is released as `pending`, so the next attempt looks before it sends. */
export function releasedRoundSend(
  current: RoundSendRecord | undefined,
  owner: string,
): RoundSendRecord | undefined {
  return typeof current === 'object' && current.owner === owner ? 'pending' : current;
}

/** The state a change of an interview is judged against: invite sequence per interview, and what changed. */
export interface RoundChangeBook {
  /** Current SEQUENCE per interview index (0 = the first invite). */
  sequences: Record<string, number>;
  /** The sequence each change (by its request key) got, so a retried change reuses it. */
  changes: Record<string, number>;
  /** Interviews already cancelled, by index. */
  cancelled?: Record<string, true>;
}

export interface RoundChangeRequest {
  index: number;
  requestKey: string;
  /** The sequence the person saw (on the button they clicked); a later one means the message was stale. */
  seenSequence?: number;
  kind: 'move' | 'cancel';
}

export type RoundChangeDecision =
  | { kind: 'apply'; sequence: number; retry: boolean }
  | { kind: 'stale'; reason: 'cancelled' | 'changed' };

/**
 * Whether a move or cancel is a real change: one change per sequence number, so of two clicks on the same
 * message (two instances, a double click) one wins and the other changes nothing. Applying it mutates `book`
 * (the caller writes it back with compare-and-set and asks again when someone wrote in between).
 */
export function decideRoundChange(book: RoundChangeBook, request: RoundChangeRequest): RoundChangeDecision {
  const known = book.changes[request.requestKey];
  if (known !== undefined) return { kind: 'apply', sequence: known, retry: true };
  const key = String(request.index);
  if (book.cancelled?.[key]) return { kind: 'stale', reason: 'cancelled' };
  const current = book.sequences[key] ?? 0;
  if (request.seenSequence !== undefined && request.seenSequence !== current) {
    return { kind: 'stale', reason: 'changed' };
  }
  const sequence = current + 1;
  book.sequences[key] = sequence;
  book.changes[request.requestKey] = sequence;
  if (request.kind === 'cancel') book.cancelled = { ...(book.cancelled ?? {}), [key]: true };
  return { kind: 'apply', sequence, retry: false };
}

/** The day-before reminder of an interview: 09:00 Amsterdam time on the working day before it. */
export const ROUND_REMINDER_TIME = '09:00';

export function roundReminderAt(
  slotStart: string,
  calendar: WorkingCalendar = createWorkingCalendar(),
): Date {
  const [date = ''] = slotStart.split('T');
  return amsterdamToUtc(calendar.workingDayOnOrBefore(addDays(date, -1)), ROUND_REMINDER_TIME);
}
