import { aftercarePlan, createTrajectFromTemplate, getBuiltInTemplate } from '@visieleren/core';
import { createStore, lifecycleOf, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFullChecklist } from '../src/domain.js';
import { createAftercareSource } from '../src/lifecycle/aftercare-source.js';
import { applyFormSubmission } from '../src/lifecycle/form-outcomes.js';

const template = getBuiltInTemplate('visieleertraject');
let store: Store;

beforeAll(async () => {
  store = await createStore({ inMemory: true });
  await store.migrate();
  // A finished traject whose borgingssessie was held on Wednesday 24 March 2027.
  const planned = createTrajectFromTemplate(template, {
    id: 'ede-2027',
    gemeenten: [{ name: 'Ede' }],
    kernvraag: 'k',
    themes: ['inwoner-centraal'],
    start: '2027-01-11',
    status: 'afgerond',
  });
  const held = {
    ...planned,
    sessions: planned.sessions.map((session) => ({ ...session, actualDate: session.plannedDate })),
    phases: planned.phases.map((phase) => ({
      ...phase,
      actualStart: phase.plannedStart,
      actualEnd: phase.plannedEnd,
    })),
  };
  await store.trajects.create(withFullChecklist(held, template), 'test');
}, 60_000);
afterAll(() => store.close());

const submit = (formId: string, answers: Record<string, unknown>, submissionId: string) =>
  applyFormSubmission(store, {
    formId,
    trajectId: 'ede-2027',
    subject: 'contact@ede.nl',
    answers,
    submissionId,
    submittedAt: '2027-05-03T10:00:00Z',
  });

describe('aftercare follows the answers', () => {
  it('a submitted VIT ticks "vit-invullen", by whoever answered', async () => {
    expect(await submit('vit', {}, 's-vit')).toBe('vit');
    const traject = await store.trajects.get('ede-2027', { kind: 'all' });
    expect(traject.checklist.find((item) => item.itemId === 'vit-invullen')).toMatchObject({
      done: true,
      doneBy: 'contact@ede.nl',
    });
  });

  it('a preferred date in the nazorg form moves the nazorggesprek and its reminders', async () => {
    const answers = { voortgang: 'gestart', 'ondersteuning-nodig': false, 'gesprek-datum': '2027-06-12' };
    expect(await submit('nazorg', answers, 's-nazorg-1')).toBe('dossier');
    const lifecycle = lifecycleOf(store);
    const traject = await store.trajects.get('ede-2027', { kind: 'all' });
    const plan = aftercarePlan(traject, template, {
      today: '2027-05-03',
      formAnswers: await lifecycle.listFormAnswers('ede-2027'),
    });
    // Saturday 12 June → Monday 14 June.
    expect(plan.nazorggesprek).toEqual({ date: '2027-06-14', planned: false, basis: 'voorkeur' });
    const due = await createAftercareSource(store, { nazorgMonths: 6 })(new Date('2027-05-31T08:00:00Z'));
    expect(due.flatMap((entry) => entry.intents.map((intent) => intent.occurrence))).toEqual([
      'nazorggesprek@2027-06-14-14d',
    ]);
  });

  it('a lesson shared with consent waits for the VNG team once, and reaches the library when approved', async () => {
    const answers = {
      voortgang: 'gestart',
      'ondersteuning-nodig': false,
      les: 'Laat inwoners de kernvraag toetsen. Dat maakt de vraag scherper.',
      'delen-toestemming': true,
    };
    await submit('nazorg', answers, 's-nazorg-2');
    await submit('nazorg', answers, 's-nazorg-2');
    const lifecycle = lifecycleOf(store);
    const waiting = (await lifecycle.listLessons()).filter((lesson) => lesson.approval === 'wacht');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ trajectId: 'ede-2027', body: answers.les, shared: true });
    await lifecycle.decideLesson(waiting[0]!.id, 'goedgekeurd', 'vng:lead');
    const library = await lifecycle.listLessons();
    expect(library.find((lesson) => lesson.id === waiting[0]!.id)?.approval).toBe('goedgekeurd');
  });
});
