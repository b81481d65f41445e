import { afterEach, describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';
import { runSync } from '../src/sync/engine.js';
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
  const stats = harness.lastGateway!.stats;
  expect(report.synced).toHaveLength(trajects.length);
  expect(inventory(harness.fake)).toEqual(expected());
  expectDossiers(harness);
  harness.fake.clearFaults();
  harness.clock.advance(5 * 60_000);
  const before = harness.fake.requests.length;
  await harness.sync();
  expect(harness.fake.writesSince(before)).toEqual([]);
  return { report, stats };
}

/** For each request the fake answered with `fault`: how long until the same request came again (real ms). */
function gapsAfter(fault: 'rate-limited' | 'overloaded'): number[] {
  const requests = harness!.fake.requests;
  return requests.flatMap((request, index) => {
    if (request.fault !== fault) return [];
    const again = requests
      .slice(index + 1)
      .find((later) => later.method === request.method && later.path === request.path);
    return again ? [again.receivedAt - request.receivedAt] : [];
  });
}

describe('faults: the fake holds exactly the expected dossiers afterwards, and a re-sync writes nothing', () => {
  it('429 with Retry-After on a write: the SDK waits that long, then sends it again', async () => {
    const { report, stats } = await convergeAfter([
      { kind: 'rate-limited', method: 'POST', path: /^pages$/, after: 3, retryAfter: 2 },
    ]);
    expect(report.requests.rateLimited).toBe(1);
    expect(stats.sdkRetryWaitsMs).toEqual([2000]);
    expect(gapsAfter('rate-limited')).toHaveLength(1);
    expect(gapsAfter('rate-limited')[0]).toBeGreaterThanOrEqual(2000);
  });

  it('529 overload: waits for Retry-After like a 429', async () => {
    const { stats } = await convergeAfter([
      { kind: 'overloaded', method: 'POST', path: /^pages$/, after: 5, times: 2, retryAfter: 1 },
    ]);
    expect(stats.sdkRetryWaitsMs).toEqual([1000, 1000]);
    for (const gap of gapsAfter('overloaded')) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('reads are retried by the SDK: a 429 after its Retry-After, a 500 on a GET after its back-off', async () => {
    const rules: FaultRule[] = [
      { kind: 'rate-limited', method: 'GET', path: /^data_sources\/[^/]+$/, after: 1, retryAfter: 1 },
      { kind: 'error-500', method: 'GET', path: /^data_sources\/[^/]+$/, after: 3, times: 2 },
    ];
    const { stats } = await convergeAfter(rules);
    // The schema read met a 429 and two 500s; the SDK sent it again each time (our layer leaves GET 5xx to it).
    expect(stats.sdkRetryWaitsMs).toHaveLength(3);
    expect(stats.sdkRetryWaitsMs).toContain(1000);
    expect(stats.retriedReads).toBe(3);
    expect(gapsAfter('rate-limited')[0]).toBeGreaterThanOrEqual(1000);
  });

  it("with the SDK's retry at 0, the same 500 on a GET fails the run: the retry above was the SDK's", async () => {
    harness = await createHarness({ trajects });
    await harness.init();
    harness.fake.inject({ kind: 'error-500', method: 'GET', path: /^data_sources\/[^/]+$/, after: 3 });
    const gateway = harness.gateway({ retry: { maxRetries: 0 } });
    await expect(runSync({ ports: harness.syncPorts, gateway })).rejects.toThrow(
      /Notion bleef onbereikbaar \(HTTP 500\)/,
    );
    expect(gateway.stats.sdkRetryWaitsMs).toEqual([]);
  });

  it('500 on a query (a read sent as POST, which the SDK does not repeat) is repeated by us; 500 on a write is read back, never blindly repeated', async () => {
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
    // Flip one item (the demo's Tabel 1 trajects record no ticks, so it is ticked here).
    const item = record.checklist[0]!;
    await harness.ports.trajects.setChecklistItem(
      first!.id,
      { itemId: item.itemId, done: !item.done },
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
    // The phase's paragraph was updated once, in place; the Checklist row shows the flip.
    const after = await harness.ports.trajects.get(first!.id, { kind: 'all' });
    const wanted = renderTraject(after, '2027-02-01').dossier;
    expect(harness.fake.blocksOf(row.id).map((block) => block.text)).toEqual(
      wanted.map((block) => block.richText.map((piece) => piece.text.content).join('')),
    );
    const checklistRows = harness.fake
      .rows('Checklist')
      .filter((candidate) => String(candidate.values['Visieleren-id']).startsWith(`${first!.id}:`));
    expect(checklistRows.filter((candidate) => candidate.values.Gedaan === true)).toHaveLength(
      after.checklist.filter((candidate) => candidate.done).length,
    );
    expect(after.checklist[0]!.done).toBe(!item.done);
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
