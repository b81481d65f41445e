import { afterEach, describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';
import { createHarness, demoTrajects, type Harness, inventory } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const trajectId = 'voorbeeld-aan-zee';
const running = demoTrajects().filter((traject) => traject.id === trajectId);

describe('what people delete in Notion', () => {
  it('a row someone trashed comes back, a dossier block someone deleted is made again when it next changes; a trashed dossier page is restored', async () => {
    harness = await createHarness({ trajects: running });
    await harness.init();
    await harness.sync();
    const row = () =>
      harness!.fake.rows('Trajecten').find((candidate) => candidate.values['Visieleren-id'] === trajectId)!;
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const open = record.checklist.find((item) => !item.done)!;

    // A Checklist row to the trash, and the dossier's "Sessies" paragraph deleted.
    const checklistRow = harness.fake
      .rows('Checklist')
      .find((candidate) => candidate.values['Visieleren-id'] === `${trajectId}:${open.itemId}`)!;
    harness.fake.userTrashes(checklistRow.id);
    const sessions = harness.fake
      .blocksOf(row().id)
      .find((block) => block.type === 'paragraph' && block.text.includes('Intake'))!;
    harness.fake.userDeletesBlock(sessions.id);

    // The store changes both: the item is ticked and a session moves.
    await harness.ports.trajects.setChecklistItem(
      trajectId,
      { itemId: open.itemId, done: true },
      { actor: 'test' },
    );
    const session = record.sessions.find((candidate) => !candidate.actualDate)!;
    await harness.ports.trajects.updateSessionDates(
      trajectId,
      [{ sessionKey: session.key, plannedDate: '2027-03-02' }],
      {
        actor: 'test',
      },
    );
    harness.clock.advance(5 * 60_000);
    await harness.sync();
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const wanted = renderTraject(after, '2027-02-01').dossier;
    expect(harness.fake.blocksOf(row().id).map((block) => block.type)).toEqual(
      wanted.map((block) => block.type),
    );
    expect(inventory(harness.fake).Checklist).toMatchObject({ duplicates: [] });
    expect(
      harness.fake
        .rows('Checklist')
        .find((candidate) => candidate.values['Visieleren-id'] === `${trajectId}:${open.itemId}`)?.values
        .Gedaan,
    ).toBe(true);

    // The whole dossier page to the trash: the next change takes it out of the trash, with its dossier.
    harness.fake.userTrashes(row().id);
    await harness.ports.trajects.setStatus(trajectId, 'gepauzeerd', { actor: 'test' });
    harness.clock.advance(5 * 60_000);
    await harness.sync();
    expect(harness.fake.rows('Trajecten')).toHaveLength(1);
    expect(row().values.Status).toBe('Gepauzeerd');
    expect(harness.fake.blocksOf(row().id)).toHaveLength(wanted.length);
    // Its rows elsewhere point at the new page.
    for (const phase of harness.fake.rows('Fasen')) expect(phase.values.Traject).toEqual([row().id]);
    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    await harness.sync();
    expect(harness.fake.writesSince(before)).toEqual([]);
  });
});
