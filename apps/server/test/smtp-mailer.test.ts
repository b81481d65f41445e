import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, redactSmtpUrl } from '../src/mail/smtp-mailer.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('the SMTP mailer against a local SMTP server', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers text, sender and a calendar attachment that parses', async () => {
    const mailer = createSmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Visieleren <noreply@vng.nl>',
    });
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Visieleren//NL',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:duo-1@visieleren',
      'DTSTAMP:20270201T090000Z',
      'DTSTART:20270208T090000Z',
      'DTEND:20270208T100000Z',
      'SUMMARY:Duo-interview',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const { messageId } = await mailer.send({
      to: 'deelnemer@gemeente.nl',
      subject: 'Uitnodiging duo-interview',
      text: 'U bent uitgenodigd.',
      attachments: [
        { filename: 'duo-interview.ics', content: ics, contentType: 'text/calendar; method=REQUEST' },
      ],
    });
    mailer.close();
    expect(messageId).toMatch(/^<[0-9a-f-]+@vng\.nl>$/);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('noreply@vng.nl');
    expect(mail?.to).toEqual(['deelnemer@gemeente.nl']);
    expect(mail?.raw).toContain('Subject: Uitnodiging duo-interview');
    expect(mail?.raw).toContain(`Message-ID: ${messageId}`);
    const attachment = /Content-Type: text\/calendar[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(
      mail?.raw ?? '',
    )?.[1];
    expect(attachment).toBeDefined();
    const text = /Content-Transfer-Encoding: base64/.test(mail?.raw ?? '')
      ? Buffer.from((attachment ?? '').replace(/\s+/g, ''), 'base64').toString('utf8')
      : (attachment ?? '');
    const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent');
    expect(event?.getFirstPropertyValue('uid')).toBe('duo-1@visieleren');
  });

  it('fails with the server unreachable, within its timeout', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'noreply@vng.nl', timeoutMs: 2000 });
    await expect(mailer.send({ to: 'a@b.nl', subject: 'x', text: 'y' })).rejects.toThrow();
    mailer.close();
  });

  it('hides credentials when the address is shown', () => {
    expect(redactSmtpUrl('smtp://user:geheim@mail.vng.nl:587')).toBe('smtp://mail.vng.nl:587');
  });
});
