import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allQuestions, parseSubmission, SUBMISSION_SURFACES } from '../src/index.js';
import { answersArbitrary, toSurfacePayload } from '../src/testing.js';
import { standardForms } from './fixtures.js';

describe('round trip: answers → surface payload → parseSubmission → the same answers', () => {
  for (const form of standardForms()) {
    for (const surface of SUBMISSION_SURFACES) {
      it(`${form.id} via ${surface}`, () => {
        fc.assert(
          fc.property(answersArbitrary(form), (answers) => {
            const result = parseSubmission(form, surface, toSurfacePayload(form, surface, answers));
            if (!result.ok) throw new Error(JSON.stringify(result.errors));
            expect(result.answers).toEqual(answers);
          }),
          { numRuns: 60 },
        );
      });
    }
  }
});

describe('the answer generator', () => {
  it('produces answers where conditional questions are sometimes shown and sometimes hidden', () => {
    for (const form of standardForms()) {
      const conditional = allQuestions(form).filter((question) => question.visibleWhen);
      const samples = fc.sample(answersArbitrary(form), { numRuns: 300, seed: 42 });
      for (const question of conditional) {
        const shown = samples.filter((answers) => question.id in answers).length;
        expect(shown, `${form.id}/${question.id}`).toBeGreaterThan(0);
        expect(shown, `${form.id}/${question.id}`).toBeLessThan(samples.length);
      }
    }
  });
});
