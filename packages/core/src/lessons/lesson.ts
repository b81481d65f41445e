import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';
import { themeSchema } from '../model/vocabulary-schemas.js';

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
    /** `wacht` until the VNG team approves a lesson a gemeente or the nazorg form wrote (default: approved). */
    approval: z.enum(['wacht', 'goedgekeurd', 'afgewezen']).default('goedgekeurd'),
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
  /** Where it comes from: the document and section (Rapportage Visieleren, §2.1) for the built-in ones, a traject's name for the others. */
  source?: string;
  createdAt?: string;
  createdBy?: string;
  /** Only an approved lesson reaches the public library; absent for the seeded ones (always approved). */
  approval?: LessonApproval;
}

export const LESSON_APPROVALS = ['wacht', 'goedgekeurd', 'afgewezen'] as const;
export type LessonApproval = (typeof LESSON_APPROVALS)[number];
export const LESSON_APPROVAL_LABELS: Record<LessonApproval, LocalizedText> = {
  wacht: { nl: 'Wacht op goedkeuring', en: 'Awaiting approval' },
  goedgekeurd: { nl: 'Goedgekeurd', en: 'Approved' },
  afgewezen: { nl: 'Afgewezen', en: 'Rejected' },
};

/** Lessons anyone may read (the public `/lessen`): shared and approved by the VNG team. */
export function isPublicLesson(lesson: Lesson): boolean {
  return lessonVisibleTo(lesson, PUBLIC_VIEWER);
}
const PUBLIC_VIEWER: LessonViewer = { kind: 'traject', trajectId: '' };

/** Who looks: the VNG team sees every lesson; a gemeente its own traject's and the shared ones. */
export type LessonViewer = { kind: 'all' } | { kind: 'traject'; trajectId: string };

export function lessonVisibleTo(lesson: Lesson, viewer: LessonViewer): boolean {
  if (viewer.kind === 'all') return true;
  if (lesson.trajectId !== undefined && lesson.trajectId === viewer.trajectId) return true;
  // Beyond its own traject a lesson is seen once the VNG team approved it.
  if ((lesson.approval ?? 'goedgekeurd') !== 'goedgekeurd') return false;
  return lesson.shared || lesson.trajectId === undefined;
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
