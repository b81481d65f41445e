import { ConflictError, type Lesson, SEED_LESSONS } from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';

export const LESSON_REVIEWS = ['goedgekeurd', 'afgewezen'] as const;
export type LessonReview = (typeof LESSON_REVIEWS)[number];

/**
 * The VNG team approves or rejects a lesson from a gemeente or the nazorg form (console, API and CLI alike);
 * approved and shared, it appears on the public `/lessen`. The Rapportage Visieleren's own lessons are
 * approved as they are: approving one again changes nothing, rejecting one is refused.
 */
export async function reviewLesson(
  store: Store,
  lessonId: string,
  review: LessonReview,
  actor: string,
): Promise<Lesson> {
  const seeded = SEED_LESSONS.find((lesson) => lesson.id === lessonId);
  if (seeded) {
    if (review !== 'goedgekeurd') {
      throw new ConflictError('Een les uit de Rapportage Visieleren kunt u niet afwijzen.');
    }
    return seeded;
  }
  // A NotFoundError (Dutch) for a lesson that does not exist.
  return lifecycleOf(store).decideLesson(lessonId, review, actor);
}

/** Lessons from gemeenten and the nazorg form that wait for the VNG team, oldest first. */
export async function lessonsAwaitingReview(store: Store): Promise<Lesson[]> {
  return (await lifecycleOf(store).listLessons()).filter((lesson) => lesson.approval === 'wacht');
}
