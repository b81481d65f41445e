import { type Lang, localizedTextSchema, parseWith } from '@visieleren/core';
import { z } from 'zod';

/**
 * Ids end up as HTML names, Slack block_ids, Adaptive Card input ids, JSON property names and
 * Google Forms titles; a conservative alphabet keeps them valid everywhere and stable across versions.
 */
const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes')
  .max(64);

export const optionSchema = z.object({
  /** Stable id stored in answers; never the label, so labels can be reworded or translated. */
  value: idSchema,
  label: localizedTextSchema,
});
export type FormOption = z.infer<typeof optionSchema>;

const scaleLabelSchema = z.object({ value: z.number().int(), label: localizedTextSchema });

const visibleWhenSchema = z
  .object({
    /** Id of an earlier question. */
    question: idSchema,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    answered: z.literal(true).optional(),
  })
  .refine(
    (rule) => [rule.equals, rule.in, rule.answered].filter((part) => part !== undefined).length === 1,
    'geef precies één van equals, in of answered',
  );
export type VisibleWhen = z.infer<typeof visibleWhenSchema>;

const questionBase = {
  id: idSchema,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().default(false),
  visibleWhen: visibleWhenSchema.optional(),
};

const textPatternSchema = z.object({
  /** An ECMAScript regular expression the whole answer must match. */
  regex: z.string().min(1),
  message: localizedTextSchema,
});

export const questionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('short-text'),
    ...questionBase,
    maxLength: z.number().int().min(1).max(3000).default(200),
    pattern: textPatternSchema.optional(),
  }),
  z.object({
    kind: z.literal('long-text'),
    ...questionBase,
    maxLength: z.number().int().min(1).max(3000).default(3000),
  }),
  z.object({ kind: z.literal('email'), ...questionBase }),
  z.object({ kind: z.literal('date'), ...questionBase }),
  z.object({ kind: z.literal('yes-no'), ...questionBase }),
  z.object({
    kind: z.literal('single-choice'),
    ...questionBase,
    options: z.array(optionSchema).min(2).max(100),
  }),
  z.object({
    kind: z.literal('multiple-choice'),
    ...questionBase,
    options: z.array(optionSchema).min(1).max(100),
  }),
  z.object({
    kind: z.literal('scale'),
    ...questionBase,
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(10),
    /** Labels for some or all points, at least for min and max. */
    labels: z.array(scaleLabelSchema).default([]),
  }),
  z.object({
    kind: z.literal('number'),
    ...questionBase,
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  }),
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type QuestionInput = z.input<typeof questionSchema>;

export const sectionSchema = z.object({
  id: idSchema,
  title: localizedTextSchema,
  help: localizedTextSchema.optional(),
  questions: z.array(questionSchema).min(1),
});
export type FormSection = z.infer<typeof sectionSchema>;

export const formDefinitionSchema = z
  .object({
    id: idSchema,
    version: z.string().min(1),
    title: localizedTextSchema,
    intro: localizedTextSchema.optional(),
    /** A notice every surface must show, e.g. "voorlopige vragenset" for the provisional VIT bank. */
    notice: localizedTextSchema.optional(),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine((form, context) => {
    const seen = new Map<string, Question>();
    const sectionIds = new Set<string>();
    form.sections.forEach((section, sectionIndex) => {
      if (sectionIds.has(section.id)) {
        context.addIssue({
          code: 'custom',
          path: ['sections', sectionIndex, 'id'],
          message: `sectie-id "${section.id}" komt vaker voor`,
        });
      }
      sectionIds.add(section.id);
      section.questions.forEach((question, questionIndex) => {
        const path = ['sections', sectionIndex, 'questions', questionIndex];
        for (const issue of checkQuestion(question, seen)) {
          context.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
        }
        seen.set(question.id, question);
      });
    });
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

interface LocalIssue {
  path: Array<string | number>;
  message: string;
}

/** Cross checks a single question against the questions before it. */
function checkQuestion(question: Question, earlier: ReadonlyMap<string, Question>): LocalIssue[] {
  const issues: LocalIssue[] = [];
  if (earlier.has(question.id)) {
    issues.push({ path: ['id'], message: `vraag-id "${question.id}" komt vaker voor` });
  }
  if (question.kind === 'single-choice' || question.kind === 'multiple-choice') {
    const values = question.options.map((option) => option.value);
    const duplicate = values.find((value, index) => values.indexOf(value) !== index);
    if (duplicate) issues.push({ path: ['options'], message: `optie "${duplicate}" komt vaker voor` });
  }
  if (question.kind === 'scale') {
    if (question.max <= question.min) issues.push({ path: ['max'], message: 'max moet groter zijn dan min' });
    for (const [index, label] of question.labels.entries()) {
      if (label.value < question.min || label.value > question.max) {
        issues.push({ path: ['labels', index, 'value'], message: 'ligt buiten de schaal' });
      }
    }
  }
  if (question.kind === 'number' && question.min !== undefined && question.max !== undefined) {
    if (question.max < question.min) issues.push({ path: ['max'], message: 'max is kleiner dan min' });
  }
  if (question.kind === 'short-text' && question.pattern) {
    try {
      new RegExp(question.pattern.regex, 'u');
    } catch {
      issues.push({ path: ['pattern', 'regex'], message: 'is geen geldige reguliere expressie' });
    }
  }
  if (question.visibleWhen) issues.push(...checkVisibleWhen(question.visibleWhen, earlier));
  return issues;
}

function checkVisibleWhen(rule: VisibleWhen, earlier: ReadonlyMap<string, Question>): LocalIssue[] {
  const controller = earlier.get(rule.question);
  if (!controller) {
    return [
      {
        path: ['visibleWhen', 'question'],
        message: `verwijst niet naar een eerdere vraag: "${rule.question}"`,
      },
    ];
  }
  // Conditions on free text would make visibility depend on exact spelling; only answered is allowed there.
  const compared = rule.equals !== undefined ? [rule.equals] : (rule.in ?? []);
  if (compared.length === 0) return [];
  const allowed = comparableValues(controller);
  if (!allowed) {
    return [
      {
        path: ['visibleWhen'],
        message: `bij een vraag van soort ${controller.kind} kan alleen "answered" gebruikt worden`,
      },
    ];
  }
  const wrong = compared.find((value) => !allowed.some((candidate) => candidate === value));
  return wrong === undefined
    ? []
    : [
        {
          path: ['visibleWhen'],
          message: `"${String(wrong)}" is geen mogelijk antwoord op "${rule.question}"`,
        },
      ];
}

/** The answers a visibleWhen rule may compare with, or undefined if the kind only allows `answered`. */
function comparableValues(question: Question): ReadonlyArray<string | number | boolean> | undefined {
  switch (question.kind) {
    case 'yes-no':
      return [true, false];
    case 'single-choice':
    case 'multiple-choice':
      return question.options.map((option) => option.value);
    case 'scale':
      return Array.from({ length: question.max - question.min + 1 }, (_, index) => question.min + index);
    default:
      return undefined;
  }
}

/** Validates a form definition; throws a ValidationError with Dutch messages and field paths. */
export function defineForm(input: FormDefinitionInput, lang: Lang = 'nl'): FormDefinition {
  return parseWith(formDefinitionSchema, input, `Formulierdefinitie ${input?.id ?? ''}`.trim(), lang);
}

export function allQuestions(form: FormDefinition): Question[] {
  return form.sections.flatMap((section) => section.questions);
}

export function findQuestion(form: FormDefinition, id: string): Question | undefined {
  return allQuestions(form).find((question) => question.id === id);
}
