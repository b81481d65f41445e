import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the local SMTP server received it, parsed by a real MIME parser (mailparser). */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The iMIP part: `text/calendar` with its `method` parameter, if the message has one. */
  calendar?: { method: string; content: string };
  parsed: ParsedMail;
  raw: string;
}

export interface Mailbox {
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** The calendar part of a parsed message: mailparser lists the text/calendar alternative as an attachment. */
function calendarPart(parsed: ParsedMail): ReceivedMail['calendar'] {
  const part = parsed.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  if (!part) return undefined;
  const type = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return { method: (type?.params?.method ?? '').toUpperCase(), content: part.content.toString('utf8') };
}

/** A local SMTP server (smtp-server) that keeps every message, parsed. */
export async function startMailbox(): Promise<Mailbox> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const calendar = calendarPart(parsed);
            mails.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              ...(calendar ? { calendar } : {}),
              parsed,
              raw,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The event of an iCalendar file as ical.js reads it. */
export function calendarOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('geen VEVENT');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: String(event.getFirstPropertyValue('dtstart')),
    tzid: event.getFirstProperty('dtstart')?.getParameter('tzid'),
    organizer: String(event.getFirstPropertyValue('organizer')),
    attendees: event.getAllProperties('attendee').map((property) => String(property.getFirstValue())),
  };
}
