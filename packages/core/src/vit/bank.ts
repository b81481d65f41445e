import defaultBankJson from '../../data/vit/voorlopige-vragenset.json';
import { type FieldIssue, ValidationError } from '../errors.js';
import { defineMessages, type Lang } from '../i18n/index.js';
import { parseWith } from '../validation.js';
import { type VitBank, vitBankSchema } from './schema.js';

const message = defineMessages({
  what: { nl: 'VIT-vragenset {source}', en: 'VIT question bank {source}' },
  invalid: { nl: 'VIT-vragenset {source} is ongeldig:', en: 'VIT question bank {source} is invalid:' },
  maxNotAboveMin: {
    nl: 'max ({max}) moet groter zijn dan min ({min})',
    en: 'max ({max}) must be greater than min ({min})',
  },
  labelCount: {
    nl: 'verwacht {expected} labels (één per punt van {min} tot en met {max}), gevonden {actual}',
    en: 'expected {expected} labels (one per point from {min} to {max}), found {actual}',
  },
  stagesStart: {
    nl: 'het eerste ontwikkelstadium moet beginnen bij het minimum van de schaal ({min})',
    en: 'the first stage must start at the scale minimum ({min})',
  },
  stagesEnd: {
    nl: 'het laatste ontwikkelstadium moet eindigen bij het maximum van de schaal ({max})',
    en: 'the last stage must end at the scale maximum ({max})',
  },
  stageGap: {
    nl: 'moet gelijk zijn aan toScore van het vorige stadium ({previous}), zodat er geen gat of overlap is',
    en: 'must equal toScore of the previous stage ({previous}), so there is no gap or overlap',
  },
  stageEmpty: {
    nl: 'toScore ({to}) moet groter zijn dan fromScore ({from})',
    en: 'toScore ({to}) must be greater than fromScore ({from})',
  },
  duplicate: { nl: '"{value}" komt al voor bij {first}', en: '"{value}" already used at {first}' },
  unknownBasisfunctionaliteit: {
    nl: 'onbekende basisfunctionaliteit "{value}"; bekend: {known}',
    en: 'unknown basic function "{value}"; known: {known}',
  },
  noScoredQuestion: {
    nl: 'minstens één vraag van het soort scale of yes-no is nodig om een ontwikkelstadium te bepalen',
    en: 'at least one scale or yes-no question is needed to determine a stage',
  },
});

function checkBankConsistency(bank: VitBank, lang: Lang): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { scale } = bank;
  if (scale.max <= scale.min) {
    issues.push({
      path: 'scale.max',
      message: message('maxNotAboveMin', lang, { min: scale.min, max: scale.max }),
    });
  } else if (scale.labels.length !== scale.max - scale.min + 1) {
    const expected = scale.max - scale.min + 1;
    issues.push({
      path: 'scale.labels',
      message: message('labelCount', lang, {
        expected,
        min: scale.min,
        max: scale.max,
        actual: scale.labels.length,
      }),
    });
  }

  /** One namespace of keys that must be unique; reports each repeat with the path of the first use. */
  const uniqueIn = () => {
    const seen = new Map<string, string>();
    return (value: string, path: string) => {
      const first = seen.get(value);
      if (first === undefined) seen.set(value, path);
      else issues.push({ path, message: message('duplicate', lang, { value, first }) });
    };
  };
  const uniqueStage = uniqueIn();
  const uniqueBasis = uniqueIn();
  const uniqueUitgangspunt = uniqueIn();
  const uniqueQuestion = uniqueIn();

  scale.stages.forEach((stage, index) => {
    const path = `scale.stages.${index}`;
    uniqueStage(stage.key, `${path}.key`);
    if (stage.toScore <= stage.fromScore) {
      issues.push({
        path: `${path}.toScore`,
        message: message('stageEmpty', lang, { from: stage.fromScore, to: stage.toScore }),
      });
    }
    const previous = scale.stages[index - 1];
    if (previous && stage.fromScore !== previous.toScore) {
      issues.push({
        path: `${path}.fromScore`,
        message: message('stageGap', lang, { previous: previous.toScore }),
      });
    }
  });
  if (scale.stages[0] && scale.stages[0].fromScore !== scale.min) {
    issues.push({
      path: 'scale.stages.0.fromScore',
      message: message('stagesStart', lang, { min: scale.min }),
    });
  }
  const last = scale.stages.length - 1;
  if (scale.stages[last] && scale.stages[last].toScore !== scale.max) {
    issues.push({
      path: `scale.stages.${last}.toScore`,
      message: message('stagesEnd', lang, { max: scale.max }),
    });
  }

  const knownBasis = new Set(bank.basisfunctionaliteiten.map((basis) => basis.key));
  bank.basisfunctionaliteiten.forEach((basis, index) => {
    uniqueBasis(basis.key, `basisfunctionaliteiten.${index}.key`);
  });
  bank.uitgangspunten.forEach((uitgangspunt, u) => {
    uniqueUitgangspunt(uitgangspunt.key, `uitgangspunten.${u}.key`);
    if (!uitgangspunt.questions.some((question) => question.kind !== 'text')) {
      issues.push({ path: `uitgangspunten.${u}.questions`, message: message('noScoredQuestion', lang) });
    }
    uitgangspunt.questions.forEach((question, q) => {
      const path = `uitgangspunten.${u}.questions.${q}`;
      // Question ids share one namespace across the bank: answers are a flat record keyed by id.
      uniqueQuestion(question.id, `${path}.id`);
      if (question.basisfunctionaliteit !== undefined && !knownBasis.has(question.basisfunctionaliteit)) {
        issues.push({
          path: `${path}.basisfunctionaliteit`,
          message: message('unknownBasisfunctionaliteit', lang, {
            value: question.basisfunctionaliteit,
            known: [...knownBasis].join(', ') || '—',
          }),
        });
      }
    });
  });
  return issues;
}

/**
 * Validates a question bank from any source: the shipped provisional set or an official file a gemeente loads.
 * Throws a ValidationError naming the path of every bad field.
 */
export function parseVitBank(json: unknown, sourceName: string, lang: Lang = 'nl'): VitBank {
  const bank = parseWith(vitBankSchema, json, message('what', lang, { source: sourceName }), lang);
  const issues = checkBankConsistency(bank, lang);
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new ValidationError(
      [message('invalid', lang, { source: sourceName }), ...lines].join('\n'),
      issues,
    );
  }
  return bank;
}

/** Our provisional question set (not the official VIT); every rendering shows its `notice`. */
export const defaultVitBank: VitBank = parseVitBank(defaultBankJson, 'data/vit/voorlopige-vragenset.json');

/** Every question of a bank with its uitgangspunt, in bank order. */
export function vitQuestions(bank: VitBank) {
  return bank.uitgangspunten.flatMap((uitgangspunt) =>
    uitgangspunt.questions.map((question) => ({ uitgangspunt, question })),
  );
}
