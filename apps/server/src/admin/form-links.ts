import { type Lang, localize, type MailerPort, ValidationError } from '@visieleren/core';
import { FORM_DESCRIPTIONS, type FormName, signFormToken } from '@visieleren/forms';
import type { Store } from '@visieleren/store';

/**
 * Forms the VNG team sends per traject from the console and the API. The beschikbaarheid form needs the
 * round's slots and goes out with a duo round (Slack, `visieleren forms link --slots`); the aanmelding has
 * its public page.
 */
export const LINKABLE_FORMS = ['vit', 'evaluatie', 'nazorg'] as const;
export type LinkableForm = (typeof LINKABLE_FORMS)[number];

export const DEFAULT_LINK_DAYS = 14;
export const MAX_LINK_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface FormLinkRequest {
  formId: LinkableForm;
  trajectId: string;
  /** Who the link is for (e-mail or participant id); travels signed in the link and lands on the answers. */
  subject?: string;
  days?: number;
  lang?: Lang;
}

export interface FormLink {
  url: string;
  formId: LinkableForm;
  trajectId: string;
  expiresAt: string;
}

/** A signed, expiring link on the server's public address (`publicUrl`), never on localhost by accident. */
export async function createFormLink(
  store: Store,
  request: FormLinkRequest,
  options: { formsSecret: string; publicUrl: string; now?: Date },
): Promise<FormLink> {
  const days = request.days ?? DEFAULT_LINK_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) {
    throw new ValidationError(`Geef de geldigheid in hele dagen, 1 tot en met ${MAX_LINK_DAYS}.`, [
      { path: 'dagen', message: `1 tot en met ${MAX_LINK_DAYS}` },
    ]);
  }
  // A NotFoundError (Dutch) for a traject that does not exist.
  const traject = await store.trajects.get(request.trajectId, { kind: 'all' });
  const expiresAt = new Date((options.now ?? new Date()).getTime() + days * DAY_MS);
  const token = signFormToken(
    {
      formId: request.formId,
      trajectId: traject.id,
      ...(request.subject ? { subject: request.subject } : {}),
      expiresAt,
    },
    options.formsSecret,
  );
  const lang = request.lang ?? 'nl';
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    url: `${base}/forms/${token}${lang === 'nl' ? '' : `?lang=${lang}`}`,
    formId: request.formId,
    trajectId: traject.id,
    expiresAt: expiresAt.toISOString(),
  };
}

const expiryFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An e-mail address as the console and the CLI accept one: something@domain.tld, no spaces. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * The link by e-mail (SMTP_URL); the address travels to the mail server only, never to a log. Any form's
 * link: the CLI also mails the beschikbaarheid form with its slots.
 */
export async function sendFormLink(
  mailer: MailerPort,
  link: { url: string; formId: FormName; expiresAt: string },
  to: string,
  gemeente: string,
): Promise<{ messageId: string }> {
  const form = localize(FORM_DESCRIPTIONS[link.formId], 'nl');
  return mailer.send({
    to,
    subject: `Formulier voor het visieleertraject van ${gemeente}`,
    text: [
      'Beste deelnemer,',
      '',
      `Het visieleerteam van de VNG vraagt u een formulier in te vullen: ${form}.`,
      '',
      link.url,
      '',
      `De link is persoonlijk en werkt tot ${expiryFormat.format(new Date(link.expiresAt))}.`,
      '',
      'Met vriendelijke groet,',
      'Het visieleerteam van de VNG',
    ].join('\n'),
  });
}
