import { afterEach, describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';
import { createHarness, demoTrajects, type Harness, inventory, TODAY, trajectRows } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function expectedCounts(trajects = demoTrajects(3)) {
  const rendered = trajects.map((traject) => renderTraject(traject, TODAY));
  const count = (entity: string) =>
    rendered.reduce((sum, desired) => sum + desired.rows.filter((row) => row.entity === entity).length, 0);
  return {
    Trajecten: trajects.length,
    Fasen: count('fase'),
    Sessies: count('sessie'),
    Checklist: count('checklist'),
    Uren: count('uren'),
    VIT: count('vit'),
  };
}

describe('notion sync against the fake Notion API', () => {
  it('makes every dossier once, and a second run with no changes writes nothing', async () => {
    harness = await createHarness();
    await harness.init();
    const first = await harness.sync();
    expect(first.synced).toHaveLength(3);
    const counts = expectedCounts();
    const stock = inventory(harness.fake);
    for (const [title, rows] of Object.entries(counts)) {
      expect(stock[title], title).toEqual({ rows, duplicates: [] });
    }
    const page = trajectRows(harness.fake)[0]!;
    const blocks = harness.fake.blocksOf(page.id);
    expect(blocks[0]).toMatchObject({ type: 'heading_3', text: 'Kernvraag' });
    // One form of each checklist item: a Checklist row; the dossier lists them per phase, with deadlines.
    expect(blocks.filter((block) => block.type === 'to_do')).toEqual([]);
    const phases = blocks.filter((block) => /^\d\. .+\n[☐☑] /.test(block.text));
    expect(phases).toHaveLength(5);
    expect(phases[0]!.text).toMatch(/— uiterlijk \d+ \w+ 20\d\d/);
    // Titles say whose they are, and the traject's page lists its rows (two-way relations).
    const name = String(page.values.Traject);
    const items = harness.fake.rows('Checklist').filter((row) => row.values.Traject?.toString() === page.id);
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) expect(String(item.values.Actiepunt)).toMatch(new RegExp(`^${name} · `));
    expect(new Set(page.values.Checklist as string[])).toEqual(new Set(items.map((item) => item.id)));
    expect((page.values.Fasen as string[]).length).toBe(counts.Fasen / 3);
    // The Free plan's count: what the run made is what the report says, and the demo fits.
    // (init made the 6 databases and the guide on the workspace page.)
    expect(first.blocks.created).toBe(harness.fake.blocksCreated - 7);
    expect(first.blocks.total).toBe(harness.fake.blocksCreated);
    expect(harness.fake.blocksOf(harness.fake.parentPageId)[0]?.text).toMatch(
      /^Bord per status: .+\nKalender van de sessies: .+$/,
    );

    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    const second = await harness.sync();
    expect(harness.fake.writesSince(before)).toEqual([]);
    expect(second.requests.writes).toBe(0);
    // Later runs read each data source's schema once (renamed, deleted or retyped properties) and the
    // two edit queries, once nothing is left to verify.
    harness.clock.advance(5 * 60_000);
    const third = harness.fake.requests.length;
    await harness.sync();
    expect(harness.fake.requests.slice(third).map((request) => request.path)).toEqual([
      ...Array.from({ length: 6 }, () => expect.stringMatching(/^data_sources\/[^/]+$/)),
      expect.stringMatching(/^data_sources\/.+\/query$/),
      expect.stringMatching(/^data_sources\/.+\/query$/),
    ]);
  });

  it('writes one request for a one-field change', async () => {
    harness = await createHarness();
    await harness.init();
    await harness.sync();
    harness.clock.advance(5 * 60_000);
    await harness.sync();
    const [traject] = demoTrajects(1);
    await harness.ports.trajects.setStatus(traject!.id, 'gepauzeerd', { actor: 'test' });
    harness.clock.advance(60_000);
    const before = harness.fake.requests.length;
    await harness.sync();
    const writes = harness.fake.writesSince(before);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH', path: expect.stringMatching(/^pages\//) });
    const row = trajectRows(harness.fake).find(
      (candidate) => candidate.values['Visieleren-id'] === traject!.id,
    );
    expect(row?.values.Status).toBe('Gepauzeerd');
  });

  it('init a second time changes nothing and says so', async () => {
    harness = await createHarness();
    const { initWorkspace } = await import('../src/workspace.js');
    const first = await initWorkspace(harness.gateway(), harness.ports.links, harness.fake.parentPageId);
    expect(first.created).toEqual([
      'Trajecten',
      'Fasen',
      'Sessies',
      'Checklist',
      'Uren',
      'VIT',
      'Trajecten: Bord per status',
      'Sessies: Kalender',
    ]);
    const before = harness.fake.requests.length;
    const second = await initWorkspace(harness.gateway(), harness.ports.links, harness.fake.parentPageId);
    expect(second.unchanged).toBe(true);
    expect(harness.fake.writesSince(before)).toEqual([]);
    expect(harness.fake.dataSourceTitles()).toHaveLength(6);
  });

  it('init whose answers get lost finds back what it made, without a second database', async () => {
    harness = await createHarness({ timeoutMs: 300 });
    const { initWorkspace } = await import('../src/workspace.js');
    harness.fake.inject({ kind: '503-after-save', method: 'POST', path: /^databases$/ });
    harness.fake.inject({ kind: 'timeout-after-save', method: 'POST', path: /^databases$/, after: 2 });
    const report = await initWorkspace(harness.gateway(), harness.ports.links, harness.fake.parentPageId);
    // The six databases and the two views (api-2025-09-03.test.ts).
    expect(report.created).toHaveLength(8);
    expect(harness.fake.dataSourceTitles().sort()).toEqual([
      'Checklist',
      'Fasen',
      'Sessies',
      'Trajecten',
      'Uren',
      'VIT',
    ]);
  });
});
