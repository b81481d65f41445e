import { ValidationError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { buildForm, defineForm, parseSubmission, type SubmissionResult } from '../src/index.js';

const aanmelding = buildForm('aanmelding');
const nazorg = buildForm('nazorg');

function errorsOf(result: SubmissionResult): Record<string, string> {
  return result.ok ? {} : Object.fromEntries(result.errors.map((error) => [error.questionId, error.message]));
}

describe('parseSubmission', () => {
  it('gives a Dutch error per field, in form order, with the label', () => {
    const result = parseSubmission(aanmelding, 'html', {
      gemeente: '  ',
      'cbs-code': 'GM344',
      inwoners: '12.345,5',
      samen: 'misschien',
      'contact-email': 'naam@gemeente',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({
      questionId: 'gemeente',
      label: 'Naam van de gemeente',
      message: 'Vul dit veld in.',
    });
    expect(errorsOf(result)).toMatchObject({
      'cbs-code': 'Vul de code in als GM en vier cijfers, bijvoorbeeld GM0344.',
      inwoners: 'Vul een getal in, bijvoorbeeld 12.',
      samen: 'Kies Ja of Nee.',
      'contact-email': 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
      kernvraag: 'Vul dit veld in.',
      themas: 'Kies ten minste één optie.',
    });
  });

  it('speaks English when asked', () => {
    const result = parseSubmission(aanmelding, 'html', {}, 'en');
    expect(errorsOf(result).gemeente).toBe('Please fill in this field.');
  });

  it('drops answers to hidden questions and only requires visible ones', () => {
    const base = {
      voortgang: 'gestart',
      'ondersteuning-nodig': 'nee',
      'ondersteuning-vorm': ['anders'],
      'ondersteuning-anders': 'Niet meer nodig',
      'contact-email': 'a@b.nl',
    };
    const hidden = parseSubmission(nazorg, 'html', base);
    expect(hidden).toEqual({
      ok: true,
      answers: { voortgang: 'gestart', 'ondersteuning-nodig': false, 'contact-email': 'a@b.nl' },
      values: base,
    });
    const shown = parseSubmission(nazorg, 'html', {
      ...base,
      'ondersteuning-nodig': 'ja',
      'ondersteuning-anders': '',
    });
    expect(errorsOf(shown)).toEqual({ 'ondersteuning-anders': 'Vul dit veld in.' });
  });

  it('accepts a decimal comma, orders multiple choice as defined, trims text, wants whole numbers where asked', () => {
    const custom = defineForm({
      id: 'getallen',
      version: '1',
      title: { nl: 'Getallen', en: 'Numbers' },
      sections: [
        {
          id: 's',
          title: { nl: 'S', en: 'S' },
          questions: [
            { kind: 'number', id: 'uren', label: { nl: 'Uren', en: 'Hours' } },
            { kind: 'short-text', id: 'naam', label: { nl: 'Naam', en: 'Name' } },
            {
              kind: 'multiple-choice',
              id: 'dagen',
              label: { nl: 'Dagen', en: 'Days' },
              options: ['ma', 'di', 'wo'].map((value) => ({ value, label: { nl: value, en: value } })),
            },
          ],
        },
      ],
    });
    const posted = new URLSearchParams([
      ['uren', '7,5'],
      ['naam', '  Ada  '],
      ['dagen', 'wo'],
      ['dagen', 'ma'],
    ]);
    expect(parseSubmission(custom, 'html', posted)).toMatchObject({
      ok: true,
      answers: { uren: 7.5, naam: 'Ada', dagen: ['ma', 'wo'] },
    });
    expect(errorsOf(parseSubmission(nazorg, 'html', { 'acties-gestart': '2,5' }))['acties-gestart']).toBe(
      'Vul een heel getal in, zonder komma.',
    );
    expect(errorsOf(parseSubmission(nazorg, 'html', { 'acties-gestart': '101' }))['acties-gestart']).toBe(
      'Vul een getal in van ten hoogste 100.',
    );
  });

  it('checks JSON types strictly and names unknown questions', () => {
    const result = parseSubmission(nazorg, 'json', {
      voortgang: 'gestart',
      'ondersteuning-nodig': 'ja',
      onbekend: 1,
      'contact-email': 'a@b.nl',
    });
    expect(errorsOf(result)).toEqual({
      'ondersteuning-nodig': 'Verwacht true of false, maar kreeg string.',
      onbekend: 'Onbekende vraag "onbekend" in de inzending.',
    });
  });

  it('reads Adaptive Card data and Slack state values', () => {
    const card = parseSubmission(nazorg, 'adaptive-card', {
      action: {
        data: {
          _form: { id: 'nazorg' },
          voortgang: 'afgerond',
          'ondersteuning-nodig': 'ja',
          'ondersteuning-vorm': 'gesprek,werkbezoek',
          'contact-email': 'x@y.nl',
          les: '',
        },
      },
    });
    expect(card).toMatchObject({ ok: true, answers: { 'ondersteuning-vorm': ['gesprek', 'werkbezoek'] } });
    const slack = parseSubmission(nazorg, 'slack-modal', {
      type: 'view_submission',
      view: {
        state: {
          values: {
            voortgang: { answer: { type: 'radio_buttons', selected_option: { value: 'gestart' } } },
            'ondersteuning-nodig': { answer: { type: 'radio_buttons', selected_option: { value: 'nee' } } },
            'gesprek-datum': { answer: { type: 'datepicker', selected_date: '2027-01-12' } },
            'contact-email': { answer: { type: 'email_text_input', value: 'x@y.nl' } },
            'acties-gestart': { answer: { type: 'number_input', value: '3' } },
          },
        },
      },
    });
    expect(slack).toEqual({
      ok: true,
      answers: {
        voortgang: 'gestart',
        'ondersteuning-nodig': false,
        'acties-gestart': 3,
        'gesprek-datum': '2027-01-12',
        'contact-email': 'x@y.nl',
      },
      values: expect.any(Object),
    });
  });

  it('throws a Dutch ValidationError when the payload has the wrong shape', () => {
    expect(() => parseSubmission(nazorg, 'slack-modal', { view: {} })).toThrow(ValidationError);
    expect(() => parseSubmission(nazorg, 'slack-modal', { view: {} })).toThrow(
      'De inzending is geen Slack view_submission.',
    );
    expect(() => parseSubmission(nazorg, 'json', [])).toThrow(
      'De inzending is geen JSON-object met antwoorden.',
    );
  });

  it('rejects dates that do not exist', () => {
    expect(
      errorsOf(parseSubmission(nazorg, 'html', { 'gesprek-datum': '2027-02-30' }))['gesprek-datum'],
    ).toBe('Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.');
  });
});
