import { escapeText, formatLocalDateTime, formatUtc, serializeLines } from './format.js';
import { VTIMEZONE_AMSTERDAM } from './plan-to-ics.js';

/**
 * A calendar invitation for one meeting (a duo-interview) as e-mail clients and Slack users import it:
 * METHOD:REQUEST for a new or moved meeting, METHOD:CANCEL to call it off. The UID stays the same for the
 * life of the meeting and SEQUENCE goes up with every change, so a calendar replaces the event it has
 * (RFC 5546 §2.1.4, §3.2.2 and §3.2.5).
 */
export interface MeetingInvite {
  /** Stable for this meeting, e.g. `duo-<round>-<interview>@visieleren`. */
  uid: string;
  /** 0 for the first invite, +1 for every update or cancellation. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** Local Europe/Amsterdam wall-clock times, `YYYY-MM-DDTHH:mm`. */
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
  organizer: { name: string; email: string };
  /** People without an e-mail address are named in the description, not as attendees. */
  attendees: ReadonlyArray<{ name: string; email?: string }>;
  /** DTSTAMP; pass it for reproducible files. */
  now?: Date;
}

function calAddress(person: { name: string; email: string }): string {
  // CN is a parameter value: quote it and leave out the characters a quoted value cannot hold.
  const name = person.name.replace(/["\r\n]/g, '');
  return `CN="${name}":mailto:${person.email}`;
}

function toLocal(value: string): string {
  const [date = '', time = ''] = value.split('T');
  return formatLocalDateTime(date, time);
}

export function meetingInviteToIcs(invite: MeetingInvite): string {
  const cancelled = invite.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//VNG Visieleren//visieleren 0.1//NL',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    ...VTIMEZONE_AMSTERDAM,
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${formatUtc(invite.now ?? new Date())}`,
    `DTSTART;TZID=Europe/Amsterdam:${toLocal(invite.start)}`,
    `DTEND;TZID=Europe/Amsterdam:${toLocal(invite.end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    ...(invite.description ? [`DESCRIPTION:${escapeText(invite.description)}`] : []),
    ...(invite.location ? [`LOCATION:${escapeText(invite.location)}`] : []),
    `ORGANIZER;${calAddress(invite.organizer)}`,
    ...invite.attendees.flatMap((person) =>
      person.email
        ? [
            `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;${calAddress({ name: person.name, email: person.email })}`,
          ]
        : [],
    ),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return serializeLines(lines);
}
