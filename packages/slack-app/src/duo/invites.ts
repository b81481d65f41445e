import { type MeetingInvite, meetingInviteToIcs } from '@visieleren/core';
import type { RoundBook } from './bookkeeping.js';
import { type RoundInputView, slotText } from './messages.js';

export interface InviteFile {
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  filename: string;
  ics: string;
  subject: string;
  text: string;
}

/** Stable for the life of the interview: the same UID in the first invite, every update and the cancel. */
export function interviewUid(roundId: string, index: number): string {
  return `duo-${roundId.replace(/[^A-Za-z0-9._-]/g, '-')}-${index + 1}@visieleren`;
}

/** Names in Dutch: "Anna", "Anna en Bram", "Anna, Bram en Mies". */
export function dutchList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * The .ics and the words around it for one interview, as one of its people receives it: the text names the
 * others (Anna is not told she meets Anna) and who planned it; ORGANIZER is the mailbox the mail comes from,
 * so replies reach the mailbox that holds the meeting.
 */
export function interviewInvite(input: {
  roundId: string;
  index: number;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  slotId: string;
  personIds: readonly string[];
  view: RoundInputView;
  book: RoundBook;
  trajectName: string;
  now: Date;
  /** Who receives this copy; left out of "met …". */
  recipientId?: string;
}): InviteFile {
  const slot = input.view.slots.find((candidate) => candidate.id === input.slotId);
  if (!slot) throw new Error(`Tijdvak ${input.slotId} ontbreekt in de ronde.`);
  const names = input.personIds.map((id) => input.book.people[id]?.name ?? id);
  const others = dutchList(
    input.personIds.filter((id) => id !== input.recipientId).map((id) => input.book.people[id]?.name ?? id),
  );
  const planner = input.book.planner?.name;
  const summary = `Duo-interview visieleertraject ${input.trajectName}`;
  const invite: MeetingInvite = {
    uid: interviewUid(input.roundId, input.index),
    sequence: input.sequence,
    method: input.method,
    start: slot.start,
    end: slot.end,
    summary,
    description: `Duo-interview met ${dutchList(names)}${planner ? `, gepland door ${planner}` : ''}. Het visieleerteam van de VNG stuurt de details van de locatie of de videoverbinding.`,
    organizer: input.book.organizer,
    attendees: input.personIds.map((id) => {
      const person = input.book.people[id];
      return { name: person?.name ?? id, ...(person?.email ? { email: person.email } : {}) };
    }),
    now: input.now,
  };
  const when = slotText(slot);
  const cancelled = input.method === 'CANCEL';
  const moved = !cancelled && input.sequence > 0;
  return {
    method: input.method,
    sequence: input.sequence,
    filename: `duo-interview-${input.index + 1}${input.sequence > 0 ? `-v${input.sequence + 1}` : ''}.ics`,
    ics: meetingInviteToIcs(invite),
    subject: cancelled
      ? `Geannuleerd: ${summary} (${when})`
      : moved
        ? `Verplaatst: ${summary} (${when})`
        : `Uitnodiging: ${summary} (${when})`,
    text: [
      cancelled
        ? `Het duo-interview van ${when} met ${others} gaat niet door.`
        : `${moved ? 'Het duo-interview is verplaatst naar' : 'U bent uitgenodigd voor een duo-interview op'} ${when}, met ${others}.`,
      ...(planner ? [`Gepland door ${planner} (visieleerteam VNG).`] : []),
    ].join(' '),
  };
}
