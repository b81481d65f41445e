import { describe, expect, it } from 'vitest';
import {
  allQuestions,
  decodeSlackMetadata,
  defineForm,
  type FormDefinition,
  renderSlackModal,
  SLACK_LIMITS,
  signFormToken,
  validateSlackStep,
} from '../src/index.js';
import { toSlackPayloads } from '../src/testing.js';
import { standardForms } from './fixtures.js';

type Json = Record<string, unknown>;
const long = (length: number) => 'Lange tekst '.repeat(Math.ceil(length / 12)).slice(0, length);

/** A synthetic worst case: many sections and questions, over-long texts, 100 options, an 11-point scale. */
function longestForm(): FormDefinition {
  const sections = Array.from({ length: 12 }, (_, sectionIndex) => ({
    id: `sectie-${sectionIndex}`,
    title: { nl: long(400), en: long(400) },
    help: { nl: long(5000), en: long(5000) },
    questions: Array.from({ length: 15 }, (_, index) => {
      const id = `v-${sectionIndex}-${index}`;
      const label = { nl: long(2500), en: long(2500) };
      const options = Array.from({ length: index % 2 === 0 ? 100 : 12 }, (_, option) => ({
        value: `optie-${option}`,
        label: { nl: long(120), en: long(120) },
      }));
      switch (index % 5) {
        case 0:
          return { kind: 'single-choice' as const, id, label, options };
        case 1:
          return { kind: 'multiple-choice' as const, id, label, options };
        case 2:
          return { kind: 'scale' as const, id, label, min: 0, max: 10 };
        case 3:
          return {
            kind: 'long-text' as const,
            id,
            label,
            help: { nl: long(3000), en: long(3000) },
            maxLength: 3000,
          };
        default:
          return { kind: 'number' as const, id, label, min: 0, max: 99, integer: true };
      }
    }),
  }));
  return defineForm({
    id: 'langste',
    version: '1',
    title: { nl: long(200), en: long(200) },
    notice: { nl: long(4000), en: long(4000) },
    intro: { nl: long(4000), en: long(4000) },
    sections,
  });
}

/** Walks a view and lists every Block Kit limit it breaks. */
function limitViolations(view: Json): string[] {
  const problems: string[] = [];
  const text = (value: unknown) => (value as { text?: string } | undefined)?.text ?? '';
  const check = (what: string, actual: number, max: number) => {
    if (actual > max) problems.push(`${what}: ${actual} > ${max}`);
  };
  const blocks = view.blocks as Json[];
  check('blocks', blocks.length, SLACK_LIMITS.blocksPerView);
  check('title', [...text(view.title)].length, SLACK_LIMITS.titleLength);
  check('submit', [...text(view.submit)].length, SLACK_LIMITS.buttonTextLength);
  check('close', [...text(view.close)].length, SLACK_LIMITS.buttonTextLength);
  check(
    'private_metadata',
    [...String(view.private_metadata ?? '')].length,
    SLACK_LIMITS.privateMetadataLength,
  );
  check('callback_id', String(view.callback_id ?? '').length, SLACK_LIMITS.callbackIdLength);
  const blockIds = new Set<string>();
  for (const block of blocks) {
    const id = String(block.block_id);
    check(`block_id ${id}`, id.length, SLACK_LIMITS.idLength);
    if (blockIds.has(id)) problems.push(`duplicate block_id ${id}`);
    blockIds.add(id);
    if (block.type === 'header')
      check(`header ${id}`, [...text(block.text)].length, SLACK_LIMITS.headerLength);
    if (block.type === 'section')
      check(`section ${id}`, [...text(block.text)].length, SLACK_LIMITS.sectionTextLength);
    if (block.type === 'context') {
      for (const element of block.elements as Json[]) {
        check(`context ${id}`, [...text(element)].length, SLACK_LIMITS.sectionTextLength);
      }
    }
    if (block.type !== 'input') continue;
    check(`label ${id}`, [...text(block.label)].length, SLACK_LIMITS.labelLength);
    check(`hint ${id}`, [...text(block.hint)].length, SLACK_LIMITS.hintLength);
    const element = block.element as Json;
    check(`action_id ${id}`, String(element.action_id).length, SLACK_LIMITS.idLength);
    check(`placeholder ${id}`, [...text(element.placeholder)].length, SLACK_LIMITS.placeholderLength);
    if (typeof element.max_length === 'number') {
      check(`max_length ${id}`, element.max_length, SLACK_LIMITS.textInputLength);
    }
    const options = (element.options as Json[] | undefined) ?? [];
    const optionMax =
      element.type === 'radio_buttons' || element.type === 'checkboxes'
        ? SLACK_LIMITS.radioOrCheckboxOptions
        : SLACK_LIMITS.selectOptions;
    check(`options ${id}`, options.length, optionMax);
    for (const option of options) {
      check(`option text ${id}`, [...text(option.text)].length, SLACK_LIMITS.optionTextLength);
      check(`option value ${id}`, String(option.value).length, SLACK_LIMITS.optionValueLength);
    }
  }
  return problems;
}

describe('Slack modal renderer', () => {
  it('the limit check finds violations when there are some', () => {
    const blocks = Array.from({ length: 101 }, (_, index) => ({ type: 'divider', block_id: `b${index}` }));
    expect(limitViolations({ title: { text: long(30) }, blocks })).toEqual([
      'blocks: 101 > 100',
      'title: 30 > 24',
    ]);
  });

  for (const form of [...standardForms(), longestForm()]) {
    it(`${form.id}: every view stays within Block Kit limits and every question appears once`, () => {
      const token = signFormToken(
        { formId: form.id, trajectId: 'traject-1', subject: 'persoon-1', expiresAt: new Date('2030-01-01') },
        'x'.repeat(40),
      );
      for (const lang of ['nl', 'en'] as const) {
        const { views } = renderSlackModal(form, { lang, formRef: token }).output;
        for (const view of views) expect(limitViolations(view)).toEqual([]);
        const inputIds = views.flatMap((view) =>
          (view.blocks as Json[]).filter((block) => block.type === 'input').map((block) => block.block_id),
        );
        expect(inputIds).toEqual(allQuestions(form).map((question) => question.id));
      }
    });
  }

  it('splits a long form into steps with the step and form reference in private_metadata', () => {
    const { output, report } = renderSlackModal(longestForm(), { formRef: 'ref-123' });
    expect(output.views.length).toBe(18);
    output.views.forEach((view, index) => {
      expect(decodeSlackMetadata(view.private_metadata)).toEqual({
        formRef: 'ref-123',
        formId: 'langste',
        step: index,
        steps: 18,
      });
      expect((view.submit as { text: string }).text).toBe(index === 17 ? 'Versturen' : 'Volgende');
    });
    expect(report.losses.map((loss) => loss.feature)).toEqual(
      expect.arrayContaining(['label-length', 'sections', 'option-label-length']),
    );
  });

  it('uses radio buttons up to 10 options, selects beyond; checkboxes up to 10, multi-select beyond', () => {
    const blocks = renderSlackModal(longestForm(), { maxQuestionsPerStep: 100 }).output.views.flatMap(
      (view) => view.blocks as Json[],
    );
    const typeOf = (id: string) =>
      ((blocks.find((block) => block.block_id === id)?.element ?? {}) as Json).type;
    expect(typeOf('v-0-0')).toBe('static_select');
    expect(typeOf('v-0-1')).toBe('multi_static_select');
    expect(typeOf('v-0-2')).toBe('static_select');
    const evaluatie = renderSlackModal(
      standardForms().find((form) => form.id === 'evaluatie')!,
    ).output.views.flatMap((view) => view.blocks as Json[]);
    expect((evaluatie.find((block) => block.block_id === 'proces-doel')!.element as Json).type).toBe(
      'radio_buttons',
    );
    expect((evaluatie.find((block) => block.block_id === 'rol')!.element as Json).type).toBe('radio_buttons');
  });

  it('makes conditional questions optional with an "alleen invullen als" hint', () => {
    const blocks = renderSlackModal(standardForms()[0]!).output.views.flatMap(
      (view) => view.blocks as Json[],
    );
    const block = blocks.find((candidate) => candidate.block_id === 'draagvlak-toelichting')!;
    expect(block.optional).toBe(true);
    expect((block.hint as { text: string }).text).toContain(
      'Alleen invullen als u bij "Is er bestuurlijk draagvlak',
    );
  });

  it('applies conditions on earlier steps when rendered with the answers so far', () => {
    const aanmelding = standardForms()[0]!;
    const block = (answers?: Record<string, boolean>) =>
      renderSlackModal(aanmelding, { maxQuestionsPerStep: 1, ...(answers ? { answers } : {}) })
        .output.views.flatMap((view) => view.blocks as Json[])
        .find((candidate) => candidate.block_id === 'draagvlak-toelichting');
    expect(block({ draagvlak: true })).toBeUndefined();
    const asked = block({ draagvlak: false })!;
    expect([asked.optional, asked.hint]).toEqual([
      false,
      { type: 'plain_text', text: expect.not.stringContaining('Alleen invullen') as unknown, emoji: false },
    ]);
    expect(block()).toMatchObject({
      optional: true,
      hint: { text: expect.stringContaining('Alleen invullen als') },
    });
    // In the same view the condition cannot be applied, answers or not.
    const sameView = renderSlackModal(aanmelding, { answers: { draagvlak: true } }).output.views.flatMap(
      (view) => view.blocks as Json[],
    );
    expect(sameView.find((candidate) => candidate.block_id === 'draagvlak-toelichting')).toMatchObject({
      optional: true,
    });
  });

  it('refuses a form reference that does not fit in private_metadata, in Dutch', () => {
    expect(() => renderSlackModal(standardForms()[0]!, { formRef: 'x'.repeat(3000) })).toThrow(
      /te lang voor Slack \(private_metadata: \d+ van maximaal 3000 tekens\)/,
    );
    expect(() => decodeSlackMetadata('{}')).toThrow('De Slack-view hoort niet bij een formulier.');
  });

  it('validates one step at a time and answers in the response_action shape', () => {
    const aanmelding = standardForms()[0]!;
    const payloads = toSlackPayloads(aanmelding, { gemeente: 'Utrecht' });
    expect(payloads.length).toBeGreaterThan(1);
    const checked = validateSlackStep(aanmelding, payloads.slice(0, 1));
    expect(checked.slackErrors).toMatchObject({ samen: 'Kies een antwoord.' });
    expect(Object.keys(checked.slackErrors)).not.toContain('gemeente');
    // Questions of later steps are not reported on the first step.
    expect(Object.keys(checked.slackErrors)).not.toContain('bestuurder-tijd');
  });
});
