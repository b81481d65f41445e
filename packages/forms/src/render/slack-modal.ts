import { defineMessages, type Lang, ValidationError } from '@visieleren/core';
import { SLACK_ACTION_ID, toRawValues } from '../answers/parse.js';
import type { FieldError, RawValues } from '../answers/validate.js';
import { validateRawValues } from '../answers/validate.js';
import { type Answers, isVisible } from '../definition/answers.js';
import { describeCondition } from '../definition/describe.js';
import type { FormDefinition, FormSection, Question } from '../definition/schema.js';
import { type AnswerOption, answerOptions } from './answer-options.js';
import { LossCollector, type Rendered } from './lossiness.js';
import { length, SLACK_LIMITS, truncate } from './slack-limits.js';

/** The callback_id the Slack app routes form views by. */
export const SLACK_FORM_CALLBACK_ID = 'visieleren.form';

export interface SlackModalRenderOptions {
  lang?: Lang;
  /** An opaque reference to the form instance (e.g. the signed form token), carried in private_metadata. */
  formRef?: string;
  values?: RawValues;
  /**
   * Questions per step. Slack allows 100 blocks, but a modal with dozens of inputs is hard to use on a
   * phone; steps of about ten questions keep each view scrollable.
   */
  maxQuestionsPerStep?: number;
  /**
   * Answers from earlier steps. A question whose condition depends on an earlier step is then left out
   * when the condition does not hold, and asked as an ordinary question when it does; only conditions
   * within one view remain "alleen invullen als …" hints.
   */
  answers?: Answers;
}

/** What private_metadata carries: the form reference and where in the steps this view is. */
export interface SlackStepMetadata {
  formRef: string;
  formId: string;
  step: number;
  steps: number;
}

type Json = Record<string, unknown>;

export interface SlackModalSteps {
  /** One modal view per step; open the first, replace it (`response_action: "update"`) with the next. */
  views: Json[];
}

const t = defineMessages({
  submit: { nl: 'Versturen', en: 'Submit' },
  next: { nl: 'Volgende', en: 'Next' },
  close: { nl: 'Annuleren', en: 'Cancel' },
  step: { nl: 'Stap {step} van {steps}', en: 'Step {step} of {steps}' },
  continued: { nl: '{title} (vervolg)', en: '{title} (continued)' },
  notice: { nl: 'Let op: {text}', en: 'Please note: {text}' },
  choose: { nl: 'Kies…', en: 'Choose…' },
  requiredWhenShown: { nl: 'Dan is deze vraag verplicht.', en: 'This question is then required.' },
  metadataTooLong: {
    nl: 'De formulierreferentie is te lang voor Slack (private_metadata: {length} van maximaal {max} tekens).',
    en: 'The form reference is too long for Slack (private_metadata: {length} of at most {max} characters).',
  },
  badMetadata: {
    nl: 'De Slack-view hoort niet bij een formulier.',
    en: 'The Slack view does not belong to a form.',
  },
});

const plain = (text: string): Json => ({ type: 'plain_text', text, emoji: false });

function optionObject(option: AnswerOption, questionId: string, losses: LossCollector): Json {
  if (length(option.label) > SLACK_LIMITS.optionTextLength) {
    losses.add('option-label-length', questionId, {
      nl: `Keuzeteksten langer dan ${SLACK_LIMITS.optionTextLength} tekens worden ingekort met "…".`,
      en: `Option texts longer than ${SLACK_LIMITS.optionTextLength} characters are shortened with "…".`,
    });
  }
  return { text: plain(truncate(option.label, SLACK_LIMITS.optionTextLength)), value: option.value };
}

function element(
  question: Question,
  lang: Lang,
  raw: string | string[] | undefined,
  losses: LossCollector,
): Json {
  const single = Array.isArray(raw) ? raw[0] : raw;
  switch (question.kind) {
    case 'short-text':
    case 'long-text': {
      const result: Json = {
        type: 'plain_text_input',
        action_id: SLACK_ACTION_ID,
        max_length: Math.min(question.maxLength, SLACK_LIMITS.textInputLength),
      };
      if (question.kind === 'long-text') result.multiline = true;
      if (question.kind === 'short-text' && question.pattern) {
        losses.add('pattern', question.id, {
          nl: 'Slack controleert geen tekstpatroon; de server controleert het bij het versturen en toont de fout bij het veld.',
          en: 'Slack does not check a text pattern; the server checks it on submit and shows the error at the field.',
        });
      }
      if (single) result.initial_value = single;
      return result;
    }
    case 'email':
      return {
        type: 'email_text_input',
        action_id: SLACK_ACTION_ID,
        ...(single ? { initial_value: single } : {}),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: SLACK_ACTION_ID,
        ...(single && /^\d{4}-\d{2}-\d{2}$/.test(single) ? { initial_date: single } : {}),
      };
    case 'number': {
      const result: Json = {
        type: 'number_input',
        action_id: SLACK_ACTION_ID,
        is_decimal_allowed: !question.integer,
      };
      if (question.min !== undefined) result.min_value = String(question.min);
      if (question.max !== undefined) result.max_value = String(question.max);
      if (single) result.initial_value = single;
      return result;
    }
    case 'single-choice':
    case 'yes-no':
    case 'scale': {
      const list = answerOptions(question, lang);
      const options = list.map((option) => optionObject(option, question.id, losses));
      const initial = options.find((option) => option.value === single);
      if (list.length <= SLACK_LIMITS.radioOrCheckboxOptions) {
        return {
          type: 'radio_buttons',
          action_id: SLACK_ACTION_ID,
          options,
          ...(initial ? { initial_option: initial } : {}),
        };
      }
      return {
        type: 'static_select',
        action_id: SLACK_ACTION_ID,
        placeholder: plain(t('choose', lang)),
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'multiple-choice': {
      const chosen = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const options = answerOptions(question, lang).map((option) =>
        optionObject(option, question.id, losses),
      );
      const initial = options.filter((option) => chosen.includes(option.value as string));
      const type =
        options.length <= SLACK_LIMITS.radioOrCheckboxOptions ? 'checkboxes' : 'multi_static_select';
      return {
        type,
        action_id: SLACK_ACTION_ID,
        ...(type === 'multi_static_select' ? { placeholder: plain(t('choose', lang)) } : {}),
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      };
    }
  }
}

function inputBlock(
  form: FormDefinition,
  question: Question,
  options: SlackModalRenderOptions,
  lang: Lang,
  losses: LossCollector,
  conditionSettled: boolean,
): Json {
  const label = question.label[lang];
  if (length(label) > SLACK_LIMITS.labelLength) {
    losses.add('label-length', question.id, {
      nl: `Vraagteksten langer dan ${SLACK_LIMITS.labelLength} tekens worden ingekort.`,
      en: `Question texts longer than ${SLACK_LIMITS.labelLength} characters are shortened.`,
    });
  }
  const condition = conditionSettled ? undefined : describeCondition(form, question, lang);
  const hintParts = [
    question.help?.[lang],
    condition && (question.required ? `${condition} ${t('requiredWhenShown', lang)}` : condition),
  ];
  const hint = hintParts.filter(Boolean).join(' ');
  if (condition) {
    losses.add('conditional-visibility', question.id, {
      nl: 'Een Slack-modal kan een vraag niet verbergen op basis van een ander antwoord in dezelfde view: de vraag staat er altijd, als optioneel, met "Alleen invullen als …" als hint; de server negeert het antwoord als de voorwaarde niet geldt. (Voorwaarden op een eerdere stap worden wel toegepast.)',
      en: 'A Slack modal cannot hide a question based on another answer in the same view: the question is always shown, as optional, with "Only answer this if …" as hint; the server ignores the answer when the condition does not hold. (Conditions on an earlier step are applied.)',
    });
  }
  return {
    type: 'input',
    block_id: question.id,
    label: plain(truncate(label, SLACK_LIMITS.labelLength)),
    optional: !question.required || (question.visibleWhen !== undefined && !conditionSettled),
    element: element(question, lang, options.values?.[question.id], losses),
    ...(hint ? { hint: plain(truncate(hint, SLACK_LIMITS.hintLength)) } : {}),
  };
}

interface StepPart {
  section: FormSection;
  questions: Question[];
  continued: boolean;
}

/** Packs whole sections into steps; a section larger than a step is split between questions. */
function planSteps(form: FormDefinition, maxQuestions: number, fixedBlocks: number): StepPart[][] {
  const steps: StepPart[][] = [];
  let current: StepPart[] = [];
  let questions = 0;
  let blocks = fixedBlocks;
  for (const section of form.sections) {
    let part: StepPart = { section, questions: [], continued: false };
    for (const question of section.questions) {
      // A section header and its help cost two blocks in addition to the questions.
      const cost = part.questions.length === 0 ? 3 : 1;
      if (questions + 1 > maxQuestions || blocks + cost > SLACK_LIMITS.blocksPerView) {
        if (part.questions.length > 0) current.push(part);
        steps.push(current);
        current = [];
        questions = 0;
        blocks = fixedBlocks;
        part = { section, questions: [], continued: part.questions.length > 0 || part.continued };
      }
      blocks += part.questions.length === 0 ? 3 : 1;
      part.questions.push(question);
      questions += 1;
    }
    if (part.questions.length > 0) current.push(part);
  }
  if (current.length > 0) steps.push(current);
  return steps;
}

export function encodeSlackMetadata(metadata: SlackStepMetadata, lang: Lang = 'nl'): string {
  const text = JSON.stringify({
    r: metadata.formRef,
    f: metadata.formId,
    s: metadata.step,
    n: metadata.steps,
  });
  if (length(text) > SLACK_LIMITS.privateMetadataLength) {
    const message = t('metadataTooLong', lang, {
      length: length(text),
      max: SLACK_LIMITS.privateMetadataLength,
    });
    throw new ValidationError(message, [{ path: 'formRef', message }]);
  }
  return text;
}

export function decodeSlackMetadata(text: unknown, lang: Lang = 'nl'): SlackStepMetadata {
  try {
    const parsed = JSON.parse(String(text)) as { r?: unknown; f?: unknown; s?: unknown; n?: unknown };
    if (
      typeof parsed.r === 'string' &&
      typeof parsed.f === 'string' &&
      Number.isInteger(parsed.s) &&
      Number.isInteger(parsed.n)
    ) {
      return { formRef: parsed.r, formId: parsed.f, step: parsed.s as number, steps: parsed.n as number };
    }
  } catch {
    // fall through to the Dutch error below
  }
  const message = t('badMetadata', lang);
  throw new ValidationError(message, [{ path: 'private_metadata', message }]);
}

/**
 * The form as Slack modal views within Block Kit limits. A long form becomes several steps; each view's
 * private_metadata carries the form reference and the step.
 */
export function renderSlackModal(
  form: FormDefinition,
  options: SlackModalRenderOptions = {},
): Rendered<SlackModalSteps> {
  const lang = options.lang ?? 'nl';
  const losses = new LossCollector();
  const fullTitle = form.title[lang];
  if (length(fullTitle) > SLACK_LIMITS.titleLength) {
    losses.add('label-length', undefined, {
      nl: `De titel van een modal mag ${SLACK_LIMITS.titleLength} tekens hebben: de titelbalk is ingekort, de volledige titel staat bovenaan in de view.`,
      en: `A modal title may have ${SLACK_LIMITS.titleLength} characters: the title bar is shortened, the full title is shown at the top of the view.`,
    });
  }
  // Fixed blocks per view: the full title, the notice, the intro (first step) and the step counter.
  const fixedBlocks = 4;
  const steps = planSteps(form, options.maxQuestionsPerStep ?? 10, fixedBlocks);
  if (steps.length > 1) {
    losses.add('sections', undefined, {
      nl: `Het formulier is verdeeld over ${steps.length} stappen (opeenvolgende views); antwoorden uit eerdere stappen bewaart de app tot de laatste stap.`,
      en: `The form is split into ${steps.length} steps (successive views); the app keeps answers from earlier steps until the last step.`,
    });
  }
  const stepOf = new Map(
    steps.flatMap((parts, index) =>
      parts.flatMap((part) => part.questions.map((question) => [question.id, index] as const)),
    ),
  );
  const views = steps.map((parts, index) => {
    const blocks: Json[] = [];
    blocks.push({
      type: 'header',
      block_id: '_titel',
      text: plain(truncate(fullTitle, SLACK_LIMITS.headerLength)),
    });
    if (form.notice) {
      blocks.push({
        type: 'context',
        block_id: '_melding',
        elements: [
          plain(truncate(t('notice', lang, { text: form.notice[lang] }), SLACK_LIMITS.sectionTextLength)),
        ],
      });
    }
    if (index === 0 && form.intro) {
      blocks.push({
        type: 'section',
        block_id: '_inleiding',
        text: plain(truncate(form.intro[lang], SLACK_LIMITS.sectionTextLength)),
      });
    }
    if (steps.length > 1) {
      blocks.push({
        type: 'context',
        block_id: '_stap',
        elements: [plain(t('step', lang, { step: index + 1, steps: steps.length }))],
      });
    }
    for (const part of parts) {
      const title = part.continued
        ? t('continued', lang, { title: part.section.title[lang] })
        : part.section.title[lang];
      blocks.push({
        type: 'header',
        block_id: `_sectie-${part.section.id}`,
        text: plain(truncate(title, SLACK_LIMITS.headerLength)),
      });
      if (part.section.help && !part.continued) {
        blocks.push({
          type: 'context',
          block_id: `_sectie-${part.section.id}-hulp`,
          elements: [plain(truncate(part.section.help[lang], SLACK_LIMITS.sectionTextLength))],
        });
      }
      for (const question of part.questions) {
        const controllerStep = question.visibleWhen ? stepOf.get(question.visibleWhen.question) : undefined;
        const settled =
          controllerStep !== undefined && controllerStep < index && options.answers !== undefined;
        if (settled && !isVisible(question, options.answers ?? {}, form)) continue;
        blocks.push(inputBlock(form, question, options, lang, losses, settled));
      }
    }
    const last = index === steps.length - 1;
    return {
      type: 'modal',
      callback_id: SLACK_FORM_CALLBACK_ID,
      title: plain(truncate(fullTitle, SLACK_LIMITS.titleLength)),
      submit: plain(last ? t('submit', lang) : t('next', lang)),
      close: plain(t('close', lang)),
      private_metadata: encodeSlackMetadata(
        { formRef: options.formRef ?? '', formId: form.id, step: index, steps: steps.length },
        lang,
      ),
      blocks,
    };
  });
  return { output: { views }, report: losses.report('slack-modal', form.id) };
}

/**
 * Checks one step of a multi-step modal: the answers of all steps so far are interpreted together (so
 * conditions on earlier steps work), but only errors of this view's questions are returned — in the
 * shape Slack wants for `response_action: "errors"` (block_id → message).
 */
export function validateSlackStep(
  form: FormDefinition,
  submissionsSoFar: unknown[],
  lang: Lang = 'nl',
): { errors: FieldError[]; slackErrors: Record<string, string> } {
  const raw = toRawValues(form, 'slack-modal', submissionsSoFar, lang);
  const result = validateRawValues(form, raw, lang);
  const lastPayload = submissionsSoFar[submissionsSoFar.length - 1] as {
    view?: { blocks?: Array<{ block_id?: string }> };
  };
  const inView = new Set((lastPayload?.view?.blocks ?? []).map((block) => block.block_id));
  const errors = result.ok ? [] : result.errors.filter((error) => inView.has(error.questionId));
  return { errors, slackErrors: toSlackErrors(errors) };
}

/** Field errors as Slack's `response_action: "errors"` map. */
export function toSlackErrors(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.questionId, error.message]));
}
