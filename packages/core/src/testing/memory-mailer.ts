import type { MailerPort, MailMessage } from '../ports.js';

export interface MemoryMailer extends MailerPort {
  /** Every accepted message, in order. */
  readonly sent: MailMessage[];
  /** The next `send` throws this error (an SMTP server refusing), once. */
  failNext(error?: Error): void;
}

export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = [];
  let failure: Error | undefined;
  return {
    sent,
    failNext(error = new Error('De mailserver weigerde het bericht (test).')) {
      failure = error;
    },
    async send(message) {
      if (failure) {
        const error = failure;
        failure = undefined;
        throw error;
      }
      sent.push(structuredClone(message));
      return { messageId: message.messageId ?? `<test-${sent.length}@visieleren>` };
    },
  };
}
