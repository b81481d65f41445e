import type { LocalizedText } from '../i18n/index.js';
import type { IsoDate, Role } from '../model/vocabulary.js';
import type { ReminderRule } from '../templates/schema.js';

/** A reminder that is due: what to say, to whom, and the key that makes delivery exactly-once. */
export interface ReminderIntent {
  /** `${trajectId}:${ruleId}:${occurrence}` — the same for the same traject, rule and occurrence, forever. */
  key: string;
  trajectId: string;
  ruleId: string;
  kind: ReminderRule['kind'];
  /**
   * What this occurrence is about: a phase key, a session key with the date it announces
   * (`kick-off@2027-01-27`), an ISO week (`2027-W03`), a checklist item.
   */
  occurrence: string;
  /** The instant it became due (ISO 8601, UTC). */
  dueAt: string;
  audience: Role[];
  message: LocalizedText;
  subject: {
    phaseKey?: string;
    sessionKey?: string;
    checklistItemId?: string;
    week?: string;
    date?: IsoDate;
  };
}
