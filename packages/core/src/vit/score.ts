import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors.js';
import { defineMessages, type Lang, type LocalizedText } from '../i18n/index.js';
import { parseWith } from '../validation.js';
import {
  type Handvat,
  VIT_NO,
  VIT_YES,
  type VitAnswers,
  type VitBank,
  type VitQuestion,
  type VitScale,
  type VitStage,
} from './schema.js';

const message = defineMessages({
  what: { nl: 'VIT-antwoorden', en: 'VIT answers' },
  invalid: { nl: 'VIT-antwoorden zijn ongeldig:', en: 'VIT answers are invalid:' },
  unknownQuestion: {
    nl: 'onbekende vraag "{id}" in vragenset {bank} {version}',
    en: 'unknown question "{id}" in question bank {bank} {version}',
  },
  scaleValue: {
    nl: 'verwacht een geheel getal van {min} tot en met {max}, gekregen: {value}',
    en: 'expected a whole number from {min} to {max}, got: {value}',
  },
  yesNoValue: {
    nl: 'verwacht "{yes}" of "{no}", gekregen: {value}',
    en: 'expected "{yes}" or "{no}", got: {value}',
  },
  textValue: {
    nl: 'verwacht tekst van hoogstens {max} tekens',
    en: 'expected text of at most {max} characters',
  },
});

/** Long enough for a considered remark, short enough to keep one submission small. */
const MAX_TEXT_ANSWER = 4000;

const answersShapeSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export type UitgangspuntStatus = 'beoordeeld' | 'onvoldoende-beantwoord';

export interface UitgangspuntResult {
  key: string;
  name: LocalizedText;
  description: LocalizedText;
  status: UitgangspuntStatus;
  /** Mean of the answered scored questions after reversing, rounded to 2 decimals; null when not assessed. */
  average: number | null;
  stage: VitStage | null;
  /** Position of the stage in the bank's scale, 0 = lowest; null when not assessed. */
  stageIndex: number | null;
  answered: number;
  scoredQuestions: number;
  /** Answered scored questions needed for a stage (bank.minAnsweredShare, at least one). */
  required: number;
  /** Answers to open (text) questions, for the conversation rather than the score. */
  remarks: Array<{ questionId: string; text: string }>;
}

export interface VitPriority {
  rank: number;
  key: string;
  name: LocalizedText;
  stage: VitStage;
  average: number;
  handvatten: Handvat[];
}

/** A cross-cutting view: the questions that speak to one basisfunctionaliteit (seed 002 §1.2), over all uitgangspunten. */
export interface BasisfunctionaliteitResult {
  key: string;
  name: LocalizedText;
  /** Mean score of its answered questions, rounded to 2 decimals; null when none is answered. */
  average: number | null;
  stage: VitStage | null;
  answered: number;
  questions: number;
}

export interface VitProfile {
  bankId: string;
  bankVersion: string;
  title: LocalizedText;
  provisional: boolean;
  notice: LocalizedText;
  uitgangspunten: UitgangspuntResult[];
  /** Assessed uitgangspunten, most in need of attention first. */
  priorities: VitPriority[];
  /** Not assessed: too few answers. Reported apart so a gap in answers never looks like a low score. */
  onvoldoendeBeantwoord: Array<{ key: string; name: LocalizedText; answered: number; required: number }>;
  /** Indicative only: the bank links just a few questions to each basisfunctionaliteit. */
  basisfunctionaliteiten: BasisfunctionaliteitResult[];
}

function validateAnswer(question: VitQuestion, value: number | string, scale: VitScale, lang: Lang) {
  switch (question.kind) {
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < scale.min || value > scale.max) {
        return message('scaleValue', lang, { min: scale.min, max: scale.max, value: JSON.stringify(value) });
      }
      return undefined;
    case 'yes-no':
      if (value !== VIT_YES && value !== VIT_NO) {
        return message('yesNoValue', lang, { yes: VIT_YES, no: VIT_NO, value: JSON.stringify(value) });
      }
      return undefined;
    case 'text':
      if (typeof value !== 'string' || value.length > MAX_TEXT_ANSWER) {
        return message('textValue', lang, { max: MAX_TEXT_ANSWER });
      }
      return undefined;
  }
}

/** The score a question contributes, on the bank's scale; undefined for open questions. */
function questionScore(question: VitQuestion, value: number | string, scale: VitScale): number | undefined {
  let score: number;
  if (question.kind === 'scale') score = value as number;
  else if (question.kind === 'yes-no') score = value === VIT_YES ? scale.max : scale.min;
  else return undefined;
  return question.reverse ? scale.min + scale.max - score : score;
}

/** Mean to 2 decimals; stages are derived from this rounded value, so a shown 2.00 never sits in the stage below 2. */
function roundScore(scores: readonly number[]): number {
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 100) / 100;
}

/** Stages are half-open [fromScore, toScore); the last one also takes the top of the scale. */
export function stageForScore(
  scale: VitScale,
  score: number,
): { stage: VitStage; index: number } | undefined {
  const last = scale.stages.length - 1;
  for (const [index, stage] of scale.stages.entries()) {
    if (score >= stage.fromScore && (score < stage.toScore || (index === last && score === stage.toScore))) {
      return { stage, index };
    }
  }
  return undefined;
}

/**
 * Validates answers against the bank and throws a Dutch ValidationError naming each bad question id.
 * Returns the answers as a record (unknown ids and bad values never get through).
 */
export function validateVitAnswers(bank: VitBank, answers: unknown, lang: Lang = 'nl'): VitAnswers {
  const record = parseWith(answersShapeSchema, answers, message('what', lang), lang);
  const questions = new Map(
    bank.uitgangspunten.flatMap((uitgangspunt) => uitgangspunt.questions.map((q) => [q.id, q] as const)),
  );
  const issues: FieldIssue[] = [];
  for (const [id, value] of Object.entries(record)) {
    const question = questions.get(id);
    if (!question) {
      issues.push({
        path: id,
        message: message('unknownQuestion', lang, { id, bank: bank.id, version: bank.version }),
      });
      continue;
    }
    if (value === null) continue;
    const problem = validateAnswer(question, value, bank.scale, lang);
    if (problem) issues.push({ path: id, message: problem });
  }
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new ValidationError([message('invalid', lang), ...lines].join('\n'), issues);
  }
  return record;
}

/**
 * Answers → a profile per uitgangspunt (average, ontwikkelstadium) → priorities with their handvatten.
 * Priorities: lowest stage first, then lowest average, then bank order, so equal input gives equal order.
 */
export function scoreVit(bank: VitBank, answers: unknown, lang: Lang = 'nl'): VitProfile {
  const valid = validateVitAnswers(bank, answers, lang);
  const { scale } = bank;

  const results: UitgangspuntResult[] = bank.uitgangspunten.map((uitgangspunt) => {
    const scores: number[] = [];
    const remarks: UitgangspuntResult['remarks'] = [];
    for (const question of uitgangspunt.questions) {
      const value = valid[question.id];
      if (value === undefined || value === null) continue;
      if (question.kind === 'text') {
        const text = String(value).trim();
        if (text) remarks.push({ questionId: question.id, text });
        continue;
      }
      const score = questionScore(question, value, scale);
      if (score !== undefined) scores.push(score);
    }
    const scoredQuestions = uitgangspunt.questions.filter((question) => question.kind !== 'text').length;
    const required = Math.max(1, Math.ceil(bank.minAnsweredShare * scoredQuestions));
    const base = {
      key: uitgangspunt.key,
      name: uitgangspunt.name,
      description: uitgangspunt.description,
      answered: scores.length,
      scoredQuestions,
      required,
      remarks,
    };
    if (scores.length < required) {
      return { ...base, status: 'onvoldoende-beantwoord', average: null, stage: null, stageIndex: null };
    }
    const average = roundScore(scores);
    const found = stageForScore(scale, average);
    return {
      ...base,
      status: 'beoordeeld',
      average,
      stage: found?.stage ?? null,
      stageIndex: found?.index ?? null,
    };
  });

  const handvattenByKey = new Map(
    bank.uitgangspunten.map((uitgangspunt) => [uitgangspunt.key, uitgangspunt.handvatten]),
  );
  const assessed = results
    .map((result, bankOrder) => ({ result, bankOrder }))
    .filter(({ result }) => result.status === 'beoordeeld' && result.stage && result.average !== null);
  assessed.sort(
    (a, b) =>
      (a.result.stageIndex ?? 0) - (b.result.stageIndex ?? 0) ||
      (a.result.average ?? 0) - (b.result.average ?? 0) ||
      a.bankOrder - b.bankOrder,
  );

  const basisfunctionaliteiten = bank.basisfunctionaliteiten.map((basis): BasisfunctionaliteitResult => {
    const linked = bank.uitgangspunten
      .flatMap((u) => u.questions)
      .filter((q) => q.basisfunctionaliteit === basis.key);
    const scores = linked.flatMap((question) => {
      const value = valid[question.id];
      if (value === undefined || value === null) return [];
      const score = questionScore(question, value, scale);
      return score === undefined ? [] : [score];
    });
    const average = scores.length ? roundScore(scores) : null;
    return {
      key: basis.key,
      name: basis.name,
      average,
      stage: average === null ? null : (stageForScore(scale, average)?.stage ?? null),
      answered: scores.length,
      questions: linked.filter((question) => question.kind !== 'text').length,
    };
  });

  return {
    bankId: bank.id,
    bankVersion: bank.version,
    title: bank.title,
    provisional: bank.provisional,
    notice: bank.notice,
    uitgangspunten: results,
    priorities: assessed.map(({ result }, index) => ({
      rank: index + 1,
      key: result.key,
      name: result.name,
      stage: result.stage as VitStage,
      average: result.average as number,
      handvatten: handvattenByKey.get(result.key) ?? [],
    })),
    onvoldoendeBeantwoord: results
      .filter((result) => result.status === 'onvoldoende-beantwoord')
      .map(({ key, name, answered, required }) => ({ key, name, answered, required })),
    basisfunctionaliteiten,
  };
}
