import { dueReminders, type ReminderIntent, type Traject, templateOf } from '@visieleren/core';

/** Core's due reminders for the stored trajects (those on an unknown template have no rules to follow). */
export function computeDueReminders(trajects: readonly Traject[], now: Date): ReminderIntent[] {
  const withTemplates = trajects.flatMap((traject) => {
    const template = templateOf(traject);
    return template ? [{ traject, template }] : [];
  });
  return dueReminders(withTemplates, now);
}
