import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildForm, parseSubmission, renderJsonSchema } from '../src/index.js';
import { answersArbitrary, toHtmlPayload } from '../src/testing.js';
import { standardForms } from './fixtures.js';

function compile(schema: object) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

describe('JSON Schema 2020-12 renderer', () => {
  for (const form of standardForms()) {
    it(`${form.id}: accepts what the HTML form produces, rejects a wrong answer`, () => {
      const validate = compile(renderJsonSchema(form).output);
      fc.assert(
        fc.property(answersArbitrary(form), (answers) => {
          // Through the HTML surface, as a browser posts it.
          const result = parseSubmission(form, 'html', toHtmlPayload(form, answers));
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          expect(validate(result.answers), JSON.stringify(validate.errors)).toBe(true);
          expect(validate({ ...result.answers, 'bestaat-niet': 'x' })).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('rejects wrong types, unknown options, out-of-range numbers and missing required answers', () => {
    const validate = compile(renderJsonSchema(buildForm('aanmelding')).output);
    const valid = {
      gemeente: 'Utrecht',
      samen: false,
      'contact-naam': 'Ada',
      'contact-email': 'ada@utrecht.nl',
      kernvraag: 'Hoe?',
      themas: ['rust-en-regie'],
      draagvlak: true,
      'ambtelijk-contactpersoon-wie': 'Ada',
      'ambtelijk-contactpersoon-tijd': true,
      'ambtelijke-ondersteuning-tijd': true,
      'bestuurder-tijd': true,
      'professional-tijd': false,
    };
    expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...valid, samen: 'nee' })).toBe(false);
    expect(validate({ ...valid, themas: ['onbekend'] })).toBe(false);
    expect(validate({ ...valid, themas: [] })).toBe(false);
    expect(validate({ ...valid, inwoners: -1 })).toBe(false);
    expect(validate({ ...valid, inwoners: 1.5 })).toBe(false);
    expect(validate({ ...valid, 'cbs-code': 'GM12' })).toBe(false);
    expect(validate({ ...valid, 'contact-email': 'geen adres' })).toBe(false);
    expect(validate({ ...valid, gemeente: '   ' })).toBe(false);
    const { kernvraag: _dropped, ...withoutKernvraag } = valid;
    expect(validate(withoutKernvraag)).toBe(false);
  });

  it('expresses conditions with if/then/else: required when shown, absent when hidden', () => {
    const { output, report } = renderJsonSchema(buildForm('nazorg'));
    const validate = compile(output);
    const base = { voortgang: 'gestart', 'contact-email': 'a@b.nl' };
    expect(validate({ ...base, 'ondersteuning-nodig': false })).toBe(true);
    expect(validate({ ...base, 'ondersteuning-nodig': false, 'ondersteuning-vorm': ['gesprek'] })).toBe(
      false,
    );
    expect(validate({ ...base, 'ondersteuning-nodig': true })).toBe(false);
    expect(validate({ ...base, 'ondersteuning-nodig': true, 'ondersteuning-vorm': ['anders'] })).toBe(false);
    expect(
      validate({
        ...base,
        'ondersteuning-nodig': true,
        'ondersteuning-vorm': ['anders'],
        'ondersteuning-anders': 'x',
      }),
    ).toBe(true);
    expect(report.losses.map((loss) => loss.feature)).toEqual(['date-format']);
  });
});
