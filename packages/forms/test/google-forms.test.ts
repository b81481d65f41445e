import { describe, expect, it } from 'vitest';
import { allQuestions, buildForm, renderGoogleForms } from '../src/index.js';
import { standardForms } from './fixtures.js';

type Json = Record<string, unknown>;
interface CreateItem {
  createItem: { item: Json & { questionItem?: { question: Json } }; location: { index: number } };
}

describe('Google Forms batchUpdate renderer', () => {
  for (const form of standardForms()) {
    it(`${form.id}: one item per question, a page break per later section, consecutive indexes`, () => {
      const requests = renderGoogleForms(form).output.requests as Json[];
      expect(Object.keys(requests[0]!)).toEqual(['updateFormInfo']);
      const items = requests.slice(1) as unknown as CreateItem[];
      expect(items.map((request) => request.createItem.location.index)).toEqual(
        items.map((_, index) => index),
      );
      const questions = items.filter((request) => request.createItem.item.questionItem);
      expect(questions.map((request) => request.createItem.item.title)).toEqual(
        allQuestions(form).map((question) => question.label.nl),
      );
      expect(items.filter((request) => 'pageBreakItem' in request.createItem.item)).toHaveLength(
        form.sections.length - 1,
      );
      for (const request of questions) {
        const question = request.createItem.item.questionItem!.question;
        const kinds = ['textQuestion', 'choiceQuestion', 'scaleQuestion', 'dateQuestion'].filter(
          (key) => key in question,
        );
        expect(kinds).toHaveLength(1);
        const scale = question.scaleQuestion as { low: number; high: number } | undefined;
        if (scale) expect([0, 1].includes(scale.low) && scale.high >= 2 && scale.high <= 10).toBe(true);
      }
    });
  }

  it('maps kinds to the Forms API and reports what it loses', () => {
    const { output, report } = renderGoogleForms(buildForm('evaluatie'), { lang: 'en' });
    const byTitle = new Map(
      (output.requests as unknown as CreateItem[])
        .slice(1)
        .map((request) => [request.createItem.item.title, request.createItem.item]),
    );
    expect(byTitle.get('The aim of the programme was clear to me.')?.questionItem?.question).toEqual({
      required: true,
      scaleQuestion: { low: 1, high: 5, lowLabel: 'Strongly disagree', highLabel: 'Strongly agree' },
    });
    expect(byTitle.get('From which date would an aftercare conversation suit you?')).toMatchObject({
      description:
        'Only answer this if you chose "Yes" for "Would you like an aftercare conversation with the vision-learning team?".',
      questionItem: {
        question: { required: false, dateQuestion: { includeTime: false, includeYear: true } },
      },
    });
    expect(report.losses.map((loss) => loss.feature)).toEqual(
      expect.arrayContaining(['conditional-visibility', 'scale-labels', 'option-values', 'max-length']),
    );
    expect(report.losses.find((loss) => loss.feature === 'scale-labels')?.questionIds).toContain(
      'proces-doel',
    );
  });

  it('puts the provisional notice of the VIT in the form description', () => {
    const info = (renderGoogleForms(buildForm('vit')).output.requests as Json[])[0] as {
      updateFormInfo: { info: { description: string } };
    };
    expect(info.updateFormInfo.info.description.toLowerCase()).toContain('voorlopige vragenset');
  });
});
