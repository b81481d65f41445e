import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, redactSmtpUrl } from '../src/mail/smtp-mailer.js';
import { calendarOf, type Mailbox, startMailbox } from './helpers/mailbox.js';

describe('the SMTP mailer against a local SMTP server', () => {
  let mailbox: Mailbox;

  beforeAll(async () => {
    mailbox = await startMailbox();
  });

  afterAll(async () => {
    await mailbox.close();
  });

  it('delivers text, sender and a meeting request (iMIP) that a MIME parser and ical.js read', async () => {
    const mailer = createSmtpMailer({ url: mailbox.url, from: 'Visieleren <noreply@vng.nl>' });
    expect(mailer.sender).toEqual({ name: 'Visieleren', email: 'noreply@vng.nl' });
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Visieleren//NL',
      'METHOD:CANCEL',
      'BEGIN:VEVENT',
      'UID:duo-1@visieleren',
      'SEQUENCE:2',
      'DTSTAMP:20270201T090000Z',
      'DTSTART:20270208T090000Z',
      'DTEND:20270208T100000Z',
      'SUMMARY:Duo-interview',
      'ORGANIZER;CN="Visieleren":mailto:noreply@vng.nl',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const { messageId } = await mailer.send({
      to: 'deelnemer@gemeente.nl',
      subject: 'Geannuleerd: duo-interview',
      text: 'Het duo-interview gaat niet door.',
      calendar: { method: 'CANCEL', content: ics, filename: 'duo-interview.ics' },
    });
    mailer.close();
    expect(messageId).toMatch(/^<[0-9a-f-]+@vng\.nl>$/);
    expect(mailbox.mails).toHaveLength(1);
    const [mail] = mailbox.mails;
    expect(mail?.parsed.from?.value[0]?.address).toBe('noreply@vng.nl');
    expect(mail?.to).toEqual(['deelnemer@gemeente.nl']);
    expect(mail?.subject).toBe('Geannuleerd: duo-interview');
    expect(mail?.parsed.messageId).toBe(messageId);
    expect(mail?.text.trim()).toBe('Het duo-interview gaat niet door.');
    // The calendar is an alternative body part with its method, the one Outlook and Gmail act on.
    expect(mail?.calendar?.method).toBe('CANCEL');
    expect(calendarOf(mail?.calendar?.content ?? '')).toMatchObject({
      method: 'CANCEL',
      uid: 'duo-1@visieleren',
      sequence: 2,
      organizer: 'mailto:noreply@vng.nl',
    });
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
