import type { MailerPort } from '@visieleren/core';
import type { JobRunner } from '../jobs/job-runner.js';

/**
 * What the VNG team's work needs beyond the store, for the API and the console alike: the forms secret that
 * signs form links, the server's public address (known once it listens), e-mail when SMTP_URL is set, and the
 * job queue. Getters, because `serve` knows the address and starts the mailer after the app is made.
 */
export interface AdminServices {
  formsSecret: string;
  /** The public address: VISIELEREN_PUBLIC_URL, else the address the server listens on. */
  publicUrl(): string;
  mailer?(): MailerPort | undefined;
  jobs?(): JobRunner | undefined;
}
