import { createRequire } from 'node:module';
import {
  builtInTemplates,
  defaultVitBank,
  demoPortfolio,
  getBuiltInTemplate,
  type Lang,
  type ReminderIntent,
  type Traject,
} from '@visieleren/core';
import type * as AdaptiveCards from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { aanmeldingFormCard, aanmeldingReceivedCard } from '../src/cards/aanmelding-card.js';
import {
  badCodeCard,
  helpCard,
  linkedCard,
  notLinkedToThisCard,
  problemCard,
  unlinkDoneCard,
  unlinkedCard,
  welcomeCard,
} from '../src/cards/conversation-cards.js';
import { cardSizeBytes, formatHours, type Json, MAX_CARD_BYTES, VERBS } from '../src/cards/elements.js';
import {
  checklistCard,
  hoursCard,
  pageLinkCard,
  planCard,
  reminderCard,
  statusCard,
  vitSummaryCard,
} from '../src/cards/traject-cards.js';
import { vitFormCard } from '../src/cards/vit-card.js';
import { trajectView } from '../src/traject-view.js';

// The package's ESM build uses extensionless imports Node cannot load; its UMD bundle runs in Node without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

function parseWarnings(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  return [...events, ...card.validateProperties().validationEvents.map((event) => event.message)];
}

const TODAY = '2027-03-10';
const template = getBuiltInTemplate('visieleertraject');
const portfolio = demoPortfolio(TODAY, template);

/** A traject with a VIT answered (every scale question in the middle), so the profile cards have content. */
function withVit(traject: Traject): Traject {
  const answers: Record<string, number | string> = {};
  for (const uitgangspunt of defaultVitBank.uitgangspunten) {
    for (const question of uitgangspunt.questions) {
      if (question.kind === 'scale') answers[question.id] = 3;
      if (question.kind === 'yes-no') answers[question.id] = 'ja';
    }
  }
  return {
    ...traject,
    vit: {
      bankId: defaultVitBank.id,
      bankVersion: defaultVitBank.version,
      answers,
      submittedAt: `${TODAY}T08:00:00Z`,
    },
  };
}

function allCards(lang: Lang): Array<[string, Json]> {
  const cards: Array<[string, Json]> = [
    ...(['channel', 'chat'] as const).flatMap(
      (place): Array<[string, Json]> => [
        [`welkom ${place}`, welcomeCard(lang, place)],
        [`help ${place}`, helpCard(lang, place)],
        [`help gekoppeld ${place}`, helpCard(lang, place, { trajectId: 'x', name: 'Aan Zee' })],
        [`niet gekoppeld ${place}`, unlinkedCard(lang, place)],
        [`foute code ${place}`, badCodeCard(lang, false, place)],
        [`geen code ${place}`, badCodeCard(lang, true, place)],
        [`ander traject ${place}`, notLinkedToThisCard(lang, place)],
      ],
    ),
    ['gekoppeld', linkedCard(lang, 'Aan Zee')],
    ['ontkoppeld', unlinkDoneCard(lang)],
    ['probleem', problemCard(lang, 'Er ging iets mis.')],
    ['vit-formulier', vitFormCard('x', lang)],
    ['aanmelding', aanmeldingFormCard(lang, '00000000-0000-4000-8000-000000000000')],
    [
      'aanmelding met fouten',
      aanmeldingFormCard(lang, '00000000-0000-4000-8000-000000000000', {
        values: { gemeente: 'Ede' },
        errors: [{ questionId: 'contact-email', label: 'E-mailadres', message: 'Vul een e-mailadres in.' }],
      }),
    ],
    ['aanmelding ontvangen', aanmeldingReceivedCard(lang, 'Ede')],
    [
      'vit-formulier met fouten',
      vitFormCard('x', lang, {
        values: { x: '3' },
        errors: [{ questionId: 'x', label: 'Vraag', message: 'fout' }],
      }),
    ],
  ];
  for (const traject of [...portfolio, withVit(portfolio[0] as Traject)]) {
    const view = trajectView(traject, TODAY);
    cards.push(
      [`status ${traject.id}`, statusCard(view, lang)],
      [`checklist ${traject.id}`, checklistCard(view, lang)],
      ...template.phases.map((phase): [string, Json] => [
        `checklist ${traject.id} ${phase.key}`,
        checklistCard(view, lang, phase.key),
      ]),
      [
        `link ${traject.id}`,
        pageLinkCard(view, lang, { url: 'https://visieleren.example/traject/abc', until: '14:05' }),
      ],
      [`geen link ${traject.id}`, pageLinkCard(view, lang, undefined)],
      [`uren ${traject.id}`, hoursCard(view, lang, 'Vastgelegd.')],
      [`planning ${traject.id}`, planCard(view, lang)],
      [`vit ${traject.id}`, vitSummaryCard(view, lang)],
    );
    for (const phase of template.phases) {
      const intent: ReminderIntent = {
        key: `${traject.id}:fase-start:${phase.key}`,
        trajectId: traject.id,
        ruleId: 'fase-start',
        kind: 'phase-start',
        occurrence: phase.key,
        dueAt: `${TODAY}T08:00:00Z`,
        audience: ['ambtelijk-contactpersoon'],
        message: { nl: 'Volgende week begint een nieuwe fase.', en: 'A new phase starts next week.' },
        subject: { phaseKey: phase.key },
      };
      cards.push([`herinnering ${traject.id} ${phase.key}`, reminderCard(view, intent, lang)]);
    }
  }
  return cards;
}

describe('Adaptive Cards', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`every card (${lang}) parses in Microsoft's adaptivecards parser without warnings and stays under 40 KB`, () => {
      const cards = allCards(lang);
      expect(cards.length).toBeGreaterThan(60);
      for (const [name, card] of cards) {
        expect({ name, warnings: parseWarnings(card) }).toEqual({ name, warnings: [] });
        expect({ name, ok: cardSizeBytes(card) < MAX_CARD_BYTES }).toEqual({ name, ok: true });
      }
    });
  }

  it('the parser does report problems (so an empty list means something)', () => {
    expect(
      parseWarnings({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Bogus', id: 'x' }] })
        .length,
    ).toBeGreaterThan(0);
  });

  it('every action is Action.Execute with an Action.Submit fallback carrying the verb', () => {
    const actions: Json[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Json;
        if (record.type === 'Action.Execute') actions.push(record);
        Object.values(record).forEach(walk);
      }
    };
    for (const [, card] of allCards('nl')) walk(card);
    expect(actions.length).toBeGreaterThan(50);
    // "Traject bekijken" answers the person who clicked only; as a Submit it would be posted for everyone.
    const open = actions.filter((action) => action.verb === VERBS.open);
    expect(open.length).toBeGreaterThan(0);
    for (const action of open) expect(action.fallback).toBeUndefined();
    for (const action of actions.filter((candidate) => candidate.verb !== VERBS.open)) {
      const fallback = action.fallback as Json;
      expect(fallback.type).toBe('Action.Submit');
      expect((fallback.data as Json).verb).toBe(action.verb);
    }
  });

  it('no card carries a link to the traject: "Traject bekijken" asks the bot', () => {
    for (const lang of ['nl', 'en'] as const) {
      for (const [name, card] of allCards(lang)) {
        if (name.startsWith('link ')) continue;
        expect({ name, json: JSON.stringify(card) }).not.toEqual({
          name,
          json: expect.stringMatching(/\/traject\/|Action\.OpenUrl/),
        });
      }
    }
  });

  it("uses only Teams' Adaptive Card markdown: bold, italic, lists and links", () => {
    const texts: Array<[string, string]> = [];
    const walk = (name: string, node: unknown) => {
      if (Array.isArray(node)) for (const item of node) walk(name, item);
      else if (node && typeof node === 'object') {
        const record = node as Json;
        if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push([name, record.text]);
        if (typeof record.title === 'string' && typeof record.value === 'string' && !('type' in record)) {
          texts.push([name, `${record.title} ${record.value}`]);
        }
        for (const value of Object.values(record)) walk(name, value);
      }
    };
    for (const lang of ['nl', 'en'] as const) for (const [name, card] of allCards(lang)) walk(name, card);
    expect(texts.length).toBeGreaterThan(500);
    // Teams shows code spans, headings, tables, strike-through and HTML as typed (or drops them).
    const unsupported = /`|^#{1,6} |\|.*\||~~|<[a-z/]/im;
    for (const [name, value] of texts) {
      expect({ name, value, ok: !unsupported.test(value) }).toEqual({ name, value, ok: true });
    }
  });

  it('in a channel, tells people to @mention the bot; in a chat, a plain command will do', () => {
    for (const lang of ['nl', 'en'] as const) {
      expect(JSON.stringify(welcomeCard(lang, 'channel'))).toContain('**@Visieleren koppel**');
      expect(JSON.stringify(unlinkedCard(lang, 'channel'))).toContain('**@Visieleren koppel ABCD2345**');
      expect(JSON.stringify(welcomeCard(lang, 'chat'))).not.toContain('@Visieleren');
    }
  });

  it('a checklist card shows one phase with tick buttons (the current one by default) and the others as buttons, under 40 KB as Teams counts it, for the longest template', () => {
    const longest = [...builtInTemplates].sort(
      (a, b) =>
        b.phases.reduce((sum, phase) => sum + phase.checklist.length, 0) -
        a.phases.reduce((sum, phase) => sum + phase.checklist.length, 0),
    )[0];
    if (!longest) throw new Error('geen ingebouwde sjablonen');
    for (const traject of demoPortfolio(TODAY, longest)) {
      const view = trajectView(traject, TODAY);
      for (const lang of ['nl', 'en'] as const) {
        for (const phase of [undefined, ...longest.phases.map((candidate) => candidate.key)]) {
          const card = checklistCard(view, lang, phase);
          // UTF-16: what JavaScript's length counts, two bytes each; emoji count double.
          expect(cardSizeBytes(card)).toBe(JSON.stringify(card).length * 2);
          expect(cardSizeBytes(card)).toBeLessThan(40 * 1024);
          expect(parseWarnings(card)).toEqual([]);
        }
      }
      const current = view.overview.currentPhase?.key;
      if (!current) continue;
      const card = checklistCard(view, 'nl');
      const ticks = JSON.stringify(card).match(/visieleren\.checklist\.toggle/g)?.length ?? 0;
      const phaseItems = longest.phases.find((phase) => phase.key === current)?.checklist.length ?? 0;
      // Each tick button appears twice: the Action.Execute and its Action.Submit fallback.
      expect(ticks).toBeLessThanOrEqual(phaseItems * 2);
      expect(JSON.stringify(card)).toContain(view.overview.currentPhase?.name.nl ?? '');
      const others = (card.actions as Json[]).map((action) => (action.data as Json).phase);
      expect(others).not.toContain(current);
      expect(others.length).toBe(longest.phases.filter((phase) => phase.checklist.length > 0).length - 1);
    }
  });

  it('writes Dutch numbers in Dutch: 2,5 uur (the hours notice is tested over HTTP)', () => {
    expect(formatHours(2.5, 'nl')).toBe('2,5');
    expect(formatHours(2.5, 'en')).toBe('2.5');
    expect(formatHours(1234.25, 'nl')).toBe('1.234,25');
    for (const [name, card] of allCards('nl')) {
      expect({ name, ok: !/\d\.\d+ uur/.test(JSON.stringify(card)) }).toEqual({ name, ok: true });
    }
  });
});
