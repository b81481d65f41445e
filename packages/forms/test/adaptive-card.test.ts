import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { adaptiveCardFormRef, FORM_SUBMIT_VERB, parseSubmission, renderAdaptiveCard } from '../src/index.js';
import { toAdaptiveCardPayload } from '../src/testing.js';
import { standardForms } from './fixtures.js';

// The package's ESM build uses extensionless imports Node cannot load; its UMD bundle runs in Node without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

function parseWarnings(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  const validation = card.validateProperties();
  return [...events, ...validation.validationEvents.map((event) => event.message)];
}

describe('Adaptive Card renderer', () => {
  for (const form of standardForms()) {
    for (const lang of ['nl', 'en'] as const) {
      it(`${form.id} (${lang}) parses in Microsoft's adaptivecards parser without warnings`, () => {
        const { output } = renderAdaptiveCard(form, { lang, token: 'v1.abc.def' });
        expect(parseWarnings(output)).toEqual([]);
      });
    }
  }

  it('the parser used here does report problems (so an empty list means something)', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Bogus', id: 'x' },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
      ],
    };
    expect(parseWarnings(broken).length).toBeGreaterThan(0);
  });

  it('uses Action.Execute with the form reference and version 1.5', () => {
    const form = standardForms()[0]!;
    const card = renderAdaptiveCard(form, { token: 'tok' }).output as {
      version: string;
      actions: Array<Record<string, unknown>>;
    };
    expect(card.version).toBe('1.5');
    expect(card.actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: FORM_SUBMIT_VERB,
      data: { _form: { id: form.id, token: 'tok' } },
      fallback: {
        type: 'Action.Submit',
        data: { _form: { id: form.id, token: 'tok' }, verb: FORM_SUBMIT_VERB },
      },
    });
  });

  it('marks unconditional required inputs with isRequired and a Dutch errorMessage; conditional ones are optional', () => {
    const form = standardForms().find((candidate) => candidate.id === 'aanmelding')!;
    const body = JSON.stringify(renderAdaptiveCard(form).output);
    const card = JSON.parse(body) as { body: Array<{ items?: Array<Record<string, unknown>> }> };
    const inputs = card.body
      .flatMap((element) => element.items ?? [])
      .filter((item) => String(item.type).startsWith('Input.'));
    expect(inputs.find((input) => input.id === 'gemeente')).toMatchObject({
      isRequired: true,
      errorMessage: 'Deze vraag is verplicht.',
    });
    expect(inputs.find((input) => input.id === 'draagvlak-toelichting')?.isRequired).toBeUndefined();
    expect(body).toContain('Alleen invullen als u bij \\"Is er bestuurlijk draagvlak');
  });

  it('reports conditional questions as a loss', () => {
    const form = standardForms().find((candidate) => candidate.id === 'nazorg')!;
    const { report } = renderAdaptiveCard(form);
    const loss = report.losses.find((candidate) => candidate.feature === 'conditional-visibility');
    expect(loss?.questionIds).toEqual(['ondersteuning-vorm', 'ondersteuning-anders', 'delen-toestemming']);
    expect(report.surface).toBe('adaptive-card');
  });

  it('keeps entered values and shows errors when re-rendered after a bad submission', () => {
    const form = standardForms().find((candidate) => candidate.id === 'aanmelding')!;
    const result = parseSubmission(form, 'adaptive-card', {
      action: {
        data: {
          gemeente: 'Utrecht',
          'contact-email': 'geen-adres',
          themas: 'rust-en-regie,inwoner-centraal',
        },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = JSON.stringify(
      renderAdaptiveCard(form, { values: result.values, errors: result.errors }).output,
    );
    expect(text).toContain('"value":"geen-adres"');
    expect(text).toContain('"value":"rust-en-regie,inwoner-centraal"');
    expect(text).toContain('Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.');
    expect(parseWarnings(JSON.parse(text))).toEqual([]);
  });

  it('reads the form reference back from the invoke value', () => {
    const form = standardForms()[0]!;
    expect(adaptiveCardFormRef(toAdaptiveCardPayload(form, {}, 'v1.a.b'))).toEqual({
      id: form.id,
      version: form.version,
      token: 'v1.a.b',
    });
    expect(adaptiveCardFormRef({ action: { data: { gemeente: 'x' } } })).toBeUndefined();
  });
});
