import { afterEach, describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';
import type { FaultRule } from '../src/testing.js';
import { createHarness, demoTrajects, type Harness, inventory, TODAY } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const trajects = demoTrajects(2);

function expected() {
  const rendered = trajects.map((traject) => renderTraject(traject, TODAY));
  const count = (entity: string) =>
    rendered.reduce((sum, desired) => sum + desired.rows.filter((row) => row.entity === entity).length, 0);
  return {
    Trajecten: { rows: trajects.length, duplicates: [] },
    Fasen: { rows: count('fase'), duplicates: [] },
    Sessies: { rows: count('sessie'), duplicates: [] },
    Checklist: { rows: count('checklist'), duplicates: [] },
    Uren: { rows: count('uren'), duplicates: [] },
    VIT: { rows: count('vit'), duplicates: [] },
  };
}

/** Each dossier holds exactly the blocks we render, once, in order. */
function expectDossiers(current: Harness) {
  for (const traject of trajects) {
    const row = current.fake
      .rows('Trajecten')
      .find((candidate) => candidate.values['Visieleren-id'] === traject.id)!;
    const blocks = current.fake.blocksOf(row.id);
    const wanted = renderTraject(traject, TODAY).dossier;
    expect(blocks.map((block) => block.type)).toEqual(wanted.map((block) => block.type));
    expect(blocks.map((block) => block.text)).toEqual(
      wanted.map((block) => block.richText.map((item) => item.text.content).join('')),
    );
  }
}

async function convergeAfter(rules: FaultRule[], options: { timeoutMs?: number } = {}) {
  harness = await createHarness({ trajects, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  await harness.init();
  for (const rule of rules) harness.fake.inject(rule);
  const report = await harness.sync();
  expect(report.synced).toHaveLength(trajects.length);
  expect(inventory(harness.fake)).toEqual(expected());
  expectDossiers(harness);
  harness.fake.clearFaults();
  harness.clock.advance(5 * 60_000);
  const before = harness.fake.requests.length;
  await harness.sync();
  expect(harness.fake.writesSince(before)).toEqual([]);
  return report;
}

describe('faults: the fake holds exactly the expected dossiers afterwards, and a re-sync writes nothing', () => {
  it('429 with Retry-After: waits that long, then sends again', async () => {
    const report = await convergeAfter([
      { kind: 'rate-limited', method: 'POST', path: /^pages$/, after: 3, retryAfter: 7 },
      { kind: 'rate-limited', method: 'PATCH', path: /^blocks\/.+\/children$/, retryAfter: 2 },
    ]);
    expect(report.requests.rateLimited).toBeGreaterThanOrEqual(1);
    expect(harness!.sleeps).toContain(7000);
    const limited = harness!.fake.requests.filter((request) => request.fault === 'rate-limited');
    expect(limited.length).toBe(1);
  });

  it('529 overload: waits for Retry-After like a 429', async () => {
    await convergeAfter([
      { kind: 'overloaded', method: 'POST', path: /^pages$/, after: 5, times: 2, retryAfter: 3 },
    ]);
    expect(harness!.sleeps.filter((ms) => ms === 3000)).toHaveLength(2);
  });

  it('500 on reads is retried; 500 on a write is read back, never blindly repeated', async () => {
    await convergeAfter([
      { kind: 'error-500', method: 'POST', path: /query$/, times: 2 },
      { kind: '500-after-save', method: 'POST', path: /^pages$/, after: 10 },
      { kind: '500-after-save', method: 'PATCH', path: /^pages\// },
    ]);
  });

  it('503 after saving a page: the committed page is taken over, not made again', async () => {
    await convergeAfter([
      { kind: '503-after-save', method: 'POST', path: /^pages$/ },
      { kind: '503-after-save', method: 'POST', path: /^pages$/, after: 20, times: 3 },
    ]);
  });

  it('a create whose answer never comes (time-out after saving) is found back by our id', async () => {
    await convergeAfter(
      [{ kind: 'timeout-after-save', method: 'POST', path: /^pages$/, after: 4, times: 2 }],
      {
        timeoutMs: 300,
      },
    );
    const timedOut = harness!.fake.requests.filter((request) => request.fault === 'timeout-after-save');
    expect(timedOut).toHaveLength(2);
  });

  it('a time-out before saving: read back finds nothing, so it is written once more', async () => {
    await convergeAfter([{ kind: 'timeout-before-save', method: 'POST', path: /^pages$/, after: 2 }], {
      timeoutMs: 300,
    });
  });

  it('faults on dossier and row updates: read back, no block twice', async () => {
    harness = await createHarness({ trajects, timeoutMs: 300 });
    await harness.init();
    await harness.sync();
    const [first] = trajects;
    const record = await harness.ports.trajects.get(first!.id, { kind: 'all' });
    // These trajects are finished: every item is ticked, so untick one.
    const item = record.checklist.find((candidate) => candidate.done)!;
    await harness.ports.trajects.setChecklistItem(
      first!.id,
      { itemId: item.itemId, done: false },
      { actor: 'test' },
    );
    harness.fake.inject({ kind: '503-after-save', method: 'PATCH', path: /^blocks\/[^/]+$/ });
    harness.fake.inject({ kind: 'timeout-after-save', method: 'PATCH', path: /^pages\// });
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();
    expect(report.requests.readBacks).toBeGreaterThanOrEqual(2);
    const row = harness.fake
      .rows('Trajecten')
      .find((candidate) => candidate.values['Visieleren-id'] === first!.id)!;
    // The phase's paragraph was updated once, in place; the Checklist row shows the untick.
    const after = await harness.ports.trajects.get(first!.id, { kind: 'all' });
    const wanted = renderTraject(after, '2027-02-01').dossier;
    expect(harness.fake.blocksOf(row.id).map((block) => block.text)).toEqual(
      wanted.map((block) => block.richText.map((piece) => piece.text.content).join('')),
    );
    const checklistRows = harness.fake
      .rows('Checklist')
      .filter((candidate) => String(candidate.values['Visieleren-id']).startsWith(`${first!.id}:`));
    expect(checklistRows.filter((candidate) => candidate.values.Gedaan === true)).toHaveLength(
      record.checklist.filter((candidate) => candidate.done).length - 1,
    );
    harness.fake.clearFaults();
    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    await harness.sync();
    expect(harness.fake.writesSince(before)).toEqual([]);
  });

  it('a connection Notion has blocked stops at once, with a Dutch message, and is not retried', async () => {
    harness = await createHarness({ trajects });
    await harness.init();
    harness.fake.inject({
      kind: 'rate-limited',
      reason: 'public_api_request_blocked',
      method: 'POST',
      path: /^pages$/,
    });
    const before = harness.fake.requests.length;
    await expect(harness.sync()).rejects.toThrow(/geblokkeerd \(public_api_request_blocked\)/);
    expect(harness.fake.requests.slice(before).filter((request) => request.path === 'pages')).toHaveLength(1);
  });
});
