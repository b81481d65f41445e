import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { AuthError, defineMessages, isCanonicalBase64Url, type Lang } from '@visieleren/core';
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

// A short secret makes the key guessable; 32 characters is the usual floor for HMAC-SHA256 and HKDF input.
const MIN_SECRET_LENGTH = 32;
/** Readable payload + HMAC: links sent before v2. Still verified (until they expire), never made any more. */
const LEGACY_VERSION = 'v1';
/** Encrypted payload (AES-256-GCM): nobody who sees the link can read whom or what it is for. */
const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new AuthError(t('secret', 'nl'));
}

const keys = new Map<string, Buffer>();

/** The encryption key: HKDF-SHA256 of the forms secret, so the secret itself is never the key. */
function encryptionKey(secret: string): Buffer {
  checkSecret(secret);
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'visieleren-formulierlink', `${VERSION} aes-256-gcm`, 32));
    // Servers use one or two secrets; a bound keeps a misuse (a new secret per call) from growing memory.
    if (keys.size > 16) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

function legacySignature(payload: string, secret: string): Buffer {
  checkSecret(secret);
  return createHmac('sha256', secret).update(`${LEGACY_VERSION}.${payload}`).digest();
}

type TokenBody = { f?: unknown; t?: unknown; s?: unknown; sl?: unknown; e?: unknown };

/**
 * `v2.<iv|ciphertext|tag>` (base64url): the claims are encrypted and authenticated with AES-256-GCM, so a
 * link carries no readable personal data (the subject, an e-mail address or participant id, stays hidden)
 * and cannot be altered. Form links carry it as their last path segment.
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
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(secret), iv);
  cipher.setAAD(Buffer.from(VERSION));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The v2 claims, or undefined when the link was altered or made with another secret. */
function openSealed(sealedPart: string, secret: string): TokenBody | undefined {
  const key = encryptionKey(secret);
  const bytes = Buffer.from(sealedPart, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES + 2) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as TokenBody;
  } catch {
    return undefined;
  }
}

/** A v1 link's claims after its HMAC (in constant time), or undefined. */
function openLegacy(payload: string, signature: string, secret: string): TokenBody | undefined {
  const expected = legacySignature(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
  } catch {
    return undefined;
  }
}

/**
 * What identifies a link, for a rate limit: the token itself when it is spelled the one way `signFormToken`
 * spells it, else undefined (such a link never verifies). Node's base64url decoder skips a `~` and ignores
 * the unused bits of the last character, so without this check one link had many spellings, each with a
 * limit of its own.
 */
export function formTokenId(token: string): string | undefined {
  if (token.length > 4096) return undefined;
  const [version, ...parts] = token.split('.');
  const shaped =
    (version === VERSION && parts.length === 1) || (version === LEGACY_VERSION && parts.length === 2);
  return shaped && parts.every((part) => part.length > 0 && isCanonicalBase64Url(part)) ? token : undefined;
}

/** Checks integrity (GCM tag, or a v1 link's HMAC) and expiry; throws FormTokenError with a Dutch message. */
export function verifyFormToken(
  token: string,
  secret: string,
  now: Date,
  lang: Lang = 'nl',
): FormTokenClaims {
  if (formTokenId(token) === undefined) throw new FormTokenError('invalid', lang);
  const parts = token.split('.');
  let body: TokenBody | undefined;
  if (parts.length === 2 && parts[0] === VERSION) body = openSealed(parts[1] ?? '', secret);
  else if (parts.length === 3 && parts[0] === LEGACY_VERSION)
    body = openLegacy(parts[1] ?? '', parts[2] ?? '', secret);
  else throw new FormTokenError('invalid', lang);
  if (!body || typeof body.f !== 'string' || typeof body.t !== 'string' || typeof body.e !== 'number') {
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
