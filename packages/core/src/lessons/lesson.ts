import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';
import { themeSchema } from '../model/vocabulary.js';

/** What kind of lesson: the two headings of seed 002 ch. 2-4, or a lesson a traject wrote down itself. */
export const LESSON_KINDS = ['dilemma', 'werkzaam-element', 'les'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];
export const LESSON_KIND_LABELS: Record<LessonKind, LocalizedText> = {
  dilemma: { nl: 'Dilemma of uitdaging', en: 'Dilemma or challenge' },
  'werkzaam-element': { nl: 'Werkzaam element', en: 'What works' },
  les: { nl: 'Geleerde les', en: 'Lesson learned' },
};

/** The 7 uitgangspunten (seed 004), with the keys of the VIT question bank. */
export const UITGANGSPUNT_KEYS = [
  'passend-en-samenhangend',
  'toekomstbestendig',
  'regie-en-zeggenschap',
  'deskundigheid',
  'handelingsruimte',
  'transparantie-en-eenvoud',
  'voorkomen-en-signaleren',
] as const;
export const uitgangspuntKeySchema = z.enum(UITGANGSPUNT_KEYS);

/**
 * Where a lesson stands on its way to the library: one a gemeente offered (the nazorg form, with consent to
 * share) waits for the VNG team's approval; only a published lesson is shown to other gemeenten.
 */
export const LESSON_STATUSES = ['ter-goedkeuring', 'gepubliceerd', 'afgewezen'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];
export const lessonStatusSchema = z.enum(LESSON_STATUSES);
export const LESSON_STATUS_LABELS: Record<LessonStatus, LocalizedText> = {
  'ter-goedkeuring': { nl: 'Ter goedkeuring bij het visieleerteam', en: 'Awaiting approval by the VNG team' },
  gepubliceerd: { nl: 'Gepubliceerd', en: 'Published' },
  afgewezen: { nl: 'Niet gepubliceerd', en: 'Not published' },
};

export const lessonInputSchema = z
  .object({
    theme: themeSchema,
    kind: z.enum(LESSON_KINDS).default('les'),
    uitgangspunten: z.array(uitgangspuntKeySchema).max(7).default([]),
    trajectId: z.string().trim().min(1).max(100).optional(),
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(3).max(5000),
    /** May be shown beyond its own traject (to other gemeenten); a lesson without a traject is always shared. */
    shared: z.boolean().default(false),
    source: z.string().trim().max(300).optional(),
    status: lessonStatusSchema.default('gepubliceerd'),
  })
  .strict();
export type LessonInput = z.input<typeof lessonInputSchema>;

export interface Lesson {
  id: string;
  theme: z.infer<typeof themeSchema>;
  kind: LessonKind;
  uitgangspunten: string[];
  trajectId?: string;
  title: string;
  body: string;
  shared: boolean;
  /** Where it comes from: "seed 002 §2.1" for the seeded ones, a traject's name for the others. */
  source?: string;
  /** Absent on older records: published. */
  status?: LessonStatus;
  createdAt?: string;
  createdBy?: string;
}

/** Who looks: the VNG team sees every lesson; a gemeente its own traject's and the shared ones. */
export type LessonViewer = { kind: 'all' } | { kind: 'traject'; trajectId: string };

export function lessonVisibleTo(lesson: Lesson, viewer: LessonViewer): boolean {
  if (viewer.kind === 'all') return true;
  if (lesson.trajectId === viewer.trajectId) return true;
  // Beyond its own traject only once the VNG team published it.
  if ((lesson.status ?? 'gepubliceerd') !== 'gepubliceerd') return false;
  return lesson.shared || lesson.trajectId === undefined;
}

/** The lessons waiting for the VNG team's approval, oldest first: the approval queue. */
export function lessonsAwaitingApproval(lessons: readonly Lesson[]): Lesson[] {
  return lessons
    .filter((lesson) => lesson.status === 'ter-goedkeuring')
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/**
 * The lesson a gemeente offers in the nazorg form ("Welke les wilt u delen met andere gemeenten?") when it
 * consents to sharing it: it goes to the VNG team's approval queue, under the traject's first theme (the team
 * can change that when approving). Without a lesson or without consent, nothing.
 */
export function lessonFromNazorgAnswers(
  traject: { id: string; themes: readonly z.infer<typeof themeSchema>[]; name: string },
  answers: Record<string, unknown>,
): z.input<typeof lessonInputSchema> | undefined {
  const text = typeof answers.les === 'string' ? answers.les.trim() : '';
  if (text.length < 3 || answers['delen-toestemming'] !== true) return undefined;
  const firstSentence = text.split(/(?<=[.!?])\s/)[0] ?? text;
  const title = firstSentence.length <= 120 ? firstSentence : `${firstSentence.slice(0, 117).trimEnd()}…`;
  return {
    theme: traject.themes[0] ?? 'inwoner-centraal',
    kind: 'les',
    trajectId: traject.id,
    title: title.length >= 3 ? title : text.slice(0, 120),
    body: text,
    shared: true,
    source: `Nazorgformulier ${traject.name}`,
    status: 'ter-goedkeuring',
  };
}

export interface LessonFilter {
  theme?: string;
  uitgangspunt?: string;
  kind?: string;
  trajectId?: string;
  /** Words that must all occur in the title or body (case and accents ignored). */
  text?: string;
}

const fold = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function searchLessons(
  lessons: readonly Lesson[],
  viewer: LessonViewer,
  filter: LessonFilter = {},
): Lesson[] {
  const words = filter.text ? fold(filter.text).split(/\s+/).filter(Boolean) : [];
  return lessons.filter((lesson) => {
    if (!lessonVisibleTo(lesson, viewer)) return false;
    if (filter.theme && lesson.theme !== filter.theme) return false;
    if (filter.kind && lesson.kind !== filter.kind) return false;
    if (filter.trajectId && lesson.trajectId !== filter.trajectId) return false;
    if (filter.uitgangspunt && !lesson.uitgangspunten.includes(filter.uitgangspunt)) return false;
    if (words.length > 0) {
      const haystack = fold(`${lesson.title} ${lesson.body}`);
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}

/** The VNG team's decision on an offered lesson. */
export const lessonDecisionSchema = z.enum(['gepubliceerd', 'afgewezen']);

/**
 * The status a new lesson starts in: one a gemeente wants shared beyond its own traject waits for the VNG
 * team's approval; the VNG team's own lessons, and a gemeente's unshared ones, are published at once.
 */
export function initialLessonStatus(author: 'vng' | 'gemeente', shared: boolean): LessonStatus {
  return author === 'gemeente' && shared ? 'ter-goedkeuring' : 'gepubliceerd';
}
