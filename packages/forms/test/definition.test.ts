import { ValidationError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { defineForm, type FormDefinitionInput, isVisible } from '../src/index.js';
import { standardForms } from './fixtures.js';

const l = (nl: string) => ({ nl, en: nl });

function form(questions: FormDefinitionInput['sections'][number]['questions']): FormDefinitionInput {
  return { id: 'test', version: '1', title: l('Test'), sections: [{ id: 's', title: l('S'), questions }] };
}

function issues(input: FormDefinitionInput): Array<{ path: string; message: string }> {
  try {
    defineForm(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('form definitions', () => {
  it('every standard form is a valid definition with nl and en texts', () => {
    const forms = standardForms();
    expect(forms.map((candidate) => candidate.id)).toEqual([
      'aanmelding',
      'vit',
      'beschikbaarheid',
      'evaluatie',
      'nazorg',
    ]);
    for (const candidate of forms) expect(() => defineForm(candidate)).not.toThrow();
  });

  it('rejects duplicate question ids and options, with Dutch messages and paths', () => {
    const found = issues(
      form([
        { kind: 'short-text', id: 'naam', label: l('Naam') },
        {
          kind: 'single-choice',
          id: 'naam',
          label: l('Keuze'),
          options: [
            { value: 'a', label: l('A') },
            { value: 'a', label: l('B') },
          ],
        },
      ]),
    );
    expect(found).toEqual([
      { path: 'sections.0.questions.1.id', message: 'vraag-id "naam" komt vaker voor' },
      { path: 'sections.0.questions.1.options', message: 'optie "a" komt vaker voor' },
    ]);
  });

  it('requires visibleWhen to point at an earlier question and a possible answer', () => {
    expect(
      issues(
        form([
          {
            kind: 'short-text',
            id: 'later',
            label: l('L'),
            visibleWhen: { question: 'vraag', equals: true },
          },
          { kind: 'yes-no', id: 'vraag', label: l('V') },
        ]),
      ),
    ).toEqual([
      {
        path: 'sections.0.questions.0.visibleWhen.question',
        message: 'verwijst niet naar een eerdere vraag: "vraag"',
      },
    ]);
    expect(
      issues(
        form([
          { kind: 'yes-no', id: 'vraag', label: l('V') },
          {
            kind: 'short-text',
            id: 'x',
            label: l('X'),
            visibleWhen: { question: 'vraag', equals: 'misschien' },
          },
        ]),
      ),
    ).toEqual([
      {
        path: 'sections.0.questions.1.visibleWhen',
        message: '"misschien" is geen mogelijk antwoord op "vraag"',
      },
    ]);
    expect(
      issues(
        form([
          { kind: 'short-text', id: 'tekst', label: l('T') },
          { kind: 'short-text', id: 'x', label: l('X'), visibleWhen: { question: 'tekst', equals: 'ja' } },
        ]),
      ),
    ).toEqual([
      {
        path: 'sections.0.questions.1.visibleWhen',
        message: 'bij een vraag van soort short-text kan alleen "answered" gebruikt worden',
      },
    ]);
    expect(
      issues(
        form([
          { kind: 'yes-no', id: 'vraag', label: l('V') },
          {
            kind: 'short-text',
            id: 'x',
            label: l('X'),
            visibleWhen: { question: 'vraag', equals: true, answered: true },
          },
        ]),
      ),
    ).toEqual([
      { path: 'sections.0.questions.1.visibleWhen', message: 'geef precies één van equals, in of answered' },
    ]);
  });

  it('checks scales, number ranges, patterns and ids', () => {
    const found = issues(
      form([
        { kind: 'scale', id: 'schaal', label: l('S'), min: 5, max: 3 },
        { kind: 'number', id: 'getal', label: l('G'), min: 10, max: 1 },
        { kind: 'short-text', id: 'code', label: l('C'), pattern: { regex: '([a-z', message: l('fout') } },
        { kind: 'email', id: 'Hoofd Letters', label: l('E') },
      ]),
    );
    expect(found.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'sections.0.questions.3.id: verwacht kleine letters, cijfers en streepjes',
      'sections.0.questions.0.max: max moet groter zijn dan min',
      'sections.0.questions.1.max: max is kleiner dan min',
      'sections.0.questions.2.pattern.regex: is geen geldige reguliere expressie',
    ]);
  });

  it('evaluates conditions, including chains through a hidden question', () => {
    const nazorg = standardForms().find((candidate) => candidate.id === 'nazorg')!;
    const questions = nazorg.sections.flatMap((section) => section.questions);
    const anders = questions.find((question) => question.id === 'ondersteuning-anders')!;
    expect(isVisible(anders, { 'ondersteuning-nodig': true, 'ondersteuning-vorm': ['anders'] }, nazorg)).toBe(
      true,
    );
    expect(
      isVisible(anders, { 'ondersteuning-nodig': true, 'ondersteuning-vorm': ['gesprek'] }, nazorg),
    ).toBe(false);
    // The controller is hidden (no support needed), so its stale answer does not count.
    expect(
      isVisible(anders, { 'ondersteuning-nodig': false, 'ondersteuning-vorm': ['anders'] }, nazorg),
    ).toBe(false);
  });
});
