import type { LocalizedText } from '../i18n/index.js';
import type { HANDVAT_KINDS, VIT_QUESTION_KINDS } from './schema.js';
import type { UitgangspuntStatus } from './score.js';

/** How each kind of help is named where a profile is shown (CLI, cards, forms). */
export const HANDVAT_KIND_LABELS: Record<(typeof HANDVAT_KINDS)[number], LocalizedText> = {
  handvat: { nl: 'Handvat', en: 'Pointer' },
  tip: { nl: 'Tip', en: 'Tip' },
  handreiking: { nl: 'Handreiking', en: 'Guide' },
  'goed-voorbeeld': { nl: 'Goed voorbeeld', en: 'Good example' },
  hulplijn: { nl: 'Hulplijn', en: 'Helpline' },
};

export const VIT_QUESTION_KIND_LABELS: Record<(typeof VIT_QUESTION_KINDS)[number], LocalizedText> = {
  scale: { nl: 'schaal', en: 'scale' },
  'yes-no': { nl: 'ja/nee', en: 'yes/no' },
  text: { nl: 'open vraag', en: 'open question' },
};

export const UITGANGSPUNT_STATUS_LABELS: Record<UitgangspuntStatus, LocalizedText> = {
  beoordeeld: { nl: 'beoordeeld', en: 'assessed' },
  'onvoldoende-beantwoord': { nl: 'onvoldoende beantwoord', en: 'not enough answers' },
};
