import {
  acceptAanmelding,
  DEMO_PROGRAMMES,
  demoPortfolio,
  getBuiltInTemplate,
  programmeProgress,
  trajectFromAanmelding,
} from '@visieleren/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, lifecycleOf, type Store } from '../src/index.js';
import { freshDatabase } from './support/postgres.js';

const template = getBuiltInTemplate('visieleertraject');
const answers = {
  gemeente: 'Hoorn',
  'cbs-code': 'GM0405',
  'contact-naam': 'Fatima El Amrani',
  'contact-email': 'F.ElAmrani@hoorn.nl',
  kernvraag: 'Hoe werken we integraal in de toegang?',
  themas: ['rust-en-regie'],
};

const drivers: Array<[string, () => Promise<{ store: Store; cleanup(): Promise<void> }>]> = [
  [
    'PGlite',
    async () => {
      const store = await createStore({ inMemory: true });
      return { store, cleanup: () => store.close() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await freshDatabase();
      const store = await createStore({ databaseUrl: database.url, maxConnections: 4 });
      return {
        store,
        async cleanup() {
          await store.close();
          await database.drop();
        },
      };
    },
  ],
];

describe.each(drivers)('the traject lifecycle on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
    await store.migrate();
  }, 60_000);
  afterAll(() => cleanup());

  it('keeps an aanmelding, accepts it into a plan and records the kernvraag history', async () => {
    const lifecycle = lifecycleOf(store);
    const { traject, intake } = trajectFromAanmelding(answers, {
      id: 'hoorn-2027-0001',
      submittedOn: '2027-01-04',
      template,
    });
    const created = await lifecycle.createFromAanmelding(
      traject,
      intake,
      { submittedAt: '2027-01-04T10:00:00.000Z', submissionId: 'sub-1' },
      'formulier',
    );
    expect(created.status).toBe('aangemeld');
    expect(created.participants[0]?.email).toBe('F.ElAmrani@hoorn.nl');
    expect((await lifecycle.getIntake(traject.id))?.vraagstuk).toBe(answers.kernvraag);

    const accepted = acceptAanmelding(created, {
      template,
      start: '2027-02-01',
      answers: { ...answers, 'bestuurder-wie': 'Ria Smit, wethouder' },
    });
    const stored = await lifecycle.accept(accepted, {
      actor: 'token:vng',
      expectedRevision: created.revision,
    });
    expect(stored.status).toBe('lopend');
    expect(stored.startDate).toBe('2027-02-01');
    expect(stored.phases[0]?.plannedStart).toBe('2027-02-01');
    // The wethouder the aanmelding names is a participant now; the items it answered are ticked.
    expect(stored.participants.map((p) => [p.role, p.name])).toContainEqual(['bestuurder', 'Ria Smit']);
    const ticked = stored.checklist.find((item) => item.itemId === 'aanmelding-versturen');
    expect(ticked).toMatchObject({ done: true, doneBy: 'formulier:aanmelding' });
    expect(ticked?.doneAt).toBeTruthy();
    await expect(lifecycle.accept(accepted, { actor: 'token:vng' })).rejects.toThrow(/aangemeld/);
    expect((await lifecycle.getIntake(traject.id))?.decision?.kind).toBe('geaccepteerd');

    const sharpened = await lifecycle.changeKernvraag(traject.id, 'Hoe maken we lokale teams actief?', {
      actor: 'vng-lead@vng.nl',
      note: 'Kick-off',
    });
    expect(sharpened.kernvraag).toBe('Hoe maken we lokale teams actief?');
    const history = await lifecycle.kernvraagHistory(traject.id);
    expect(history.map((entry) => [entry.kind, entry.text])).toEqual([
      ['vraagstuk', answers.kernvraag],
      ['kernvraag', 'Hoe maken we lokale teams actief?'],
    ]);
    expect(history[1]?.by).toBe('vng-lead@vng.nl');
  });

  it('declines an aanmelding with its reason and keeps what was submitted', async () => {
    const lifecycle = lifecycleOf(store);
    const { traject, intake } = trajectFromAanmelding(answers, {
      id: 'hoorn-2027-0002',
      submittedOn: '2027-01-04',
      template,
    });
    await lifecycle.createFromAanmelding(
      traject,
      intake,
      { submittedAt: '2027-01-04T10:00:00Z' },
      'formulier',
    );
    const declined = await lifecycle.decline(traject.id, 'Nog geen bestuurlijk draagvlak', { actor: 'vng' });
    expect(declined.status).toBe('afgewezen');
    const kept = await lifecycle.getIntake(traject.id);
    expect(kept?.decision).toMatchObject({ kind: 'afgewezen', reason: 'Nog geen bestuurlijk draagvlak' });
    expect(kept?.answers).toEqual(answers);
  });

  it('replaces a person’s form answers on resubmission, with an audit entry', async () => {
    const lifecycle = lifecycleOf(store);
    const first = await lifecycle.recordFormAnswers(
      {
        trajectId: 'hoorn-2027-0001',
        formId: 'evaluatie',
        respondent: 'Jan@Hoorn.nl',
        answers: { cijfer: 6 },
        submissionId: 'a',
      },
      'formulier',
    );
    const second = await lifecycle.recordFormAnswers(
      {
        trajectId: 'hoorn-2027-0001',
        formId: 'evaluatie',
        respondent: 'jan@hoorn.nl',
        answers: { cijfer: 8 },
        submissionId: 'b',
      },
      'formulier',
    );
    expect([first.replaced, second.replaced]).toEqual([false, true]);
    const current = await lifecycle.listFormAnswers('hoorn-2027-0001', 'evaluatie');
    expect(current).toHaveLength(1);
    expect(current[0]?.answers).toEqual({ cijfer: 8 });
    const audit = await store.audit.list({ trajectId: 'hoorn-2027-0001', action: 'form.answers.replace' });
    expect(audit[0]?.detail).toMatchObject({ submissionId: 'b', replacedSubmissionId: 'a' });
    expect(JSON.stringify(audit)).not.toContain('jan@hoorn.nl');
    await expect(
      lifecycle.recordFormAnswers(
        { trajectId: 'bestaat-niet', formId: 'nazorg', respondent: 'x', answers: {} },
        'f',
      ),
    ).rejects.toThrow(/bestaat niet/);
  });

  it('versions deliverables, keeps the team and extra sessions, and forgets a person', async () => {
    const lifecycle = lifecycleOf(store);
    const id = 'hoorn-2027-0001';
    await lifecycle.addDeliverable(id, { kind: 'advies', body: 'Eerste versie' }, 'vng');
    const second = await lifecycle.addDeliverable(
      id,
      { kind: 'advies', state: 'gepresenteerd', url: 'https://vng.nl/advies.pdf' },
      'vng',
    );
    expect(second.version).toBe(2);
    await expect(lifecycle.addDeliverable(id, { kind: 'advies' } as never, 'vng')).rejects.toThrow(/body/);
    const team = await lifecycle.upsertTeamMember(
      id,
      {
        id: 'expert-1',
        name: 'Expert',
        email: 'expert@vng.nl',
        role: 'vng-expert',
        expertise: ['uitvoerend'],
      },
      'vng',
    );
    expect(team).toHaveLength(1);
    const extra = await lifecycle.upsertExtraSession(
      id,
      { key: 'werkbezoek-1', kind: 'werkbezoek', plannedDate: '2027-06-01' },
      'vng',
    );
    expect(extra[0]?.kind).toBe('werkbezoek');
    const dossier = await lifecycle.dossier(id);
    expect(dossier.deliverables).toHaveLength(2);
    expect(dossier.intake?.contact.email).toBe('F.ElAmrani@hoorn.nl');
    const forgotten = await lifecycle.forgetPerson('f.elamrani@HOORN.nl', 'cli');
    expect(forgotten.intakes).toBe(2);
    expect((await lifecycle.getIntake(id))?.contact.email).toBe('verwijderd');
    expect((await lifecycle.forgetPerson('jan@hoorn.nl', 'cli')).formAnswers).toBe(1);
    expect((await lifecycle.forgetPerson('expert@vng.nl', 'cli')).team).toBe(1);
  });

  it('keeps a status reason and which parts of a demo traject are illustrative', async () => {
    const oldenzaal = demoPortfolio('2027-01-04', template).find((traject) => traject.id === 'oldenzaal')!;
    const stored = await store.trajects.create({ ...oldenzaal, id: 'oldenzaal-kopie' }, 'demo');
    expect(stored.statusReason).toBe('Gewijzigde timing en voortschrijdend inzicht');
    expect(stored.illustrative).toEqual(['data']);
  });

  it('stores lessons and programmes with measurements', async () => {
    const lifecycle = lifecycleOf(store);
    const lesson = await lifecycle.addLesson(
      {
        theme: 'rust-en-regie',
        trajectId: 'hoorn-2027-0001',
        title: 'Eén aanspreekpunt werkt',
        body: 'Inwoners met meerdere vragen willen één vast aanspreekpunt.',
        uitgangspunten: ['regie-en-zeggenschap'],
      },
      'vng',
    );
    expect(lesson.shared).toBe(false);
    expect(lesson.approval).toBe('goedgekeurd');
    const waiting = await lifecycle.addLesson(
      { theme: 'rust-en-regie', title: 'Uit de gemeente', body: 'Wacht op het VNG-team.', approval: 'wacht' },
      'token:hoorn',
    );
    expect(waiting.approval).toBe('wacht');
    expect((await lifecycle.decideLesson(waiting.id, 'goedgekeurd', 'token:vng')).approval).toBe(
      'goedgekeurd',
    );
    await expect(lifecycle.decideLesson('bestaat-niet', 'afgewezen', 'token:vng')).rejects.toThrow(
      /bestaat niet/,
    );
    expect((await lifecycle.listLessons()).map((candidate) => candidate.id)).toContain(lesson.id);
    await expect(
      lifecycle.addLesson({ theme: 'onbekend' as never, title: 'x', body: 'y' }, 'vng'),
    ).rejects.toThrow(/theme/);

    for (const traject of demoPortfolio('2027-01-04', template)) await store.trajects.create(traject, 'demo');
    for (const programme of DEMO_PROGRAMMES) await lifecycle.upsertProgramme(programme, 'demo');
    const programmes = await lifecycle.listProgrammes();
    expect(programmes.map((programme) => programme.key)).toEqual([
      'impuls-vakmanschap',
      'visieleertrajecten-2022-2024',
    ]);
    const visieleren = await lifecycle.getProgramme('visieleertrajecten-2022-2024');
    expect(visieleren.trajectIds).toHaveLength(9);
    await lifecycle.addMeasurement(
      'visieleertrajecten-2022-2024',
      { indicatorId: 'nazorggesprekken', measuredOn: '2024-09-30', value: 4 },
      'vng',
    );
    await expect(
      lifecycle.addMeasurement(
        'visieleertrajecten-2022-2024',
        { indicatorId: 'trajecten-afgerond', measuredOn: '2024-09-30', value: 4 },
        'vng',
      ),
    ).rejects.toThrow(/indicator/);
    const progress = programmeProgress(
      visieleren,
      await store.trajects.summaries({ kind: 'all' }),
      await lifecycle.measurements(visieleren.key),
      '2027-01-04',
    );
    expect(progress.trajects.total).toBe(9);
    const finished = progress.indicators.find((indicator) => indicator.id === 'trajecten-afgerond')!;
    expect(finished.latest?.value).toBe(5);
    // The report sets no target (Tabel 1 has one stopped and one cancelled traject), and the programme is
    // measured on its report date.
    expect(finished.reached).toBeUndefined();
    expect(progress.measuredOn).toBe('2024-04-30');
    expect(progress.indicators.find((indicator) => indicator.id === 'nazorggesprekken')?.latest?.value).toBe(
      4,
    );
  });
});
