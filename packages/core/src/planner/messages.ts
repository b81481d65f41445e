import { defineMessages, type LocalizedText, type MessageParams } from '../i18n/index.js';

const catalogue = {
  movedFromClosedDay: {
    nl: 'Verplaatst van {from} ({reason}) naar {to}.',
    en: 'Moved from {from} ({reason}) to {to}.',
  },
  movedFromSchoolHoliday: {
    nl: 'Verplaatst van {from} naar {to}: {from} valt in de {holiday} (regio {region}) en er doen bestuurders mee.',
    en: 'Moved from {from} to {to}: {from} falls in the {holiday} (region {region}) and executives take part.',
  },
  inSchoolHoliday: {
    nl: 'Valt in de {holiday} (regio {region}); binnen de fase is er geen werkdag buiten de schoolvakantie. Bestuurders zijn mogelijk afwezig.',
    en: 'Falls in the {holiday} (region {region}); the phase has no working day outside the school holiday. Executives may be away.',
  },
  noRegion: {
    nl: 'Er is een schoolvakantiebestand gegeven maar geen regio: schoolvakanties zijn niet meegewogen.',
    en: 'A school-holiday file was given but no region: school holidays were not taken into account.',
  },
  noSchoolHolidays: {
    nl: 'Geen schoolvakantiebestand gegeven: sessies met bestuurders zijn niet getoetst aan de schoolvakanties van regio {region}.',
    en: 'No school-holiday file given: sessions with executives were not checked against the school holidays of region {region}.',
  },
  weekend: { nl: 'weekend', en: 'weekend' },
  closedDay: { nl: 'gesloten dag', en: 'closed day' },
} satisfies Record<string, LocalizedText>;

const message = defineMessages(catalogue);

export type PlannerMessageKey = keyof typeof catalogue;

/** Both languages at once: plans keep their notes bilingual so any surface can pick. */
export function plannerText(
  key: PlannerMessageKey,
  params: MessageParams | ((lang: 'nl' | 'en') => MessageParams) = {},
) {
  const paramsFor = (lang: 'nl' | 'en') => (typeof params === 'function' ? params(lang) : params);
  return {
    nl: message(key, 'nl', paramsFor('nl')),
    en: message(key, 'en', paramsFor('en')),
  } satisfies LocalizedText;
}
