import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Our views of a data source (Notion's own default table view aside). */
function ourViews(current: Harness, dataSource: string) {
  return current.fake.viewsOf(dataSource).filter((view) => view.name !== 'Default view');
}

describe('views: init makes a board by status and a calendar of the sessions (Views API, 2025-09-03)', () => {
  it('makes both on their data sources, by property id, and a second init changes nothing', async () => {
    harness = await createHarness();
    const report = await harness.gatewayInit();
    expect(report.created).toEqual(
      expect.arrayContaining(['Trajecten: Bord per status', 'Sessies: Kalender']),
    );
    expect(report.viewsRefused).toEqual([]);
    expect(ourViews(harness, 'Trajecten')).toEqual([
      expect.objectContaining({
        name: 'Bord per status',
        type: 'board',
        configuration: expect.objectContaining({
          group_by: expect.objectContaining({
            type: 'select',
            property_id: harness.fake.propertyId('Trajecten', 'Status'),
          }),
        }),
      }),
    ]);
    expect(ourViews(harness, 'Sessies')).toEqual([
      expect.objectContaining({
        name: 'Kalender',
        type: 'calendar',
        configuration: expect.objectContaining({
          date_property_id: harness.fake.propertyId('Sessies', 'Datum'),
        }),
      }),
    ]);
    const before = harness.fake.requests.length;
    const again = await harness.gatewayInit();
    expect(again.unchanged).toBe(true);
    expect(harness.fake.writesSince(before)).toEqual([]);
  });

  it('a board someone deleted is made again; a create whose answer was lost is found, not made twice', async () => {
    harness = await createHarness();
    harness.fake.inject({ kind: '503-after-save', method: 'POST', path: /^views$/ });
    await harness.gatewayInit();
    expect(ourViews(harness, 'Trajecten')).toHaveLength(1);
    harness.fake.userDeletesView(ourViews(harness, 'Trajecten')[0]!.id);
    const report = await harness.gatewayInit();
    expect(report.created).toEqual(['Trajecten: Bord per status']);
    expect(ourViews(harness, 'Trajecten')).toHaveLength(1);
    expect(ourViews(harness, 'Sessies')).toHaveLength(1);
  });

  it('a view Notion refuses does not stop init: it is reported, and the workspace page says how to add it', async () => {
    harness = await createHarness();
    harness.fake.inject({ kind: 'error-400', method: 'POST', path: /^views$/, times: 2 });
    const report = await harness.gatewayInit();
    expect(report.viewsRefused).toHaveLength(2);
    expect(report.viewsRefused[0]).toMatch(/^Trajecten: Bord per status \(Notion weigerde/);
    expect(harness.fake.dataSourceTitles()).toHaveLength(6);
    expect(harness.fake.blocksOf(harness.fake.parentPageId)[0]?.text).toMatch(
      /^Bord per status: .+"\+ Weergave" → Bord, groepeer op Status\)\.\nKalender van de sessies: /,
    );
  });
});

describe('appending blocks: `position` under 2025-09-03', () => {
  it('the fake takes `position` or the deprecated `after`, never both (as Notion since January 2026)', async () => {
    harness = await createHarness();
    await harness.init();
    const append = (body: Record<string, unknown>) =>
      fetch(`${harness!.fake.url}/v1/blocks/${harness!.fake.parentPageId}/children`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${harness!.fake.token}`,
          'notion-version': '2025-09-03',
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const paragraph = {
      type: 'paragraph',
      paragraph: { rich_text: [{ type: 'text', text: { content: 'x' } }] },
    };
    const first = harness.fake.blocksOf(harness.fake.parentPageId)[0]!.id;
    expect((await append({ children: [paragraph], position: { type: 'start' } })).status).toBe(200);
    expect((await append({ children: [paragraph], after: first })).status).toBe(200);
    const both = await append({
      children: [paragraph],
      after: first,
      position: { type: 'after_block', after_block: { id: first } },
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { code: string }).code).toBe('validation_error');
  });
});
