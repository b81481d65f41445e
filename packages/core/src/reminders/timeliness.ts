import { addDays } from '../calendar/dates.js';
import { amsterdamDate, startOfAmsterdamDay } from '../calendar/timezone.js';
import type { ReminderRule } from '../templates/schema.js';
import type { ReminderIntent } from './types.js';

/**
 * Until when a reminder is worth sending for the first time on a channel: the end of its day (Europe/Amsterdam)
 * plus its rule's grace (`graceDays` of a checklist-overdue rule; other rules have none). The dispatcher runs
 * every minute, so in normal operation every reminder is tried on its day; one that first reaches a channel
 * later (the channel was just switched on, the traject just linked, the server was down) is recorded as
 * `verlopen`, not sent: switching a channel on does not replay the past.
 */
export function reminderTimelyUntil(
  intent: Pick<ReminderIntent, 'dueAt'>,
  rule: Pick<ReminderRule, 'kind'> & { graceDays?: number },
): Date {
  const day = amsterdamDate(new Date(intent.dueAt));
  const grace = rule.kind === 'checklist-overdue' ? (rule.graceDays ?? 0) : 0;
  return startOfAmsterdamDay(addDays(day, grace + 1));
}
