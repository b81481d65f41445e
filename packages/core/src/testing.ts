/**
 * Test kit for packages that build on core: builders with sensible defaults and overrides.
 * Each module adds its builders here.
 */
import { type DuoRound, type DuoRoundInput, parseDuoRound } from './duo/schema.js';
import type { Traject } from './model/traject.js';
import { type Template, type TemplateInput, templateSchema } from './templates/schema.js';

export * from './testing/index.js';

/**
 * A small, valid template for tests that must not depend on the shipped data: three phases (2, 3 and 1
 * weeks), a session with bestuurders, checklist items and one reminder rule of each kind.
 */
export function buildTemplate(overrides: Partial<TemplateInput> = {}): Template {
  const text = (nl: string, en = nl) => ({ nl, en });
  return templateSchema.parse({
    key: 'test-traject',
    version: '1',
    name: text('Testtraject', 'Test traject'),
    description: text('Een template voor tests.', 'A template for tests.'),
    targetWeeks: 6,
    phases: [
      {
        key: 'verkennen',
        name: text('Verkennen', 'Explore'),
        description: text('De vraag verkennen.', 'Explore the question.'),
        durationWeeks: 2,
        sessions: [{ key: 'intake', name: text('Intake'), weekInPhase: 0, weekday: 2 }],
        checklist: [
          {
            id: 'contactpersoon-benoemd',
            text: text('Contactpersoon benoemd', 'Contact person named'),
            dueWeekInPhase: 0,
          },
          { id: 'vit-ingevuld', text: text('VIT ingevuld', 'VIT filled in') },
        ],
      },
      {
        key: 'luisteren',
        name: text('Luisteren', 'Listen'),
        description: text('Duo-interviews.', 'Paired interviews.'),
        durationWeeks: 3,
        sessions: [
          { key: 'kick-off', name: text('Kick-off'), weekInPhase: 0, weekday: 3, withBestuurders: true },
          {
            key: 'duo-interviews',
            name: text('Duo-interviews', 'Paired interviews'),
            weekInPhase: 1,
            weekday: 2,
          },
        ],
        checklist: [{ id: 'interviews-gepland', text: text('Interviews gepland', 'Interviews scheduled') }],
      },
      {
        key: 'borgen',
        name: text('Borgen', 'Embed'),
        description: text('Borgingssessie.', 'Embedding session.'),
        durationWeeks: 1,
        sessions: [
          {
            key: 'borgingssessie',
            name: text('Borgingssessie', 'Embedding session'),
            weekInPhase: 0,
            weekday: 4,
            withBestuurders: true,
            durationHours: 3,
          },
        ],
        checklist: [{ id: 'advies-besproken', text: text('Advies besproken', 'Advice discussed') }],
      },
    ],
    programmeSteps: [
      { number: 1, name: text('Aanmelding'), phaseKeys: ['verkennen'] },
      { number: 2, name: text('Verdieping'), phaseKeys: ['luisteren', 'borgen'] },
      { number: 3, name: text('Delen van geleerde lessen'), phaseKeys: [] },
    ],
    commitments: [
      {
        kind: 'hours-per-week',
        role: 'ambtelijk-contactpersoon',
        minHours: 6,
        maxHours: 8,
        source: 'test',
      },
      { kind: 'dagdelen', role: 'bestuurder', minDagdelen: 2, plusPreparation: true, source: 'test' },
    ],
    reminderRules: [
      { kind: 'phase-start', id: 'fase-start', audience: ['ambtelijk-contactpersoon'], daysBefore: 7 },
      { kind: 'session', id: 'sessie-morgen', audience: ['bestuurder'], daysBefore: 1 },
      { kind: 'hours-check-in', id: 'uren', audience: ['ambtelijk-contactpersoon'], weekday: 1 },
      {
        kind: 'checklist-overdue',
        id: 'checklist-te-laat',
        audience: ['ambtelijk-contactpersoon'],
        graceDays: 2,
      },
    ],
    ...overrides,
  });
}

/**
 * A valid traject for the `buildTemplate()` template starting Monday 11 January 2027, with its baseline
 * plan filled in; override any field.
 */
/**
 * Progress of `buildTraject()` on `buildTemplate()` where verkennen is done on time and luisteren started on
 * time but has no end: past 12 February 2027 it overruns, and borgen has to wait for it.
 */
export function slippingPhases(): Traject['phases'] {
  return [
    {
      key: 'verkennen',
      plannedStart: '2027-01-11',
      plannedEnd: '2027-01-22',
      actualStart: '2027-01-11',
      actualEnd: '2027-01-22',
    },
    { key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-12', actualStart: '2027-01-25' },
    { key: 'borgen', plannedStart: '2027-02-15', plannedEnd: '2027-02-19' },
  ];
}

export function buildTraject(overrides: Partial<Traject> = {}): Traject {
  return {
    id: 'traject-test',
    gemeenten: [{ name: 'Testgemeente', cbsCode: 'GM9999' }],
    kernvraag: 'Hoe zetten we de inwoner centraal in de toegang?',
    themes: ['inwoner-centraal'],
    templateKey: 'test-traject',
    startDate: '2027-01-11',
    status: 'lopend',
    participants: [],
    phases: [
      { key: 'verkennen', plannedStart: '2027-01-11', plannedEnd: '2027-01-22' },
      { key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-12' },
      { key: 'borgen', plannedStart: '2027-02-15', plannedEnd: '2027-02-19' },
    ],
    sessions: [
      { key: 'intake', phaseKey: 'verkennen', plannedDate: '2027-01-12' },
      { key: 'kick-off', phaseKey: 'luisteren', plannedDate: '2027-01-27' },
      { key: 'duo-interviews', phaseKey: 'luisteren', plannedDate: '2027-02-02' },
      { key: 'borgingssessie', phaseKey: 'borgen', plannedDate: '2027-02-18' },
    ],
    checklist: [],
    hours: [],
    ...overrides,
  };
}

/**
 * A small, valid duo-interview round: four participants of four perspectives, three slots on one morning,
 * one moderator for two interviews, a 15-minute buffer. Everyone fits, so overrides can take something away.
 */
export function buildDuoRound(overrides: Partial<DuoRoundInput> = {}): DuoRound {
  const slot = (id: string, from: string, to: string) => ({
    id,
    start: `2027-02-01T${from}`,
    end: `2027-02-01T${to}`,
  });
  return parseDuoRound({
    slots: [slot('s1', '09:00', '10:00'), slot('s2', '10:30', '11:30'), slot('s3', '13:00', '14:00')],
    participants: [
      { id: 'anna', name: 'Anna de Vries', perspective: 'bestuur', available: ['s1', 's2'] },
      { id: 'bram', name: 'Bram Jansen', perspective: 'uitvoering', available: ['s1'] },
      { id: 'cor', name: 'Cor Bakker', perspective: 'beleid', available: ['s2', 's3'] },
      { id: 'dina', name: 'Dina Smit', perspective: 'inwoner', available: ['s2', 's3'] },
    ],
    moderators: [{ id: 'mo', name: 'Mo Kok', available: ['s1', 's2', 's3'], maxInterviews: 2 }],
    rules: { interviewsPerParticipant: 1, bufferMinutes: 15 },
    ...overrides,
  });
}
