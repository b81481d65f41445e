import { afterEach, describe, expect, it } from 'vitest';
import {
  duplicateIds,
  type Harness,
  inventory,
  RUNNING_ID,
  rowOf,
  runningTraject,
  syncedHarness,
} from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const trajectId = RUNNING_ID;
const running = runningTraject();

describe('trash and restore', () => {
  it('a trashed row Visieleren still needs comes back out of the trash, not made again', async () => {
    harness = await syncedHarness(running);
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    const row = rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`);
    const pages = harness.fake.pageCount({ includeTrash: true });
    harness.fake.userTrashes(row.id);
    await harness.ports.trajects.setChecklistItem(
      trajectId,
      { itemId: item.itemId, done: true },
      { actor: 'vng:anne' },
    );
    harness.clock.advance(3 * 60_000);
    const report = await harness.sync();

    expect(report.operations).toContainEqual(expect.objectContaining({ kind: 'pagina-teruggezet' }));
    const back = rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`);
    expect(back.id).toBe(row.id);
    expect(back.values.Gedaan).toBe(true);
    expect(harness.fake.pageCount({ includeTrash: true })).toBe(pages);
    expect(Object.values(duplicateIds(harness.fake)).flat()).toEqual([]);
  });

  it('a trashed dossier page is restored with its own blocks (and people’s notes), not rebuilt', async () => {
    harness = await syncedHarness(running);
    const page = rowOf(harness, 'Trajecten', trajectId);
    const blocks = harness.fake.blocksOf(page.id).map((block) => block.id);
    harness.fake.userTrashes(page.id);
    await harness.ports.trajects.setStatus(trajectId, 'gepauzeerd', { actor: 'vng:anne' });
    harness.clock.advance(3 * 60_000);
    await harness.sync();
    const back = rowOf(harness, 'Trajecten', trajectId);
    expect(back.id).toBe(page.id);
    expect(back.values.Status).toBe('Gepauzeerd');
    expect(harness.fake.blocksOf(back.id).map((block) => block.id)).toEqual(blocks);
    expect(Object.values(duplicateIds(harness.fake)).flat()).toEqual([]);
  });

  it('a second row with the same Visieleren-id is merged on the next sync: its tick is kept, the copy goes', async () => {
    harness = await syncedHarness(running);
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    const kept = rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`);
    // E.g. an old row restored from the trash after it was made again, or a row duplicated in Notion.
    const copy = harness.fake.userDuplicates(kept.id, 'notion-user-8');
    harness.fake.userEditsProperty(copy, 'Gedaan', { checkbox: true }, 'notion-user-8');
    expect(inventory(harness.fake).Checklist?.duplicates).toEqual([`${trajectId}:${item.itemId}`]);
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.inbound).toEqual([
      expect.objectContaining({ field: 'checklist', itemId: item.itemId, value: true }),
    ]);
    expect(report.operations).toContainEqual(expect.objectContaining({ kind: 'pagina-samengevoegd' }));
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    expect(after.checklist.find((candidate) => candidate.itemId === item.itemId)?.done).toBe(true);
    const row = rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`);
    expect(row.id).toBe(kept.id);
    expect(row.values.Gedaan).toBe(true);
    expect(Object.values(duplicateIds(harness.fake)).flat()).toEqual([]);

    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    await harness.sync();
    expect(harness.fake.writesSince(before)).toEqual([]);
  });
});
