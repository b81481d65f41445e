import { createHmac } from 'node:crypto';
import { AuthError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { FormTokenError, signFormToken, verifyFormToken } from '../src/index.js';

const SECRET = 'een-geheim-van-minstens-tweeendertig-tekens';
const claims = {
  formId: 'beschikbaarheid',
  trajectId: 'traject-7',
  subject: 'deelnemer-3',
  expiresAt: new Date('2027-01-01T12:00:00Z'),
};

function failure(run: () => unknown): FormTokenError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormTokenError) return error;
    throw error;
  }
  throw new Error('verwachtte een FormTokenError');
}

describe('signed form links', () => {
  it('round-trips the claims before expiry', () => {
    const token = signFormToken(claims, SECRET);
    expect(token).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
    expect(verifyFormToken(token, SECRET, new Date('2026-12-31T00:00:00Z'))).toEqual(claims);
  });

  it('carries no readable personal data: the claims are encrypted, and every link differs', () => {
    const personal = { ...claims, subject: 'j.jansen@ede.nl', trajectId: 'ede-2027-3f9a' };
    const token = signFormToken(personal, SECRET);
    const sealed = Buffer.from(token.slice(3), 'base64url');
    for (const text of [token, sealed.toString('utf8'), sealed.toString('latin1')]) {
      expect(text).not.toContain('j.jansen');
      expect(text).not.toContain('ede.nl');
      expect(text).not.toContain('ede-2027');
      expect(text).not.toContain('beschikbaarheid');
    }
    expect(signFormToken(personal, SECRET)).not.toBe(token);
    expect(verifyFormToken(token, SECRET, new Date('2026-12-31T00:00:00Z'))).toEqual(personal);
  });

  it('still opens a link made before encryption (v1, signed) until it expires, and refuses it altered', () => {
    const payload = Buffer.from(
      JSON.stringify({ f: 'evaluatie', t: 'traject-7', s: 'deelnemer-3', e: 1798804800 }),
    ).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(`v1.${payload}`).digest('base64url');
    const legacy = `v1.${payload}.${signature}`;
    expect(verifyFormToken(legacy, SECRET, new Date('2026-12-31T00:00:00Z'))).toEqual({
      formId: 'evaluatie',
      trajectId: 'traject-7',
      subject: 'deelnemer-3',
      expiresAt: new Date(1798804800 * 1000),
    });
    expect(failure(() => verifyFormToken(legacy, SECRET, new Date('2027-01-02T00:00:00Z'))).reason).toBe(
      'expired',
    );
    const otherPayload = Buffer.from(
      JSON.stringify({ f: 'evaluatie', t: 'traject-8', e: 1798804800 }),
    ).toString('base64url');
    expect(
      failure(() => verifyFormToken(`v1.${otherPayload}.${signature}`, SECRET, new Date('2026-06-01')))
        .reason,
    ).toBe('invalid');
  });

  it('carries the slots of an availability round, and refuses a link whose slots were altered', () => {
    const withSlots = {
      ...claims,
      slots: [
        { id: 's1', start: '2027-02-01T09:00', end: '2027-02-01T10:00' },
        { id: 's2', start: '2027-02-02T13:00', end: '2027-02-02T14:00' },
      ],
    };
    const token = signFormToken(withSlots, SECRET);
    expect(verifyFormToken(token, SECRET, new Date('2026-12-31T00:00:00Z'))).toEqual(withSlots);
    // Every byte of the sealed part is covered by the GCM tag: flip any one and the link is refused.
    const sealed = Buffer.from(token.slice(3), 'base64url');
    for (const index of [0, 12, Math.floor(sealed.length / 2), sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expect(
        failure(() => verifyFormToken(`v2.${altered.toString('base64url')}`, SECRET, new Date('2026-12-31')))
          .reason,
      ).toBe('invalid');
    }
  });

  it('rejects an expired link with a Dutch message and reason "expired"', () => {
    const error = failure(() => verifyFormToken(signFormToken(claims, SECRET), SECRET, claims.expiresAt));
    expect(error.reason).toBe('expired');
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe('Deze formulierlink is verlopen. Vraag het visieleerteam om een nieuwe link.');
  });

  it('rejects a changed payload, a changed signature, another secret and garbage as "invalid"', () => {
    const token = signFormToken(claims, SECRET);
    const now = new Date('2026-06-01');
    for (const bad of [
      `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
      `v2.${token.slice(3, 40)}`,
      signFormToken(claims, `${SECRET}-ander`),
      'v2.abc.def',
      'v2.',
      'v1.abc.def',
      'onzin',
      '',
    ]) {
      const error = failure(() => verifyFormToken(bad, SECRET, now));
      expect(error.reason).toBe('invalid');
      expect(error.message).toBe(
        'Deze formulierlink is ongeldig of aangepast. Gebruik de link uit de uitnodiging.',
      );
    }
  });

  it('refuses short secrets', () => {
    expect(() => signFormToken(claims, 'kort')).toThrow(
      'Het geheim voor formulierlinks moet ten minste 32 tekens hebben.',
    );
  });

  it('speaks English when asked', () => {
    expect(failure(() => verifyFormToken('onzin', SECRET, new Date(), 'en')).message).toBe(
      'This form link is invalid or has been altered. Use the link from the invitation.',
    );
  });
});
