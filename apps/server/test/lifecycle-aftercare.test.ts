import { createTrajectFromTemplate, getBuiltInTemplate } from '@visieleren/core';
import { createStore, lifecycleOf, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFullChecklist } from '../src/domain.js';
import { createAftercareSource } from '../src/lifecycle/aftercare-source.js';
import { createReminderSource } from '../src/reminders/reminder-source.js';

const template = getBuiltInTemplate('visieleertraject');
let store: Store;

beforeAll(async () => {
  store = await createStore({ inMemory: true });
  await store.migrate();
  // A finished traject: the borgingssessie was held on Wednesday 24 March 2027.
  const planned = createTrajectFromTemplate(template, {
    id: 'ede-afgerond',
    gemeenten: [{ name: 'Ede' }],
    kernvraag: 'k',
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
  await store.trajects.create(
    withFullChecklist(
      createTrajectFromTemplate(template, {
        id: 'westland-geannuleerd',
        gemeenten: [{ name: 'Westland' }],
        kernvraag: 'k',
        start: '2027-01-11',
        status: 'geannuleerd',
      }),
      template,
    ),
    'test',
  );
}, 60_000);
afterAll(() => store.close());

describe('the nazorggesprek reaches the dispatcher', () => {
  it('is due 14 days before the talk, six months after the borgingssessie, for a finished traject', async () => {
    const source = createReminderSource({
      trajects: store.trajects,
      extra: createAftercareSource(store, { nazorgMonths: 6 }),
    });
    // 24 September 2027 (a Friday) is the talk; 14 days before is 10 September, due at 09:00 Amsterdam.
    const tick = await source.load(new Date('2027-09-10T08:00:00Z'));
    const keys = tick.due.map((intent) => intent.key);
    expect(keys).toEqual(['ede-afgerond:nazorggesprek:nazorggesprek@2027-09-24-14d']);
    const intent = tick.due[0]!;
    expect(tick.check(intent)).toMatchObject({ holds: true });
    expect(tick.timelyUntil(intent).getTime()).toBeGreaterThan(Date.parse(intent.dueAt));
  });

  it('follows a nazorggesprek the VNG team planned itself', async () => {
    await lifecycleOf(store).upsertExtraSession(
      'ede-afgerond',
      { key: 'nazorg', kind: 'nazorggesprek', plannedDate: '2027-11-03' },
      'test',
    );
    const source = createReminderSource({
      trajects: store.trajects,
      extra: createAftercareSource(store, { nazorgMonths: 6 }),
    });
    expect((await source.load(new Date('2027-09-10T08:00:00Z'))).due).toEqual([]);
    const tick = await source.load(new Date('2027-11-02T08:30:00Z'));
    expect(tick.due.map((intent) => intent.occurrence)).toEqual(['nazorggesprek@2027-11-03-1d']);
  });
});
