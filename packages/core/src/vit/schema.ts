import { z } from 'zod';
import { localizedTextSchema } from '../templates/schema.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes');

export const VIT_QUESTION_KINDS = ['scale', 'yes-no', 'text'] as const;
export const HANDVAT_KINDS = ['handvat', 'tip', 'handreiking', 'goed-voorbeeld', 'hulplijn'] as const;

/** The two accepted answers to a yes-no question; "ja" scores as the top of the scale, "nee" as the bottom. */
export const VIT_YES = 'ja';
export const VIT_NO = 'nee';

export const vitQuestionSchema = z.object({
  /** Stable across bank versions: answers are stored against it. */
  id: slug,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  kind: z.enum(VIT_QUESTION_KINDS),
  /** A negatively worded statement: a high answer means a low score (min + max - answer). */
  reverse: z.boolean().optional(),
  /** Key of the basisfunctionaliteit (seed 002 §1.2) this question also speaks to, if any. */
  basisfunctionaliteit: slug.optional(),
});
export type VitQuestion = z.infer<typeof vitQuestionSchema>;

export const handvatSchema = z.object({
  title: localizedTextSchema,
  description: localizedTextSchema,
  kind: z.enum(HANDVAT_KINDS),
  /** Where this kind of help is grounded, e.g. "Rapportage Visieleren, VNG, april 2024, §2.2". */
  source: z.string().optional(),
});
export type Handvat = z.infer<typeof handvatSchema>;

export const uitgangspuntSchema = z.object({
  key: slug,
  /** The short name of the praatplaat (seed 002 Bijlage 1). */
  name: localizedTextSchema,
  /** The full wording of the uitgangspunt (seed 004). */
  description: localizedTextSchema,
  questions: z.array(vitQuestionSchema).min(1),
  handvatten: z.array(handvatSchema).default([]),
});
export type Uitgangspunt = z.infer<typeof uitgangspuntSchema>;

export const vitStageSchema = z.object({
  key: slug,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** A score s is in this stage when fromScore <= s < toScore; the last stage also includes its toScore. */
  fromScore: z.number(),
  toScore: z.number(),
});
export type VitStage = z.infer<typeof vitStageSchema>;

export const vitScaleSchema = z.object({
  min: z.number().int(),
  max: z.number().int(),
  /** One label per point of the scale, from min to max. */
  labels: z.array(localizedTextSchema).min(2),
  /** The ontwikkelstadia, from the lowest score up; together they cover min..max without gaps. */
  stages: z.array(vitStageSchema).min(1),
});
export type VitScale = z.infer<typeof vitScaleSchema>;

export const basisfunctionaliteitSchema = z.object({
  key: slug,
  name: localizedTextSchema,
  description: localizedTextSchema,
  source: z.string().optional(),
});
export type Basisfunctionaliteit = z.infer<typeof basisfunctionaliteitSchema>;

/**
 * A VIT question bank. The official VIT of the VNG is not public, so the bank is data: our provisional set
 * ships as the default, and a gemeente or the VNG can load another file with the same shape.
 */
export const vitBankSchema = z.object({
  id: slug,
  version: z.string().min(1),
  title: localizedTextSchema,
  /** True for any bank that is not the official VIT; every rendering must then show the notice. */
  provisional: z.boolean(),
  notice: localizedTextSchema,
  scale: vitScaleSchema,
  /**
   * Share of an uitgangspunt's scored questions that must be answered before it gets a stage;
   * below it the uitgangspunt is "onvoldoende beantwoord" rather than scored low.
   */
  minAnsweredShare: z.number().gt(0).max(1).default(0.5),
  basisfunctionaliteiten: z.array(basisfunctionaliteitSchema).default([]),
  uitgangspunten: z.array(uitgangspuntSchema).min(1),
  sources: z.array(z.string()).default([]),
});
export type VitBank = z.infer<typeof vitBankSchema>;
export type VitBankInput = z.input<typeof vitBankSchema>;

/** Answers keyed by question id: a number for scale questions, "ja"/"nee" for yes-no, text, or null (skipped). */
export type VitAnswerValue = number | string | null;
export type VitAnswers = Record<string, VitAnswerValue>;
