import type { ReminderIntent, Traject } from '@visieleren/core';

/** A complete, valid core Traject with people, a checklist and hours; override any field. */
export function sampleTraject(overrides: Partial<Traject> = {}): Traject {
  return {
    id: 'tr-ede',
    gemeenten: [{ name: 'Ede', cbsCode: 'GM0228', inwoners: 120000 }],
    kernvraag: 'Hoe houden we rust en regie in de toegang?',
    themes: ['rust-en-regie'],
    templateKey: 'visieleertraject',
    startDate: '2027-01-11',
    status: 'lopend',
    region: 'midden',
    participants: [
      {
        id: 'p-anna',
        name: 'Anna de Vries',
        email: 'anna.de_vries@ede.nl',
        role: 'ambtelijk-contactpersoon',
        perspective: 'beleid',
        organisation: 'Gemeente Ede',
      },
      { id: 'p-bas', name: 'Bas Jansen', role: 'bestuurder', perspective: 'bestuur' },
    ],
    phases: [
      { key: 'verkennen', plannedStart: '2027-01-11', plannedEnd: '2027-01-22' },
      { key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-12', actualStart: '2027-01-26' },
      { key: 'borgen', plannedStart: '2027-02-15', plannedEnd: '2027-02-19' },
    ],
    sessions: [
      { key: 'intake', phaseKey: 'verkennen', plannedDate: '2027-01-12', actualDate: '2027-01-12' },
      { key: 'duo-interviews', phaseKey: 'luisteren', plannedDate: '2027-02-02' },
    ],
    checklist: [
      {
        itemId: 'kernvraag-vastgesteld',
        done: true,
        doneAt: '2027-01-12T10:00:00.000Z',
        doneBy: 'Bas Jansen',
      },
      { itemId: 'deelnemers-uitgenodigd', done: false },
    ],
    // Same day, ids out of alphabetical order: the store must give them back in the order they were logged.
    hours: [
      { id: 'h1', role: 'ambtelijk-contactpersoon', participantId: 'p-anna', date: '2027-01-12', hours: 4 },
      { id: 'h9', role: 'bestuurder', participantId: 'p-bas', date: '2027-01-12', hours: 1 },
      {
        id: 'h2',
        role: 'bestuurder',
        participantId: 'p-bas',
        date: '2027-01-12',
        hours: 2,
        note: 'voorbereiding',
      },
    ],
    ...overrides,
  };
}

export function sampleIntent(overrides: Partial<ReminderIntent> = {}): ReminderIntent {
  const trajectId = overrides.trajectId ?? 'tr-ede';
  const occurrence = overrides.occurrence ?? 'luisteren';
  return {
    key: `${trajectId}:phase-start:${occurrence}`,
    trajectId,
    ruleId: 'phase-start',
    kind: 'phase-start',
    occurrence,
    dueAt: '2027-01-25T07:00:00.000Z',
    audience: ['ambtelijk-contactpersoon'],
    message: { nl: 'De fase Luisteren begint vandaag.', en: 'The Listening phase starts today.' },
    subject: { phaseKey: occurrence },
    ...overrides,
  };
}

/** Strips the store's bookkeeping so a stored traject can be compared with the core Traject it came from. */
export function withoutBookkeeping<T extends { revision: number; createdAt: string; updatedAt: string }>(
  stored: T,
): Omit<T, 'revision' | 'createdAt' | 'updatedAt'> {
  const { revision: _revision, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = stored;
  return rest;
}
