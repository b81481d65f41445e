import type { Gemeente } from '../model/traject.js';
import type { IsoDate, Region, Theme, TrajectStatus } from '../model/vocabulary.js';

/** How far a demo traject got: phases fully done, and whether the next one had started. */
export interface DemoHistory {
  /** Phases (in template order) that ended. */
  completedPhases: number | 'all';
  /** The phase after the completed ones has an actual start. */
  nextStarted: boolean;
  /** A traject that stopped: the started phase ended after this many working days. */
  stoppedAfterWorkingDays?: number;
  /** Working days each completed phase ran over its planned length ("vaak uitloopt", seed 002 §1.1). */
  overrunWorkingDays: readonly number[];
}

export interface DemoTrajectSpec {
  id: string;
  gemeenten: Gemeente[];
  kernvraag: string;
  themes: Theme[];
  status: TrajectStatus;
  /** Why it has its status, as the source words it (Tabel 1 gives one for Oldenzaal). */
  statusReason?: string;
  /**
   * Sessions the source says were still to come after the report ("Er vindt in 2024 nog een inwonerssessie
   * en een afrondende borgingsessie plaats"): planned, in that order, on illustrative dates after the report.
   */
  stillPlanned?: ReadonlyArray<{ session: 'borgingssessie' | 'inwonerssessie'; date: IsoDate }>;
  region?: Region;
  /** Illustrative: Tabel 1 gives no dates, only that the nine started within eighteen months before April 2024. */
  start: IsoDate;
  history: DemoHistory;
}

/**
 * The day the nine trajects of Tabel 1 are known as of: seed 002 covers "september 2022 tot en met april
 * 2024" and is dated April 2024. The last day of that month is OUR reading (the report names no day). The
 * demo shows them as of then, so the two still open in the table never nag today.
 */
export const TABLE_1_AS_OF = '2024-04-30';

/**
 * The nine visieleertrajecten of seed 002 Tabel 1 ("Vraagstelling van Visieleertrajecten"), public data.
 * - gemeenten and thema/vraagstuk as in the table; CBS codes from the CBS gemeente list.
 * - status mapped onto our statuses; "Er vindt in 2024 een afrondende borgingsessie plaats" is
 *   borgingssessie-gepland, the Twenterand row inwonerssessie-gepland.
 * - themes are OUR reading of each vraagstuk against the three themes of seed 002 ch. 2-4.
 * - start dates, overruns and the dates of the sessions still planned are ILLUSTRATIVE (the table has no
 *   dates): the trajects carry `illustrative: ['data']`, so every surface says so. Nothing else is added:
 *   no ticked items, no hours, no participants (the table gives none).
 * - school-holiday regions follow the province (Zeeland and Noord-Brabant zuid; Noord-Holland,
 *   Overijssel and Friesland noord; Gelderland, Zeewolde and Zuid-Holland midden). West Brabant Oost is
 *   a region of several gemeenten that the table does not list, so it is one entry without a code.
 */
export const TABLE_1_TRAJECTS: readonly DemoTrajectSpec[] = [
  {
    id: 'schouwen-duiveland',
    gemeenten: [{ name: 'Schouwen-Duiveland', cbsCode: 'GM1676' }],
    kernvraag: 'Toegang en gebiedsgericht werken (pilot).',
    themes: ['inwoner-centraal', 'rust-en-regie'],
    status: 'afgerond',
    region: 'zuid',
    start: '2022-10-03',
    history: { completedPhases: 'all', nextStarted: false, overrunWorkingDays: [0, 5, 10, 5, 15] },
  },
  {
    id: 'west-brabant-oost',
    gemeenten: [{ name: 'West Brabant Oost' }],
    kernvraag:
      'Uitwerken van de ambitie om de toegang regionaal te harmoniseren en daarbij de verhouding tot couleur lokaal te verkennen.',
    themes: ['balans-lokaal-regionaal'],
    status: 'afgerond',
    region: 'zuid',
    start: '2022-11-14',
    history: { completedPhases: 'all', nextStarted: false, overrunWorkingDays: [0, 0, 10, 5, 20] },
  },
  {
    id: 'ermelo-harderwijk-zeewolde',
    gemeenten: [
      { name: 'Ermelo', cbsCode: 'GM0233' },
      { name: 'Harderwijk', cbsCode: 'GM0243' },
      { name: 'Zeewolde', cbsCode: 'GM0050' },
    ],
    kernvraag:
      'Leidende principes voor de brede visienota sociaal domein (hoofdstuk toegang) en advies op inrichting van de toegangsorganisatie.',
    themes: ['rust-en-regie', 'balans-lokaal-regionaal'],
    status: 'afgerond-werkbezoek',
    region: 'midden',
    start: '2023-01-16',
    history: { completedPhases: 'all', nextStarted: false, overrunWorkingDays: [5, 0, 10, 0, 10] },
  },
  {
    id: 'oldenzaal',
    gemeenten: [{ name: 'Oldenzaal', cbsCode: 'GM0173' }],
    kernvraag: 'Wat is de rol van het Sociaal plein in het sociaal domein van de gemeente Oldenzaal?',
    themes: ['rust-en-regie'],
    status: 'tussentijds-gestopt',
    statusReason: 'Gewijzigde timing en voortschrijdend inzicht',
    region: 'noord',
    start: '2023-03-13',
    history: {
      completedPhases: 2,
      nextStarted: true,
      stoppedAfterWorkingDays: 10,
      overrunWorkingDays: [5, 10],
    },
  },
  {
    id: 'stede-broec-enkhuizen-drechterland',
    gemeenten: [
      { name: 'Stede Broec', cbsCode: 'GM0532' },
      { name: 'Enkhuizen', cbsCode: 'GM0388' },
      { name: 'Drechterland', cbsCode: 'GM0498' },
    ],
    kernvraag: 'Oplossen onwenselijke wachttijden door harmonisatie van de drie gemeentelijke processen.',
    themes: ['rust-en-regie', 'balans-lokaal-regionaal'],
    status: 'borgingssessie-gepland',
    region: 'noord',
    start: '2023-05-08',
    stillPlanned: [{ session: 'borgingssessie', date: '2024-05-22' }],
    history: { completedPhases: 4, nextStarted: false, overrunWorkingDays: [0, 5, 15, 10] },
  },
  {
    id: 'hoorn',
    gemeenten: [{ name: 'Hoorn', cbsCode: 'GM0405' }],
    kernvraag: 'Hoe kunnen we integraal werken in de toegang – werkprocessen – actieve lokale teams?',
    themes: ['rust-en-regie', 'inwoner-centraal'],
    status: 'afgerond',
    region: 'noord',
    start: '2023-06-05',
    history: { completedPhases: 'all', nextStarted: false, overrunWorkingDays: [0, 0, 5, 5, 5] },
  },
  {
    id: 'twenterand',
    gemeenten: [{ name: 'Twenterand', cbsCode: 'GM1700' }],
    kernvraag:
      'Hervormingsagenda – een duurzame en toekomstbestendige toegang gebaseerd op de hulpvragen van inwoners.',
    themes: ['inwoner-centraal'],
    status: 'inwonerssessie-gepland',
    region: 'noord',
    start: '2023-09-11',
    stillPlanned: [
      { session: 'inwonerssessie', date: '2024-05-29' },
      { session: 'borgingssessie', date: '2024-06-12' },
    ],
    history: { completedPhases: 4, nextStarted: false, overrunWorkingDays: [5, 5, 10, 10] },
  },
  {
    id: 'sudwest-fryslan',
    gemeenten: [{ name: 'Súdwest-Fryslân', cbsCode: 'GM1900' }],
    kernvraag:
      'Een duurzaam en toekomstbestendig lokaal jeugdhulpstelsel, mede in relatie tot de vele vragen vanuit de samenleving (hoge zorgvraag), de gemeente (veel verantwoordelijkheden belegd in gebiedsteams) en landelijk (nieuwe verantwoordelijkheden HA en toekomstscenario).',
    themes: ['inwoner-centraal', 'rust-en-regie'],
    status: 'afgerond',
    region: 'noord',
    start: '2023-10-02',
    history: { completedPhases: 'all', nextStarted: false, overrunWorkingDays: [0, 5, 5, 10, 10] },
  },
  {
    id: 'westland',
    gemeenten: [{ name: 'Westland', cbsCode: 'GM1783' }],
    kernvraag:
      'Toewerken naar een integraal toegangsmodel vanuit een situatie van versnipperde verantwoordelijkheden.',
    themes: ['rust-en-regie'],
    status: 'geannuleerd',
    region: 'midden',
    start: '2024-01-15',
    history: { completedPhases: 0, nextStarted: true, stoppedAfterWorkingDays: 5, overrunWorkingDays: [] },
  },
];
