import { afterEach, describe, expect, it } from 'vitest';
import { blockForNotion } from '../src/render/blocks.js';
import { renderTraject } from '../src/render/traject.js';
import { oneWayHash } from '../src/sync/dossier.js';
import type { PagePayload } from '../src/sync/link-state.js';
import { type Harness, RUNNING_ID, rowOf, runningTraject, syncedHarness, TODAY } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a dossier written by an earlier version (a to-do per checklist item)', () => {
  it('reads the ticks in its to-dos first, then removes them: one form of each item is left', async () => {
    harness = await syncedHarness(runningTraject());
    const record = await harness.ports.trajects.get(RUNNING_ID, { kind: 'all' });
    const legacy = renderTraject(record, TODAY).legacy;
    const page = rowOf(harness, 'Trajecten', RUNNING_ID);
    // The old shape: the to-dos in the page, recorded (without ids, as when made with the page).
    await harness
      .gateway()
      .appendChildren(
        page.id,
        legacy.map(blockForNotion),
        harness.fake.blocksOf(page.id).at(-1)!.id,
        async () => undefined,
      );
    const [link] = (await harness.ports.links.listForTraject(RUNNING_ID)).filter(
      (candidate) => candidate.externalId === page.id,
    );
    const payload = link!.payload as unknown as PagePayload;
    await harness.ports.links.updatePayload(
      'notion-page',
      page.id,
      {
        ...payload,
        dossier: {
          blocks: [
            ...payload.dossier!.blocks,
            ...legacy.map((block) => ({ key: block.key, hash: oneWayHash(block) })),
          ],
        },
        synced: {
          ...payload.synced,
          checks: Object.fromEntries(legacy.map((block) => [block.key.slice(5), block.checked === true])),
        },
        lastEditedTime: undefined,
      } as unknown as Record<string, unknown>,
      link!.revision,
    );
    const open = record.checklist.find((item) => !item.done)!;
    const text = legacy.find((block) => block.key === `todo:${open.itemId}`)!.richText[0]!.text.content;
    harness.clock.advance(60_000);
    harness.fake.userTicks(page.id, text, true, 'notion-user-6');
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.ok).toBe(true);
    expect(report.inbound).toEqual([expect.objectContaining({ itemId: open.itemId, value: true })]);
    const after = await harness.ports.trajects.get(RUNNING_ID, { kind: 'all' });
    expect(after.checklist.find((item) => item.itemId === open.itemId)?.done).toBe(true);
    const blocks = harness.fake.blocksOf(page.id);
    expect(blocks.filter((block) => block.type === 'to_do')).toEqual([]);
    expect(blocks.map((block) => block.type)).toEqual(
      renderTraject(after, TODAY).dossier.map((block) => block.type),
    );
    expect(rowOf(harness, 'Checklist', `${RUNNING_ID}:${open.itemId}`).values.Gedaan).toBe(true);
  });
});
