import { createRequire } from 'node:module';
import {
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
import { cardSizeBytes, type Json, MAX_CARD_BYTES } from '../src/cards/elements.js';
import {
  checklistCard,
  hoursCard,
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
    ['welkom', welcomeCard(lang)],
    ['help', helpCard(lang)],
    ['help gekoppeld', helpCard(lang, { trajectId: 'x', name: 'Aan Zee' })],
    ['niet gekoppeld', unlinkedCard(lang)],
    ['gekoppeld', linkedCard(lang, 'Aan Zee')],
    ['foute code', badCodeCard(lang, false)],
    ['geen code', badCodeCard(lang, true)],
    ['ontkoppeld', unlinkDoneCard(lang)],
    ['ander traject', notLinkedToThisCard(lang)],
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
      [`status ${traject.id}`, statusCard(view, lang, 'https://visieleren.example/traject/abc')],
      [`checklist ${traject.id}`, checklistCard(view, lang)],
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
      cards.push([
        `herinnering ${traject.id} ${phase.key}`,
        reminderCard(view, intent, lang, 'https://x.example/t'),
      ]);
    }
  }
  return cards;
}

describe('Adaptive Cards', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`every card (${lang}) parses in Microsoft's adaptivecards parser without warnings and stays under 80 KB`, () => {
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
    for (const action of actions) {
      const fallback = action.fallback as Json;
      expect(fallback.type).toBe('Action.Submit');
      expect((fallback.data as Json).verb).toBe(action.verb);
    }
  });
});
