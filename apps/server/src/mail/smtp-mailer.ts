import { randomUUID } from 'node:crypto';
import type { MailerPort, MailMessage } from '@visieleren/core';
import nodemailer from 'nodemailer';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  url: string;
  /** The sender, e.g. `Visieleren <noreply@vng.nl>`. */
  from: string;
  /** Per connection step (connect, greeting, each command); default 15 s, so a dead server fails a job, not a process. */
  timeoutMs?: number;
}

/** `smtp://user:secret@host:587` → `smtp://host:587`, for logs and messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(ongeldige SMTP_URL)';
  }
}

/** E-mail through SMTP with nodemailer. The message id is stable per message, so a retried send is recognisable. */
export function createSmtpMailer(settings: SmtpSettings): MailerPort & { close(): void } {
  const timeout = settings.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const address = (/<([^>]+)>/.exec(settings.from)?.[1] ?? settings.from).trim();
  const name = /^\s*"?([^"<]+?)"?\s*</.exec(settings.from)?.[1]?.trim();
  const domain = address.split('@')[1] ?? 'visieleren.local';
  return {
    sender: { ...(name ? { name } : {}), email: address },
    async send(message: MailMessage) {
      const messageId = message.messageId ?? `<${randomUUID()}@${domain}>`;
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId,
        ...(message.attachments
          ? {
              attachments: message.attachments.map((attachment) => ({
                filename: attachment.filename,
                content: attachment.content,
                contentType: attachment.contentType,
              })),
            }
          : {}),
        // iMIP: nodemailer makes the text/calendar; method=… alternative part (and a copy as .ics) from this.
        ...(message.calendar
          ? {
              icalEvent: {
                method: message.calendar.method,
                filename: message.calendar.filename,
                content: message.calendar.content,
              },
            }
          : {}),
      });
      return { messageId };
    },
    close: () => transport.close(),
  };
}
