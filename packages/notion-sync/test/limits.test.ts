import { buildTemplate, buildTraject } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { richText } from '../src/render/rich-text.js';
import { renderTraject } from '../src/render/traject.js';
import { createHarness, demoTrajects, type Harness, inventory, withFullChecklist } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Notion's size limits", () => {
  it('splits rich text at 2,000 characters, never inside a surrogate pair, at most 100 pieces', () => {
    const pieces = richText('a'.repeat(4500));
    expect(pieces.map((piece) => piece.text.content.length)).toEqual([2000, 2000, 500]);
    const emoji = `${'a'.repeat(1999)}😀b`;
    const split = richText(emoji);
    expect(split.map((piece) => piece.text.content)).toEqual(['a'.repeat(1999), '😀b']);
    const huge = richText('x'.repeat(250_000));
    expect(huge).toHaveLength(100);
    expect(huge.at(-1)!.text.content.endsWith('…')).toBe(true);
  });

  it('a phase of 130 items and a lesson of 4,500 characters go through in rich-text pieces', async () => {
    const base = buildTemplate();
    const items = Array.from({ length: 130 }, (_, index) => ({
      id: `punt-${index + 1}`,
      text: { nl: `Actiepunt ${index + 1}`, en: `Item ${index + 1}` },
    }));
    const template = {
      ...base,
      phases: base.phases.map((phase, index) => (index === 0 ? { ...phase, checklist: items } : phase)),
    };
    const traject = withFullChecklist(buildTraject({ id: 'groot', template }));
    harness = await createHarness({ trajects: [traject] });
    await harness.ports.formSubmissions.save(
      {
        formId: 'evaluatie',
        trajectId: 'groot',
        answers: { 'inzicht-belangrijkste': 'Inzicht. '.repeat(500) },
        surface: 'html',
      },
      'test',
    );
    await harness.init();
    const report = await harness.sync();
    expect(report.synced).toHaveLength(1);
    const row = harness.fake.rows('Trajecten')[0]!;
    const blocks = harness.fake.blocksOf(row.id);
    const wanted = renderTraject(await harness.ports.trajects.get('groot', { kind: 'all' }), '2027-02-01', [
      ...(await harness.ports.formSubmissions.list('groot')),
    ]).dossier;
    // One paragraph per phase however many items it has (the Free plan counts blocks), in pieces of ≤ 2,000.
    expect(blocks).toHaveLength(wanted.length);
    const phaseOne = wanted.find(
      (block) => block.type === 'paragraph' && block.key.startsWith('checklist:'),
    )!;
    expect(phaseOne.richText.length).toBeGreaterThan(2);
    expect(blocks.find((block) => block.text.includes('Actiepunt 130'))).toBeDefined();
    expect(blocks.at(-1)!.text).toContain('Belangrijkste inzicht');
    expect(blocks.at(-1)!.text.length).toBeGreaterThan(4000);
    expect(inventory(harness.fake).Checklist!.duplicates).toEqual([]);
  });
});

describe('pacing under the per-connection budget', () => {
  it('at 150 requests a minute a sync never meets a 429 from a window of 180', async () => {
    harness = await createHarness({ trajects: demoTrajects(4), fake: { requestsPerMinute: 180 } });
    await harness.init();
    const report = await harness.sync();
    expect(report.requests.reads + report.requests.writes).toBeGreaterThan(180);
    expect(harness.fake.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(report.requests.waitedMs).toBeGreaterThan(0);
  });

  it('above the budget the 429s come, are waited out for Retry-After, and nothing is written twice', async () => {
    harness = await createHarness({ trajects: demoTrajects(4), fake: { requestsPerMinute: 180 } });
    await harness.init();
    const report = await runWith(harness, 10_000);
    expect(report.requests.rateLimited).toBeGreaterThan(0);
    expect(harness.fake.requests.filter((request) => request.status === 429).length).toBe(
      report.requests.rateLimited,
    );
    for (const entry of Object.values(inventory(harness.fake))) expect(entry.duplicates).toEqual([]);
  });
});

async function runWith(current: Harness, requestsPerMinute: number) {
  const { runSync } = await import('../src/sync/engine.js');
  return runSync({ ports: current.syncPorts, gateway: current.gateway({ requestsPerMinute }) });
}
