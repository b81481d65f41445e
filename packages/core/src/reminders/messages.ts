import { defineMessages, type LocalizedText, type MessageParams } from '../i18n/index.js';

const catalogue = {
  phaseStart: {
    nl: '{traject}: de fase {phase} begint {date}.',
    en: '{traject}: the {phase} phase starts on {date}.',
  },
  sessionToday: {
    nl: '{traject}: vandaag, {date}, is de sessie {session}.',
    en: '{traject}: the {session} session is today, {date}.',
  },
  sessionTomorrow: {
    nl: '{traject}: morgen, {date}, is de sessie {session}.',
    en: '{traject}: the {session} session is tomorrow, {date}.',
  },
  sessionInDays: {
    nl: '{traject}: over {days} dagen, op {date}, is de sessie {session}.',
    en: '{traject}: the {session} session is in {days} days, on {date}.',
  },
  hoursCheckIn: {
    nl: '{traject}: wilt u uw uren voor het traject bijwerken? Check-in van week {week} ({date}).',
    en: '{traject}: please update your hours for the traject. Check-in for week {week} ({date}).',
  },
  checklistOverdue: {
    nl: '{traject}: "{item}" (fase {phase}) had klaar moeten zijn op {due} en staat nog open.',
    en: '{traject}: "{item}" ({phase} phase) was due on {due} and is still open.',
  },
} satisfies Record<string, LocalizedText>;

const message = defineMessages(catalogue);

export function reminderText(
  key: keyof typeof catalogue,
  params: (lang: 'nl' | 'en') => MessageParams,
): LocalizedText {
  return { nl: message(key, 'nl', params('nl')), en: message(key, 'en', params('en')) };
}
