import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubmission, SUBMISSION_SURFACES } from '../src/index.js';
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
