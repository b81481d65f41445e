import { z } from 'zod';

/**
 * One-time link codes: 8 characters a person can read aloud and type over from another screen, so the
 * alphabet leaves out look-alikes (0/O, 1/I/L). Only a hash is stored; the code itself is shown once.
 * Web Crypto only, so core stays free of Node imports.
 */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;

/** At most 30 days: a code is for linking now, not a standing credential. */
export const MAX_LINK_CODE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const linkCodeRequestSchema = z
  .object({
    trajectId: z.string().min(1).max(100),
    purpose: z.string().trim().min(1).max(50),
    ttlMs: z.number().int().positive().max(MAX_LINK_CODE_TTL_MS),
  })
  .strict();

export function generateLinkCode(): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet size).
  const limit = 256 - (256 % LINK_CODE_ALPHABET.length);
  let code = '';
  while (code.length < LINK_CODE_LENGTH) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(LINK_CODE_LENGTH * 2))) {
      if (byte < limit && code.length < LINK_CODE_LENGTH)
        code += LINK_CODE_ALPHABET[byte % LINK_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** Upper case without spaces or dashes; undefined when it cannot be a code at all. */
export function normaliseLinkCode(code: string): string | undefined {
  const normalised = code.replace(/[\s-]+/g, '').toUpperCase();
  if (normalised.length !== LINK_CODE_LENGTH) return undefined;
  for (const character of normalised) if (!LINK_CODE_ALPHABET.includes(character)) return undefined;
  return normalised;
}

/** SHA-256 of the normalised code, hex: what the store keeps. */
export async function hashLinkCode(normalisedCode: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalisedCode));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
