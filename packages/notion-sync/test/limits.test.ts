import { buildTemplate, buildTraject } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotionPacer } from '../src/client/pacing.js';
import { richText } from '../src/render/rich-text.js';
import { renderTraject } from '../src/render/traject.js';
import { runSync } from '../src/sync/engine.js';
import { initWorkspace } from '../src/workspace.js';
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

describe('pacing under the per-connection budget (p-queue, a sliding window)', () => {
  // Notion's 180 requests a minute and our 150, scaled down to a window of one second so the real timers that
  // p-queue and the SDK use make the test take seconds: the queue and the client are those users run.
  const notionWindow = { requestsPerMinute: 72, rateWindowMs: 1000, rateClock: Date.now };

  it('at 60 requests a second a sync never meets a 429 from a window of 72', async () => {
    harness = await createHarness({ trajects: demoTrajects(3), fake: notionWindow });
    // One pacer for init and sync, as `serve` shares one per connection.
    const pacer = createNotionPacer(60, 1000);
    await initWorkspace(harness.gateway({ pacer }), harness.ports.links, harness.fake.parentPageId);
    const gateway = harness.gateway({ pacer });
    const report = await runSync({ ports: harness.syncPorts, gateway });
    expect(report.requests.reads + report.requests.writes).toBeGreaterThan(72);
    expect(harness.fake.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(report.requests.waitedMs).toBeGreaterThan(0);
    // The window held them back: the (60k+1)-th request started at least k seconds after the first (arrival
    // times carry a few milliseconds of network jitter).
    const arrivals = harness.fake.requests.map((request) => request.receivedAt);
    const seconds = Math.floor((arrivals.length - 1) / 60);
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(seconds * 1000 - 50);
  });

  it('above the budget the 429s come, are waited out for Retry-After, and nothing is written twice', async () => {
    harness = await createHarness({ trajects: demoTrajects(3), fake: notionWindow });
    await harness.init();
    const gateway = harness.gateway({ pacer: createNotionPacer(10_000, 1000) });
    const report = await runSync({ ports: harness.syncPorts, gateway });
    expect(report.requests.rateLimited).toBeGreaterThan(0);
    expect(harness.fake.requests.filter((request) => request.status === 429).length).toBe(
      report.requests.rateLimited,
    );
    expect(gateway.stats.sdkRetryWaitsMs.every((ms) => ms === 1000)).toBe(true);
    for (const entry of Object.values(inventory(harness.fake))) expect(entry.duplicates).toEqual([]);
  });
});
