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
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyFormToken(token, SECRET, new Date('2026-12-31T00:00:00Z'))).toEqual(claims);
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
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    body.sl.push(['s3', '2027-02-03T09:00', '2027-02-03T10:00']);
    const altered = `${version}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${signature}`;
    expect(failure(() => verifyFormToken(altered, SECRET, new Date('2026-12-31T00:00:00Z'))).reason).toBe(
      'invalid',
    );
  });

  it('rejects an expired link with a Dutch message and reason "expired"', () => {
    const error = failure(() => verifyFormToken(signFormToken(claims, SECRET), SECRET, claims.expiresAt));
    expect(error.reason).toBe('expired');
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe('Deze formulierlink is verlopen. Vraag het visieleerteam om een nieuwe link.');
  });

  it('rejects a changed payload, a changed signature, another secret and garbage as "invalid"', () => {
    const token = signFormToken(claims, SECRET);
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const otherPayload = Buffer.from(
      JSON.stringify({ f: 'beschikbaarheid', t: 'traject-8', e: 1893456000 }),
    ).toString('base64url');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const now = new Date('2026-06-01');
    for (const bad of [
      `${version}.${otherPayload}.${signature}`,
      `${version}.${payload}.${flipped}`,
      signFormToken(claims, `${SECRET}-ander`),
      'v2.abc.def',
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
