import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, demoTrajects, type Harness, inventory, rowOf } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Three trajects that are still running (open checklist items, a status that can change). */
const trajects = demoTrajects().filter((traject) =>
  ['voorbeeld-aan-zee', 'twenterand', 'voorbeeld-rivierenland'].includes(traject.id),
);
const open = trajects[0]!;

async function synced(): Promise<Harness> {
  const current = await createHarness({ trajects });
  await current.init();
  await current.sync();
  current.clock.advance(3 * 60_000);
  return current;
}

function workspaceSync(current: Harness) {
  return current.ports.links
    .listByKind('notion-workspace')
    .then(([link]) => (link!.payload as { sync?: { running?: unknown; retry?: string[] } }).sync);
}

describe('properties by id: people rename, delete and retype columns', () => {
  it('a renamed column keeps working both ways: "Gedaan" becomes "Klaar"', async () => {
    harness = await synced();
    const trajectId = open.id;
    harness.fake.userRenamesProperty('Checklist', 'Gedaan', 'Klaar');
    harness.fake.userRenamesProperty('Trajecten', 'Status', 'Stand van zaken');
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const [first, second] = record.checklist.filter((item) => !item.done);
    // A tick in the renamed column comes back…
    harness.fake.userEditsProperty(rowOf(harness, 'Checklist', `${trajectId}:${first!.itemId}`).id, 'Klaar', {
      checkbox: true,
    });
    // …and a tick in Visieleren goes out to it.
    await harness.ports.trajects.setChecklistItem(
      trajectId,
      { itemId: second!.itemId, done: true, by: 'vng:anne', at: harness.clock.now().toISOString() },
      { actor: 'vng:anne' },
    );
    await harness.ports.trajects.setStatus(trajectId, 'gepauzeerd', { actor: 'vng:anne' });
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.ok).toBe(true);
    expect(report.schemaProblems).toEqual([]);
    const after = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    expect(after.checklist.find((item) => item.itemId === first!.itemId)?.done).toBe(true);
    expect(rowOf(harness, 'Checklist', `${trajectId}:${second!.itemId}`).values.Klaar).toBe(true);
    expect(rowOf(harness, 'Trajecten', trajectId).values['Stand van zaken']).toBe('Gepauzeerd');
    expect(harness.fake.propertyNames('Checklist')).not.toContain('Gedaan');
  });

  it('a deleted column is reported by name, the rest is synced, and init puts it back', async () => {
    harness = await synced();
    const [a, b] = trajects;
    harness.fake.userDeletesProperty('Trajecten', 'Kernvraag');
    await harness.ports.trajects.setStatus(a!.id, 'gepauzeerd', { actor: 'vng:anne' });
    await harness.ports.trajects.setStatus(b!.id, 'gepauzeerd', { actor: 'vng:anne' });
    const report = await harness.sync();

    expect(report.ok).toBe(false);
    expect(report.schemaProblems).toEqual([
      expect.objectContaining({ dataSource: 'Trajecten', property: 'Kernvraag', kind: 'verwijderd' }),
    ]);
    expect(report.schemaProblems[0]!.message).toContain('"Kernvraag"');
    // Everything else still reaches Notion.
    expect(rowOf(harness, 'Trajecten', a!.id).values.Status).toBe('Gepauzeerd');
    expect(rowOf(harness, 'Trajecten', b!.id).values.Status).toBe('Gepauzeerd');
    expect(harness.ports.audit.entries.at(-1)).toMatchObject({
      action: 'notion.sync.failed',
      detail: { schemaProblems: [expect.stringContaining('Kernvraag')] },
    });
    expect((await workspaceSync(harness))?.running).toBeUndefined();

    // `notion init` makes the column again; the next sync fills it.
    await harness.init();
    harness.clock.advance(3 * 60_000);
    const again = await harness.sync({ trajectId: a!.id });
    expect(again.ok).toBe(true);
    expect(rowOf(harness, 'Trajecten', a!.id).values.Kernvraag).toBe(a!.kernvraag);
    expect(inventory(harness.fake).Trajecten?.duplicates).toEqual([]);
  });

  it('a column with another type is reported (old and new type), skipped, and init gives its type back', async () => {
    harness = await synced();
    const trajectId = open.id;
    harness.fake.userChangesPropertyType('Checklist', 'Gedaan', 'rich_text');
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    await harness.ports.trajects.setChecklistItem(
      trajectId,
      { itemId: item.itemId, done: true, by: 'vng:anne', at: harness.clock.now().toISOString() },
      { actor: 'vng:anne' },
    );
    await harness.ports.trajects.setStatus(trajectId, 'gepauzeerd', { actor: 'vng:anne' });
    const report = await harness.sync();
    expect(report.ok).toBe(false);
    expect(report.failed).toEqual([]);
    expect(report.schemaProblems).toEqual([
      expect.objectContaining({ property: 'Gedaan', kind: 'ander-type', currentType: 'rich_text' }),
    ]);
    expect(report.schemaProblems[0]!.message).toMatch(/tekst in plaats van selectievakje/);
    expect(rowOf(harness, 'Trajecten', trajectId).values.Status).toBe('Gepauzeerd');

    const initReport = await harness.gatewayInit();
    expect(initReport.repaired).toEqual([{ dataSource: 'Checklist', properties: ['Gedaan'] }]);
    harness.clock.advance(3 * 60_000);
    const again = await harness.sync();
    expect(again.ok).toBe(true);
    expect(rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`).values.Gedaan).toBe(true);
  });

  it('a workspace made before ids were recorded has them looked up once and recorded', async () => {
    harness = await synced();
    const [link] = await harness.ports.links.listByKind('notion-workspace');
    const { properties: _ids, ...older } = link!.payload as Record<string, unknown>;
    await harness.ports.links.updatePayload('notion-workspace', link!.externalId, older, link!.revision);
    harness.fake.userRenamesProperty('Checklist', 'Deadline', 'Uiterlijk');
    const report = await harness.sync();
    // Looked up by name: the renamed one cannot be found, and says so; the rest works.
    expect(report.schemaProblems.map((problem) => [problem.property, problem.kind])).toEqual([
      ['Deadline', 'ontbreekt'],
    ]);
    const [after] = await harness.ports.links.listByKind('notion-workspace');
    const ids = (after!.payload as { properties: Record<string, Record<string, string>> }).properties;
    expect(Object.keys(ids.checklist!)).toContain('Gedaan');
  });
});

describe('errors are per traject', () => {
  it('one traject that Notion refuses fails alone; the run fails, is audited, clears its marker and retries it', async () => {
    harness = await synced();
    const [a, b, c] = trajects;
    for (const traject of [a, b, c]) {
      await harness.ports.trajects.setStatus(traject!.id, 'gepauzeerd', { actor: 'vng:anne' });
    }
    const pageOfB = rowOf(harness, 'Trajecten', b!.id).id;
    harness.fake.inject({ kind: 'error-400', method: 'PATCH', path: new RegExp(`^pages/${pageOfB}$`) });
    const report = await harness.sync();

    expect(report.ok).toBe(false);
    expect(report.failed).toEqual([{ trajectId: b!.id, message: expect.stringContaining('HTTP 400') }]);
    expect(report.synced.map((entry) => entry.trajectId).sort()).toEqual([a!.id, c!.id].sort());
    expect(rowOf(harness, 'Trajecten', a!.id).values.Status).toBe('Gepauzeerd');
    expect(rowOf(harness, 'Trajecten', c!.id).values.Status).toBe('Gepauzeerd');
    expect(harness.ports.audit.entries.at(-1)).toMatchObject({
      action: 'notion.sync.failed',
      detail: { failed: [expect.objectContaining({ trajectId: b!.id })] },
    });
    const state = await workspaceSync(harness);
    expect(state?.running).toBeUndefined();
    expect(state?.retry).toEqual([b!.id]);

    harness.clock.advance(3 * 60_000);
    const again = await harness.sync();
    expect(again.ok).toBe(true);
    expect(rowOf(harness, 'Trajecten', b!.id).values.Status).toBe('Gepauzeerd');
  });

  it('a run that ends in an error clears its running marker', async () => {
    harness = await synced();
    harness.fake.inject({ kind: 'error-500', method: 'GET', path: /^data_sources\//, times: 100 });
    await expect(harness.sync()).rejects.toThrow(/onbereikbaar/);
    expect((await workspaceSync(harness))?.running).toBeUndefined();
  });
});
