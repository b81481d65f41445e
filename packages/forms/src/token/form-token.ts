import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError, defineMessages, type Lang } from '@visieleren/core';
import type { AvailabilitySlot } from '../forms/beschikbaarheid.js';

/** Who may answer which form for which traject, until when. */
export interface FormTokenClaims {
  formId: string;
  trajectId: string;
  /** Optional person or participant id, e.g. the interviewee an availability form is for. */
  subject?: string;
  /**
   * The slots an availability form asks about. They travel in the signed link, so a round's slots need no
   * table of their own before the round is planned, and nobody can add a slot to someone else's link.
   */
  slots?: AvailabilitySlot[];
  /** Instant after which the link no longer works. */
  expiresAt: Date;
}

export type FormTokenFailure = 'expired' | 'invalid';

const t = defineMessages({
  expired: {
    nl: 'Deze formulierlink is verlopen. Vraag het visieleerteam om een nieuwe link.',
    en: 'This form link has expired. Ask the vision-learning team for a new link.',
  },
  invalid: {
    nl: 'Deze formulierlink is ongeldig of aangepast. Gebruik de link uit de uitnodiging.',
    en: 'This form link is invalid or has been altered. Use the link from the invitation.',
  },
  secret: {
    nl: 'Het geheim voor formulierlinks moet ten minste 32 tekens hebben.',
    en: 'The form link secret must have at least 32 characters.',
  },
});

/** An expired or tampered link; `reason` lets a route answer 410 or 403. */
export class FormTokenError extends AuthError {
  readonly reason: FormTokenFailure;

  constructor(reason: FormTokenFailure, lang: Lang = 'nl') {
    super(t(reason, lang));
    this.reason = reason;
  }
}

// A short secret makes the HMAC guessable; 32 characters is the usual floor for HMAC-SHA256 keys.
const MIN_SECRET_LENGTH = 32;
const VERSION = 'v1';

function sign(payload: string, secret: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new AuthError(t('secret', 'nl'));
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();
}

/**
 * `v1.<payload>.<signature>`, both base64url: the payload is readable (it holds no secrets), the
 * HMAC-SHA256 signature makes it unforgeable. Form links carry it as their last path segment.
 */
export function signFormToken(claims: FormTokenClaims, secret: string): string {
  const body = {
    f: claims.formId,
    t: claims.trajectId,
    ...(claims.subject !== undefined ? { s: claims.subject } : {}),
    // Tuples keep a link with a few dozen slots well under the 2,000 characters browsers and mail clients keep.
    ...(claims.slots !== undefined
      ? { sl: claims.slots.map((slot) => [slot.id, slot.start, slot.end] as const) }
      : {}),
    e: Math.floor(claims.expiresAt.getTime() / 1000),
  };
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Checks signature (in constant time) and expiry; throws FormTokenError with a Dutch message. */
export function verifyFormToken(
  token: string,
  secret: string,
  now: Date,
  lang: Lang = 'nl',
): FormTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw new FormTokenError('invalid', lang);
  const [, payload = '', signature = ''] = parts;
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new FormTokenError('invalid', lang);
  let body: { f?: unknown; t?: unknown; s?: unknown; sl?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
  } catch {
    throw new FormTokenError('invalid', lang);
  }
  if (typeof body.f !== 'string' || typeof body.t !== 'string' || typeof body.e !== 'number') {
    throw new FormTokenError('invalid', lang);
  }
  if (body.s !== undefined && typeof body.s !== 'string') throw new FormTokenError('invalid', lang);
  const slots = body.sl === undefined ? undefined : slotsFromClaim(body.sl);
  if (slots === null) throw new FormTokenError('invalid', lang);
  const expiresAt = new Date(body.e * 1000);
  if (now.getTime() >= expiresAt.getTime()) throw new FormTokenError('expired', lang);
  return {
    formId: body.f,
    trajectId: body.t,
    ...(body.s !== undefined ? { subject: body.s } : {}),
    ...(slots !== undefined ? { slots } : {}),
    expiresAt,
  };
}

/** `[[id, start, end], …]` back to slots; null when the shape is wrong (only we sign, but stay strict). */
function slotsFromClaim(claim: unknown): AvailabilitySlot[] | null {
  if (!Array.isArray(claim)) return null;
  const slots: AvailabilitySlot[] = [];
  for (const entry of claim) {
    if (!Array.isArray(entry) || entry.length !== 3 || !entry.every((part) => typeof part === 'string')) {
      return null;
    }
    const [id, start, end] = entry as [string, string, string];
    slots.push({ id, start, end });
  }
  return slots;
}
