import { trajectOverview } from '@visieleren/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, demoTrajects, type Harness, rowOf, syncedHarness, TODAY } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const running = demoTrajects().filter((traject) => traject.id === 'voorbeeld-aan-zee');
const trajectId = 'voorbeeld-aan-zee';

const synced = () => syncedHarness(running);

const pageOf = rowOf;

describe('two-way: what people change in Notion comes back', () => {
  it('a Gedaan ticked in Notion reaches the traject, named after the Notion user, and the dossier follows', async () => {
    harness = await synced();
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const overdueBefore = trajectOverview(record, TODAY).overdue;
    const open = overdueBefore[0] ?? { id: record.checklist.find((item) => !item.done)!.itemId };
    const item = pageOf(harness, 'Checklist', `${trajectId}:${open.id}`);
    const text = String(item.values.Actiepunt).split(' · ')[1]!;
    const page = pageOf(harness, 'Trajecten', trajectId);
    harness.fake.addUser('notion-user-42', 'Fatima El Idrissi');
    harness.fake.userEditsProperty(item.id, 'Gedaan', { checkbox: true }, 'notion-user-42');
    harness.clock.advance(2 * 60_000);

    const before = harness.fake.requests.length;
    const report = await harness.sync();
    expect(report.inbound).toEqual([
      expect.objectContaining({
        field: 'checklist',
        itemId: open.id,
        value: true,
        actor: 'notion:notion-user-42',
      }),
    ]);
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    // doneBy names the person (their Notion name); the audit log keeps the Notion user id.
    expect(after.checklist.find((candidate) => candidate.itemId === open.id)).toMatchObject({
      done: true,
      doneBy: 'Fatima El Idrissi (Notion)',
    });
    expect(trajectOverview(after, TODAY).overdue.map((item) => item.id)).not.toContain(open.id);
    expect(harness.ports.audit.entries.at(-1)).toMatchObject({
      actor: 'notion:notion-user-42',
      action: 'checklist.set',
      trajectId,
    });
    // Only the phase's paragraph in the dossier is written: the row already shows the tick.
    const writes = harness.fake.writesSince(before);
    expect(writes.map((request) => request.path)).toEqual([expect.stringMatching(/^blocks\/[^/]+$/)]);
    expect(harness.fake.blocksOf(page.id).some((block) => block.text.includes(`☑ ${text} —`))).toBe(true);

    harness.clock.advance(5 * 60_000);
    const quiet = harness.fake.requests.length;
    const again = await harness.sync();
    expect(again.inbound).toEqual([]);
    expect(harness.fake.writesSince(quiet)).toEqual([]);
  });

  it('a tick in the same minute as the last sync is still seen: the read window overlaps', async () => {
    harness = await createHarness({ trajects: running });
    await harness.init();
    await harness.sync();
    // The next sync starts within the same minute as the user's tick after it.
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    harness.clock.advance(30_000);
    await harness.sync();
    harness.clock.advance(10_000);
    harness.fake.userEditsProperty(pageOf(harness, 'Checklist', `${trajectId}:${item.itemId}`).id, 'Gedaan', {
      checkbox: true,
    });
    // Rounded down, the tick looks older than the moment the last sync read Notion.
    const [workspace] = await harness.ports.links.listByKind('notion-workspace');
    const readAt = (workspace!.payload.sync as { inboundSince: string }).inboundSince;
    const editedAt = new Date(Math.floor(harness.clock.now().getTime() / 60_000) * 60_000).toISOString();
    expect(editedAt < readAt).toBe(true);
    harness.clock.advance(3 * 60_000);
    await harness.sync();
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    expect(after.checklist.find((candidate) => candidate.itemId === item.itemId)?.done).toBe(true);
  });

  it('a Gedaan tick in the Checklist data source and a status set in Notion come back too', async () => {
    harness = await synced();
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    harness.fake.userEditsProperty(pageOf(harness, 'Checklist', `${trajectId}:${item.itemId}`).id, 'Gedaan', {
      checkbox: true,
    });
    harness.fake.userEditsProperty(
      pageOf(harness, 'Trajecten', trajectId).id,
      'Status',
      {
        select: { name: 'Gepauzeerd' },
      },
      'notion-user-7',
    );
    harness.clock.advance(2 * 60_000);
    await harness.sync();
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    expect(after.status).toBe('gepauzeerd');
    expect(after.checklist.find((candidate) => candidate.itemId === item.itemId)?.done).toBe(true);
    expect(
      harness.ports.audit.entries.some(
        (entry) => entry.action === 'traject.status' && entry.actor === 'notion:notion-user-7',
      ),
    ).toBe(true);
    const text = String(pageOf(harness, 'Checklist', `${trajectId}:${item.itemId}`).values.Actiepunt).split(
      ' · ',
    )[1];
    expect(
      harness.fake
        .blocksOf(pageOf(harness, 'Trajecten', trajectId).id)
        .some((block) => block.text.includes(`☑ ${text} —`)),
    ).toBe(true);
  });

  it('a conflict keeps the newest change and records the other in the audit log', async () => {
    harness = await synced();
    // The store changes first, Notion a few minutes later: Notion's change is the newest.
    await harness.ports.trajects.setStatus(trajectId, 'borgingssessie-gepland', { actor: 'vng:anne' });
    harness.clock.advance(3 * 60_000);
    harness.fake.userEditsProperty(
      pageOf(harness, 'Trajecten', trajectId).id,
      'Status',
      {
        select: { name: 'Gepauzeerd' },
      },
      'notion-user-9',
    );
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();
    expect(report.inbound[0]?.conflict).toEqual({ kept: 'notion', discarded: 'borgingssessie-gepland' });
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('gepauzeerd');
    expect(harness.ports.audit.entries.find((entry) => entry.action === 'notion.conflict')).toMatchObject({
      trajectId,
      detail: expect.objectContaining({
        kept: 'notion',
        discardedValue: 'borgingssessie-gepland',
        keptValue: 'gepauzeerd',
      }),
    });

    // Now Notion first, the store later: the store's change is kept and written back to Notion.
    harness.clock.advance(5 * 60_000);
    await harness.sync();
    harness.fake.userEditsProperty(
      pageOf(harness, 'Trajecten', trajectId).id,
      'Status',
      {
        select: { name: 'Lopend' },
      },
      'notion-user-9',
    );
    harness.clock.advance(3 * 60_000);
    await harness.ports.trajects.setStatus(trajectId, 'afgerond', { actor: 'vng:anne' });
    harness.clock.advance(60_000);
    const second = await harness.sync();
    expect(second.inbound[0]?.conflict).toEqual({ kept: 'visieleren', discarded: 'lopend' });
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('afgerond');
    expect(pageOf(harness, 'Trajecten', trajectId).values.Status).toBe('Afgerond');
    const conflicts = harness.ports.audit.entries.filter((entry) => entry.action === 'notion.conflict');
    expect(conflicts.at(-1)).toMatchObject({
      detail: expect.objectContaining({ kept: 'visieleren', discardedValue: 'lopend' }),
    });
  });
});
