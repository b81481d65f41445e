import type { LocalizedText } from '../i18n/index.js';

/** Calendar date without time, `YYYY-MM-DD`, always meant in Europe/Amsterdam. */
export type IsoDate = string;

/** The three themes of the visieleertrajecten (the VNG page "Waarom visieleren?" and the Rapportage Visieleren, ch. 2-4). */
export const THEMES = ['inwoner-centraal', 'rust-en-regie', 'balans-lokaal-regionaal'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABELS: Record<Theme, LocalizedText> = {
  'inwoner-centraal': { nl: 'Inwoner centraal', en: 'Resident at the centre' },
  'rust-en-regie': { nl: 'Rust en regie', en: 'Calm and direction' },
  'balans-lokaal-regionaal': { nl: 'Balans lokaal en regionaal', en: 'Local and regional balance' },
};

/**
 * Traject statuses: the range seen in seed 002 Tabel 1, plus the states before and during a traject.
 * "borgingssessie gepland" and "inwonerssessie gepland" are kept because the VNG reports them as such.
 */
export const TRAJECT_STATUSES = [
  'aangemeld',
  'lopend',
  'gepauzeerd',
  'borgingssessie-gepland',
  'inwonerssessie-gepland',
  'afgerond',
  'afgerond-werkbezoek',
  'tussentijds-gestopt',
  'geannuleerd',
  /** An aanmelding the VNG team declined: never a traject, unlike one that was cancelled (`geannuleerd`). */
  'afgewezen',
] as const;
export type TrajectStatus = (typeof TRAJECT_STATUSES)[number];
export const TRAJECT_STATUS_LABELS: Record<TrajectStatus, LocalizedText> = {
  aangemeld: { nl: 'Aangemeld', en: 'Registered' },
  lopend: { nl: 'Lopend', en: 'In progress' },
  gepauzeerd: { nl: 'Gepauzeerd', en: 'Paused' },
  'borgingssessie-gepland': { nl: 'Borgingssessie nog gepland', en: 'Embedding session still planned' },
  'inwonerssessie-gepland': { nl: 'Inwonerssessie nog gepland', en: 'Residents session still planned' },
  afgerond: { nl: 'Afgerond', en: 'Completed' },
  'afgerond-werkbezoek': {
    nl: 'Afgerond en werkbezoek georganiseerd',
    en: 'Completed, work visit organised',
  },
  'tussentijds-gestopt': { nl: 'Tussentijds gestopt', en: 'Stopped early' },
  geannuleerd: { nl: 'Geannuleerd', en: 'Cancelled' },
  afgewezen: { nl: 'Aanmelding afgewezen', en: 'Registration declined' },
};
/** Statuses in which nothing is planned any more: no reminders, no overdue items. */
export const CLOSED_STATUSES: ReadonlySet<TrajectStatus> = new Set([
  'afgerond',
  'afgerond-werkbezoek',
  'tussentijds-gestopt',
  'geannuleerd',
  'afgewezen',
]);

/** Statuses of a traject that ended before its plan did: nothing after the stop is planned any more. */
export const ENDED_EARLY_STATUSES: ReadonlySet<TrajectStatus> = new Set([
  'tussentijds-gestopt',
  'geannuleerd',
]);

/**
 * Statuses the public overview leaves out: an aanmelding the VNG team has not accepted (its name as the
 * applicant typed it) or declined. Once accepted it is a traject and public.
 */
export const UNLISTED_STATUSES: ReadonlySet<TrajectStatus> = new Set(['aangemeld', 'afgewezen']);

/** Roles of people in a traject (DOMAIN.md "Who uses it"). */
export const ROLES = [
  'ambtelijk-contactpersoon',
  'ambtelijke-ondersteuning',
  'bestuurder',
  'professional',
  'inwoner',
  'vng-lead',
  'vng-expert',
  'moderator',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, LocalizedText> = {
  'ambtelijk-contactpersoon': { nl: 'Ambtelijk contactpersoon', en: 'Municipal contact person' },
  'ambtelijke-ondersteuning': { nl: 'Ambtelijke ondersteuning', en: 'Administrative support' },
  bestuurder: { nl: 'Bestuurder', en: 'Executive (alderman)' },
  professional: { nl: 'Professional (beleid/uitvoering)', en: 'Professional (policy/practice)' },
  inwoner: { nl: 'Inwoner of ervaringsdeskundige', en: 'Resident or expert by experience' },
  'vng-lead': { nl: 'Trajectleider VNG', en: 'VNG lead' },
  'vng-expert': { nl: 'Expert VNG', en: 'VNG expert' },
  moderator: { nl: 'Moderator', en: 'Moderator' },
};

/** Perspectives heard in the duo-interviews (seed 002 §1.1; issue "Duo-interview scheduler"). */
export const PERSPECTIVES = ['bestuur', 'management', 'beleid', 'uitvoering', 'inwoner', 'partner'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
export const PERSPECTIVE_LABELS: Record<Perspective, LocalizedText> = {
  bestuur: { nl: 'Bestuur', en: 'Executive' },
  management: { nl: 'Management', en: 'Management' },
  beleid: { nl: 'Beleid', en: 'Policy' },
  uitvoering: { nl: 'Uitvoering', en: 'Practice' },
  inwoner: { nl: 'Inwoner', en: 'Resident' },
  partner: { nl: 'Partner', en: 'Partner organisation' },
};

/** School-holiday regions as the Rijksoverheid publishes them. */
export const REGIONS = ['noord', 'midden', 'zuid'] as const;
export type Region = (typeof REGIONS)[number];
