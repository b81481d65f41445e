import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  findUnsafeText,
  isCanonicalBase64Url,
  nextStatuses,
  planStatusChange,
  TRAJECT_STATUSES,
  ValidationError,
} from '../src/index.js';

describe('the traject status machine', () => {
  it('lets the VNG team accept, decline, stop and close, and a gemeente none of those', () => {
    const steps = [
      { from: 'aangemeld', to: 'lopend' },
      { from: 'aangemeld', to: 'afgewezen', reason: 'Past niet in dit jaar' },
      { from: 'lopend', to: 'tussentijds-gestopt', reason: 'Gemeente heeft geen capaciteit' },
      { from: 'lopend', to: 'afgerond', reason: 'Borgingssessie gehouden' },
    ] as const;
    for (const step of steps) {
      expect(planStatusChange({ ...step, actor: 'vng' }).step).toBeDefined();
      expect(() => planStatusChange({ ...step, actor: 'gemeente' })).toThrow(ForbiddenError);
    }
  });

  it('refuses what the gemeente did before: back to lopend after a decline, skipping the acceptance', () => {
    expect(() => planStatusChange({ from: 'afgewezen', to: 'lopend', actor: 'gemeente' })).toThrow(
      ConflictError,
    );
    expect(() => planStatusChange({ from: 'afgewezen', to: 'lopend', actor: 'vng' })).toThrow(ConflictError);
    expect(() => planStatusChange({ from: 'aangemeld', to: 'lopend', actor: 'gemeente' })).toThrow(
      ForbiddenError,
    );
    // Withdrawing its own aanmelding is the gemeente's own step.
    expect(planStatusChange({ from: 'aangemeld', to: 'geannuleerd', actor: 'gemeente' }).step).toBe(
      'intrekken',
    );
  });

  it('asks for a reason to close, stop or decline, naming the field in Dutch', () => {
    for (const to of ['afgerond', 'tussentijds-gestopt'] as const) {
      try {
        planStatusChange({ from: 'lopend', to, actor: 'vng', reason: ' ' });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]?.path).toBe('reden');
        expect((error as Error).message).toMatch(/Geef een reden/);
      }
    }
    expect(planStatusChange({ from: 'lopend', to: 'gepauzeerd', actor: 'vng' }).step).toBe('pauzeren');
  });

  it('offers a gemeente no step but withdrawing, and never a way out of a closed traject', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRAJECT_STATUSES), (from) => {
        const gemeente = nextStatuses(from, 'gemeente');
        expect(gemeente).toEqual(from === 'aangemeld' ? ['geannuleerd'] : []);
        if (['afgewezen', 'geannuleerd', 'tussentijds-gestopt', 'afgerond-werkbezoek'].includes(from)) {
          expect(nextStatuses(from, 'vng')).toEqual([]);
        }
        for (const to of nextStatuses(from, 'vng')) {
          expect(() => planStatusChange({ from, to, actor: 'vng', reason: 'een reden' })).not.toThrow();
        }
      }),
    );
  });

  it('changes nothing when asked for the status the traject already has', () => {
    expect(planStatusChange({ from: 'lopend', to: 'lopend', actor: 'gemeente' }).step).toBeUndefined();
  });
});

describe('strict base64url', () => {
  it('accepts only the one canonical spelling of some bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(isCanonicalBase64Url(text)).toBe(true);
        if (text.length > 1) expect(isCanonicalBase64Url(`${text.slice(0, 1)}~${text.slice(1)}`)).toBe(false);
        expect(isCanonicalBase64Url(`${text}=`)).toBe(false);
      }),
    );
    expect(isCanonicalBase64Url('AB')).toBe(false);
    expect(isCanonicalBase64Url('AQ')).toBe(true);
    expect(isCanonicalBase64Url('A')).toBe(false);
  });
});

describe('text that cannot be stored', () => {
  it('finds a NUL byte and a lone surrogate, with the path of the field', () => {
    expect(findUnsafeText({ gemeenten: [{ name: 'Ede\u0000' }], ok: 'tekst 😀' })).toEqual([
      { path: 'gemeenten.0.name', message: expect.stringMatching(/nul-teken/) },
    ]);
    expect(findUnsafeText({ kernvraag: 'a\uD800b' })[0]?.path).toBe('kernvraag');
    expect(findUnsafeText({ kernvraag: 'a\uDC00' })[0]?.path).toBe('kernvraag');
    expect(findUnsafeText({ 'sleutel\u0000': 1 })[0]?.message).toMatch(/veldnaam/);
    expect(findUnsafeText(['😀', 'é'])).toEqual([]);
  });
});
