import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bankJson from '../data/vit/voorlopige-vragenset.json';
import { ValidationError } from '../src/errors.js';
import { citesSourceDocument } from '../src/sources/citation.js';
import {
  defaultVitBank,
  parseVitBank,
  scoreVit,
  stageForScore,
  type VitAnswers,
  vitQuestions,
} from '../src/vit/index.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests poke arbitrary paths of untyped JSON on purpose
type RawJson = any;
function rawBank(): RawJson {
  return structuredClone(bankJson);
}

function expectValidationError(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

/** Answers every scored question with the same point (reverse items included), yes-no with "ja". */
function uniformAnswers(point: number): VitAnswers {
  const answers: VitAnswers = {};
  for (const { question } of vitQuestions(defaultVitBank)) {
    if (question.kind === 'scale') answers[question.id] = point;
  }
  return answers;
}

/** A realistic mix with hand-computed outcomes (see the comments per uitgangspunt). */
const mixedAnswers: VitAnswers = {
  // passend-en-samenhangend: 2, 3, 2, reverse 4 → 2; mean 2.25 → in ontwikkeling
  'ps-leefgebieden': 2,
  'ps-een-plan': 3,
  'ps-korte-lijnen': 2,
  'ps-opnieuw-vertellen': 4,
  // toekomstbestendig: 4, 4, 4, reverse 2 → 4; mean 4 → verankerd
  'tb-levensloop': 4,
  'tb-eigen-kracht': 4,
  'tb-sociale-basis': 4,
  'tb-tijdelijk-geld': 2,
  // regie-en-zeggenschap: 4, 3, "nee" → 1, 4; mean 3 → gevorderd (3 is the start of gevorderd)
  'rz-meebepalen': 4,
  'rz-ervaringen-ijkpunt': 3,
  'rz-inwoners-betrokken': 'nee',
  'rz-regieondersteuning-op-vraag': 4,
  // deskundigheid: two of four answered (exactly the required half): 1, 1 → startend
  'dk-overzicht-aanbod': 1,
  'dk-omvang-expertise': 1,
  // handelingsruimte: one of four answered → onvoldoende beantwoord, not "low"
  'hr-doen-wat-nodig': 1,
  // transparantie-en-eenvoud: 2, 3, "ja" → 5, skipped; mean 3.33 → gevorderd
  'te-waar-terecht': 2,
  'te-gedeelde-taal': 3,
  'te-wachttijden-in-beeld': 'ja',
  'te-gelijke-verwijzing': null,
  // voorkomen-en-signaleren: 2, 2, 2, 2 and a remark; mean 2 → in ontwikkeling
  'vs-lerend-systeem': 2,
  'vs-preventief': 2,
  'vs-partners-buiten-sociaal-domein': 2,
  'vs-gegevensuitwisseling': 2,
  'vs-contextfactoren': '  Krapte op de arbeidsmarkt en veel tijdelijke projecten.  ',
};

describe('the provisional question bank', () => {
  it('is labelled provisional and says it is not the official VIT', () => {
    expect(defaultVitBank.provisional).toBe(true);
    expect(defaultVitBank.notice.nl).toContain('Voorlopige vragenset — niet de officiële VIT van de VNG');
    expect(defaultVitBank.notice.en).toContain('not the official VIT');
    // What the provisional set follows, and what the official VIT measures instead.
    expect(defaultVitBank.notice.nl).toContain(
      'volgt de zeven uitgangspunten van het Verbetertraject Toegang',
    );
    expect(defaultVitBank.notice.nl).toContain(
      'de officiële VIT meet waar een gemeente staat op de uitgangspunten van het Richtinggevend kader',
    );
  });

  it('has the 7 uitgangspunten of seed 004 with the short names of the praatplaat (seed 002 Bijlage 1)', () => {
    expect(defaultVitBank.uitgangspunten.map((u) => u.name.nl)).toEqual([
      'Afstemming op alle relevante leefgebieden',
      'Toekomstbestendige ondersteuning',
      'Regie en zeggenschap',
      'Deskundigheid medewerkers',
      'Handelingsruimte voor medewerkers',
      'Transparantie en eenvoud',
      'Voorkomen en tijdig signaleren van problemen',
    ]);
    expect(defaultVitBank.uitgangspunten.map((u) => u.description.nl.slice(0, 40))).toEqual([
      'De ondersteuning in het ondersteuningspl',
      'De ondersteuning in het ondersteuningspl',
      'Inwoners hebben regie en zeggenschap in ',
      'Toegangsmedewerkers zijn deskundig.',
      'Toegangsmedewerkers hebben handelingsrui',
      'Het toegangsproces is transparant en een',
      'Er wordt gewerkt aan het voorkomen, tijd',
    ]);
  });

  it('works in the 3 basisfunctionaliteiten of seed 002 §1.2, each with questions', () => {
    expect(defaultVitBank.basisfunctionaliteiten).toHaveLength(3);
    for (const basis of defaultVitBank.basisfunctionaliteiten) {
      const linked = vitQuestions(defaultVitBank).filter(
        ({ question }) => question.basisfunctionaliteit === basis.key,
      );
      expect(linked.length, basis.key).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every uitgangspunt check-vragen and grounded handvatten of the allowed kinds, without URLs', () => {
    for (const uitgangspunt of defaultVitBank.uitgangspunten) {
      expect(uitgangspunt.questions.length).toBeGreaterThanOrEqual(3);
      expect(uitgangspunt.handvatten.length).toBeGreaterThanOrEqual(2);
      for (const handvat of uitgangspunt.handvatten) {
        expect(citesSourceDocument(handvat.source ?? ''), handvat.title.nl).toBe(true);
        expect(`${handvat.description.nl} ${handvat.description.en}`).not.toMatch(/https?:|www\./);
      }
    }
  });
});

describe('scoreVit', () => {
  it('scores known answers to known stages, handling reverse and yes-no items', () => {
    const profile = scoreVit(defaultVitBank, mixedAnswers);
    const summary = Object.fromEntries(
      profile.uitgangspunten.map((u) => [u.key, [u.status, u.average, u.stage?.key ?? null, u.answered]]),
    );
    expect(summary).toEqual({
      'passend-en-samenhangend': ['beoordeeld', 2.25, 'in-ontwikkeling', 4],
      toekomstbestendig: ['beoordeeld', 4, 'verankerd', 4],
      'regie-en-zeggenschap': ['beoordeeld', 3, 'gevorderd', 4],
      deskundigheid: ['beoordeeld', 1, 'startend', 2],
      handelingsruimte: ['onvoldoende-beantwoord', null, null, 1],
      'transparantie-en-eenvoud': ['beoordeeld', 3.33, 'gevorderd', 3],
      'voorkomen-en-signaleren': ['beoordeeld', 2, 'in-ontwikkeling', 4],
    });
    const voorkomen = profile.uitgangspunten.find((u) => u.key === 'voorkomen-en-signaleren');
    expect(voorkomen?.remarks).toEqual([
      { questionId: 'vs-contextfactoren', text: 'Krapte op de arbeidsmarkt en veel tijdelijke projecten.' },
    ]);
    expect(voorkomen?.scoredQuestions).toBe(4);
  });

  it('orders priorities by stage, then average, then bank order, with their handvatten', () => {
    const profile = scoreVit(defaultVitBank, mixedAnswers);
    expect(profile.priorities.map((p) => [p.rank, p.key])).toEqual([
      [1, 'deskundigheid'],
      [2, 'voorkomen-en-signaleren'],
      [3, 'passend-en-samenhangend'],
      [4, 'regie-en-zeggenschap'],
      [5, 'transparantie-en-eenvoud'],
      [6, 'toekomstbestendig'],
    ]);
    const first = profile.priorities[0];
    expect(first?.handvatten).toBe(defaultVitBank.uitgangspunten[3]?.handvatten);
    expect(first?.stage.name.nl).toBe('Startend');
  });

  it('gives an indicative view per basisfunctionaliteit across uitgangspunten', () => {
    const profile = scoreVit(defaultVitBank, mixedAnswers);
    const summary = profile.basisfunctionaliteiten.map((b) => [
      b.key,
      b.average,
      b.stage?.key ?? null,
      b.answered,
      b.questions,
    ]);
    expect(summary).toEqual([
      // rz-ervaringen-ijkpunt 3, rz-inwoners-betrokken "nee" → 1, vs-lerend-systeem 2 (hr-uitvoering-gehoord skipped)
      ['stem-van-inwoners', 2, 'in-ontwikkeling', 3, 4],
      // ps-leefgebieden 2, ps-een-plan 3, vs-gegevensuitwisseling 2
      ['meervoudige-behoeften', 2.33, 'in-ontwikkeling', 3, 3],
      // dk-omvang-expertise 1 (hr-zelf-hulp-bieden not answered)
      ['lokale-teams-bieden-hulp', 1, 'startend', 1, 2],
    ]);
    expect(scoreVit(defaultVitBank, {}).basisfunctionaliteiten.every((b) => b.average === null)).toBe(true);
  });

  it('reports too few answers as "onvoldoende beantwoord", never as a low priority', () => {
    const profile = scoreVit(defaultVitBank, mixedAnswers);
    expect(profile.onvoldoendeBeantwoord).toEqual([
      { key: 'handelingsruimte', name: defaultVitBank.uitgangspunten[4]?.name, answered: 1, required: 2 },
    ]);
    expect(profile.priorities.map((p) => p.key)).not.toContain('handelingsruimte');

    const empty = scoreVit(defaultVitBank, {});
    expect(empty.priorities).toEqual([]);
    expect(empty.onvoldoendeBeantwoord).toHaveLength(7);
  });

  it('breaks full ties by bank order', () => {
    const profile = scoreVit(defaultVitBank, uniformAnswers(3));
    expect(profile.priorities.map((p) => p.key)).toEqual(defaultVitBank.uitgangspunten.map((u) => u.key));
    expect(new Set(profile.priorities.map((p) => p.stage.key))).toEqual(new Set(['gevorderd']));
  });

  it('turns a reverse item around: agreeing with a negative statement lowers the score', () => {
    const agree = scoreVit(defaultVitBank, { 'hr-doen-wat-nodig': 5, 'hr-werkdruk': 5 });
    const disagree = scoreVit(defaultVitBank, { 'hr-doen-wat-nodig': 5, 'hr-werkdruk': 1 });
    expect(agree.uitgangspunten[4]?.average).toBe(3);
    expect(disagree.uitgangspunten[4]?.average).toBe(5);
  });

  it('carries the provisional notice into every profile', () => {
    const profile = scoreVit(defaultVitBank, {});
    expect(profile.provisional).toBe(true);
    expect(profile.notice).toEqual(defaultVitBank.notice);
    expect([profile.bankId, profile.bankVersion]).toEqual([defaultVitBank.id, defaultVitBank.version]);
  });

  it('rejects bad answers with a Dutch error naming each question id', () => {
    const error = expectValidationError(() =>
      scoreVit(defaultVitBank, {
        'ps-leefgebieden': 6,
        'ps-een-plan': 2.5,
        'ps-korte-lijnen': '4',
        'rz-inwoners-betrokken': 'misschien',
        'vs-contextfactoren': 3,
        'onbekende-vraag': 3,
      }),
    );
    expect(error.issues).toEqual([
      { path: 'ps-leefgebieden', message: 'verwacht een geheel getal van 1 tot en met 5, gekregen: 6' },
      { path: 'ps-een-plan', message: 'verwacht een geheel getal van 1 tot en met 5, gekregen: 2.5' },
      { path: 'ps-korte-lijnen', message: 'verwacht een geheel getal van 1 tot en met 5, gekregen: "4"' },
      { path: 'rz-inwoners-betrokken', message: 'verwacht "ja" of "nee", gekregen: "misschien"' },
      { path: 'vs-contextfactoren', message: 'verwacht tekst van hoogstens 4000 tekens' },
      {
        path: 'onbekende-vraag',
        message: `onbekende vraag "onbekende-vraag" in vragenset ${defaultVitBank.id} ${defaultVitBank.version}`,
      },
    ]);
    expect(error.message).toMatch(
      /^VIT-antwoorden zijn ongeldig:\n {2}- ps-leefgebieden: verwacht een geheel getal/,
    );
  });

  it('rejects answers that are not an object of values', () => {
    expect(expectValidationError(() => scoreVit(defaultVitBank, [1, 2])).message).toContain('VIT-antwoorden');
    const nested = expectValidationError(() =>
      scoreVit(defaultVitBank, { 'ps-leefgebieden': { waarde: 3 } }),
    );
    expect(nested.issues[0]?.path).toBe('ps-leefgebieden');
  });

  it('speaks English when asked', () => {
    const error = expectValidationError(() => scoreVit(defaultVitBank, { 'ps-leefgebieden': 0 }, 'en'));
    expect(error.message).toContain('VIT answers are invalid');
    expect(error.message).toContain('expected a whole number from 1 to 5');
  });
});

describe('stageForScore', () => {
  it('uses half-open stages and lets the last stage include the top of the scale', () => {
    const keys = [1, 1.99, 2, 2.5, 3, 3.99, 4, 5].map(
      (score) => stageForScore(defaultVitBank.scale, score)?.stage.key,
    );
    expect(keys).toEqual([
      'startend',
      'startend',
      'in-ontwikkeling',
      'in-ontwikkeling',
      'gevorderd',
      'gevorderd',
      'verankerd',
      'verankerd',
    ]);
    expect(stageForScore(defaultVitBank.scale, 5.01)).toBeUndefined();
  });
});

describe('parseVitBank with another bank file', () => {
  it('loads a non-provisional bank with its own scale and stages, and scores on that scale', () => {
    const raw = rawBank();
    raw.id = 'officiele-vit';
    raw.provisional = false;
    raw.scale = {
      min: 0,
      max: 3,
      labels: [
        { nl: 'Nee', en: 'No' },
        { nl: 'Nauwelijks', en: 'Hardly' },
        { nl: 'Grotendeels', en: 'Largely' },
        { nl: 'Ja', en: 'Yes' },
      ],
      stages: [
        { key: 'laag', name: { nl: 'Laag', en: 'Low' }, fromScore: 0, toScore: 1.5 },
        { key: 'hoog', name: { nl: 'Hoog', en: 'High' }, fromScore: 1.5, toScore: 3 },
      ],
    };
    const bank = parseVitBank(raw, 'officieel.json');
    const profile = scoreVit(bank, { 'ps-leefgebieden': 0, 'ps-een-plan': 3, 'ps-opnieuw-vertellen': 3 });
    // 0, 3 and reverse 3 → 0: mean 1 → laag
    expect(profile.uitgangspunten[0]).toMatchObject({ average: 1, stage: { key: 'laag' } });
    expect(profile.provisional).toBe(false);
    expect(() => scoreVit(bank, { 'ps-leefgebieden': 4 })).toThrow('van 0 tot en met 3');
  });

  it('names the path of stages with a gap, a wrong label count and a stage not reaching the maximum', () => {
    const raw = rawBank();
    raw.scale.stages[2].fromScore = 3.5;
    raw.scale.stages[3].toScore = 4.5;
    raw.scale.labels.pop();
    const error = expectValidationError(() => parseVitBank(raw, 'eigen.json'));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'scale.labels',
      'scale.stages.2.fromScore',
      'scale.stages.3.toScore',
    ]);
    expect(error.message).toContain('VIT-vragenset eigen.json is ongeldig');
  });

  it('rejects duplicate question ids across uitgangspunten and unknown basisfunctionaliteiten', () => {
    const raw = rawBank();
    raw.uitgangspunten[6].questions[0].id = 'ps-leefgebieden';
    raw.uitgangspunten[1].questions[0].basisfunctionaliteit = 'bestaat-niet';
    const error = expectValidationError(() => parseVitBank(raw, 'eigen.json'));
    expect(error.issues).toEqual([
      {
        path: 'uitgangspunten.1.questions.0.basisfunctionaliteit',
        message: expect.stringContaining('onbekende basisfunctionaliteit "bestaat-niet"'),
      },
      {
        path: 'uitgangspunten.6.questions.0.id',
        message: '"ps-leefgebieden" komt al voor bij uitgangspunten.0.questions.0.id',
      },
    ]);
  });

  it('rejects an uitgangspunt with only open questions, and zod errors keep their path', () => {
    const raw = rawBank();
    raw.uitgangspunten[2].questions = [
      { id: 'alleen-tekst', kind: 'text', text: { nl: 'Waarom?', en: 'Why?' } },
    ];
    raw.uitgangspunten[3].questions[1].kind = 'stelling';
    const error = expectValidationError(() => parseVitBank(raw, 'eigen.json'));
    expect(error.issues.map((issue) => issue.path)).toEqual(['uitgangspunten.3.questions.1.kind']);
    delete raw.uitgangspunten[3].questions[1].kind;
    raw.uitgangspunten[3].questions[1].kind = 'scale';
    const second = expectValidationError(() => parseVitBank(raw, 'eigen.json'));
    expect(second.issues.map((issue) => issue.path)).toEqual(['uitgangspunten.2.questions']);
  });
});

describe('scoreVit properties', () => {
  const questions = vitQuestions(defaultVitBank).map(({ question }) => question);
  const answerFor = (kind: string): fc.Arbitrary<number | string> =>
    kind === 'scale'
      ? fc.integer({ min: 1, max: 5 })
      : kind === 'yes-no'
        ? fc.constantFrom('ja', 'nee')
        : fc.string({ maxLength: 40 });
  const answersArbitrary = fc.record(
    Object.fromEntries(questions.map((question) => [question.id, fc.option(answerFor(question.kind))])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<VitAnswers>;

  it('assesses or sets apart every uitgangspunt, and orders priorities by stage, then average', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const profile = scoreVit(defaultVitBank, answers);
        expect(profile.priorities.length + profile.onvoldoendeBeantwoord.length).toBe(7);
        for (const result of profile.uitgangspunten) {
          if (result.average === null) continue;
          expect(result.average).toBeGreaterThanOrEqual(1);
          expect(result.average).toBeLessThanOrEqual(5);
          expect(result.stage?.key).toBe(stageForScore(defaultVitBank.scale, result.average)?.stage.key);
        }
        const stageIndex = (key: string) =>
          defaultVitBank.scale.stages.findIndex((stage) => stage.key === key);
        for (const [index, priority] of profile.priorities.entries()) {
          expect(priority.rank).toBe(index + 1);
          const next = profile.priorities[index + 1];
          if (!next) continue;
          const order =
            stageIndex(priority.stage.key) - stageIndex(next.stage.key) || priority.average - next.average;
          expect(order).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers an uitgangspunt when one answer moves towards the principle being met', () => {
    fc.assert(
      fc.property(
        answersArbitrary,
        fc.constantFrom(...questions.filter((q) => q.kind === 'scale')),
        (answers, q) => {
          const current = answers[q.id];
          const before = typeof current === 'number' ? current : 3;
          // For a reverse statement "better" means agreeing less.
          const better = q.reverse ? Math.max(1, before - 1) : Math.min(5, before + 1);
          const index = defaultVitBank.uitgangspunten.findIndex((u) => u.questions.includes(q));
          const low = scoreVit(defaultVitBank, { ...answers, [q.id]: before }).uitgangspunten[index];
          const high = scoreVit(defaultVitBank, { ...answers, [q.id]: better }).uitgangspunten[index];
          if (low?.average !== null && high?.average !== null) {
            expect(high?.average ?? 0).toBeGreaterThanOrEqual(low?.average ?? 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
