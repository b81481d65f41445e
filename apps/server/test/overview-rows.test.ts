import { addDays, fixedClock } from '@visieleren/core';
import { createStore, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectDomain } from '../src/domain.js';
import { createOverviewRows } from '../src/http/overview-rows.js';

/** The overview's rows are recomputed when a traject changes or the day turns, and reused otherwise. */

const TODAY = '2027-03-10';
const domain = createTrajectDomain(fixedClock(`${TODAY}T09:00:00Z`));
let store: Store;
let fullLoads = 0;

beforeAll(async () => {
  store = await createStore({ inMemory: true });
  await store.migrate();
  for (const [id, name] of [
    ['ede-2027', 'Ede'],
    ['urk-2027', 'Urk'],
  ] as const) {
    await store.trajects.create(
      domain.createTraject({
        id,
        templateKey: 'visieleertraject',
        // Started long enough ago that the first phase's checklist items are overdue.
        startDate: addDays(TODAY, -40),
        gemeenten: [{ name }],
        kernvraag: 'Hoe houden we de toegang dichtbij?',
        themes: ['inwoner-centraal'],
        participants: [],
        status: 'lopend',
      }),
      'test',
    );
  }
}, 30_000);

afterAll(async () => {
  await store?.close();
});

function countingStore(): Pick<Store, 'trajects'> {
  return {
    trajects: new Proxy(store.trajects, {
      get(target, property, receiver) {
        if (property === 'list') fullLoads += 1;
        return Reflect.get(target, property, receiver);
      },
    }),
  };
}

describe('the overview rows', () => {
  it('are reused until a traject changes, and then show the change', async () => {
    const rows = createOverviewRows(countingStore(), domain);
    const first = await rows(TODAY);
    const ede = () => first.find((row) => row.trajectId === 'ede-2027');
    expect(ede()?.overdueItems).toBeGreaterThan(0);
    expect(await rows(TODAY)).toBe(first);
    expect(fullLoads).toBe(1);

    // Tick one overdue item of Ede: its revision moves, so the rows are made again.
    const traject = await store.trajects.get('ede-2027', { kind: 'all' });
    const open = traject.checklist.find((item) => !item.done);
    if (!open) throw new Error('Ede heeft geen open checklistpunt');
    await store.trajects.setChecklistItem(
      'ede-2027',
      { itemId: open.itemId, done: true, by: 'test', at: `${TODAY}T09:00:00Z` },
      { actor: 'test' },
    );
    const second = await rows(TODAY);
    expect(fullLoads).toBe(2);
    expect(second.find((row) => row.trajectId === 'ede-2027')?.overdueItems).toBe(
      (ede()?.overdueItems ?? 0) - 1,
    );
  });

  it('are made again when the day turns', async () => {
    const rows = createOverviewRows(countingStore(), domain);
    const before = fullLoads;
    await rows(TODAY);
    await rows(TODAY);
    await rows(addDays(TODAY, 1));
    expect(fullLoads).toBe(before + 2);
  });
});
