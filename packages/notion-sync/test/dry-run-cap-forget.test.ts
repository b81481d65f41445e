import { afterEach, describe, expect, it } from 'vitest';
import { forgetInNotion } from '../src/forget.js';
import { createHarness, demoTrajects, type Harness, inventory } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('dry run', () => {
  it('lists what it would do and writes nothing, in Notion or in the store', async () => {
    harness = await createHarness({ trajects: demoTrajects(2) });
    await harness.init();
    const links = (await harness.ports.links.listByKind('notion-page')).length;
    const before = harness.fake.requests.length;
    const report = await harness.sync({ dryRun: true });
    expect(harness.fake.writesSince(before)).toEqual([]);
    expect((await harness.ports.links.listByKind('notion-page')).length).toBe(links);
    expect(
      report.operations.filter((operation) => operation.kind === 'pagina-aanmaken').length,
    ).toBeGreaterThan(2);

    await harness.sync();
    await harness.ports.trajects.setStatus(demoTrajects(1)[0]!.id, 'geannuleerd', { actor: 'test' });
    harness.clock.advance(5 * 60_000);
    const planned = await harness.sync({ dryRun: true });
    expect(planned.operations).toEqual([
      expect.objectContaining({ kind: 'pagina-bijwerken', fields: ['Status'] }),
    ]);
  });
});

describe("Notion Free's lifetime block cap", () => {
  it('stops with a Dutch message naming what was synced and what not, and resumes without duplicates', async () => {
    harness = await createHarness({ trajects: demoTrajects(3), fake: { blockCap: 150 } });
    await harness.init();
    const report = await harness.sync();
    expect(report.stopped?.reason).toBe('block-cap');
    expect(report.stopped?.message).toMatch(/limiet van 1\.000 blokken/);
    expect(report.stopped?.message).toMatch(/Niet \(volledig\) bijgewerkt: \d traject/);
    expect(report.synced.length + report.notSynced.length).toBe(3);
    expect(report.notSynced.length).toBeGreaterThan(0);

    harness.fake.blockCap = undefined;
    harness.clock.advance(2 * 60_000);
    const resumed = await harness.sync();
    expect(resumed.stopped).toBeUndefined();
    for (const [title, entry] of Object.entries(inventory(harness.fake))) {
      expect(entry.duplicates, title).toEqual([]);
    }
    expect(inventory(harness.fake).Trajecten!.rows).toBe(3);
  });
});

describe('AVG: forget', () => {
  it('removes the contact person from the Notion dossiers', async () => {
    const [traject] = demoTrajects(1);
    const withContact = {
      ...traject!,
      participants: [
        {
          id: 'p1',
          name: 'Jans Jansen',
          email: 'J.Jansen@Gemeente.nl',
          role: 'ambtelijk-contactpersoon' as const,
        },
      ],
    };
    harness = await createHarness({ trajects: [withContact] });
    await harness.init();
    await harness.sync();
    const row = () => harness!.fake.rows('Trajecten')[0]!;
    expect(row().values['E-mail contactpersoon']).toBe('J.Jansen@Gemeente.nl');
    expect(row().values.Contactpersoon).toBe('Jans Jansen');

    const result = await forgetInNotion(harness.gateway(), harness.ports.links, 'j.jansen@gemeente.nl');
    expect(result.removed).toBe(1);
    expect(row().values['E-mail contactpersoon']).toBeNull();
    expect(row().values.Contactpersoon).toBe('');
    expect(await harness.ports.links.listForParticipant('j.jansen@gemeente.nl', 'notion-page')).toEqual([]);
  });
});

describe('one sync at a time', () => {
  it('a second sync while one runs is refused in Dutch; after it, the next one runs', async () => {
    harness = await createHarness({ trajects: demoTrajects(2) });
    await harness.init();
    const first = harness.sync();
    // Wait until the first run has put up its marker (it then has a hundred requests to go).
    const running = async () => {
      const [workspace] = await harness!.ports.links.listByKind('notion-workspace');
      return (workspace?.payload.sync as { running?: unknown } | undefined)?.running !== undefined;
    };
    while (!(await running())) await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(harness.sync()).rejects.toThrow(/Er loopt al een Notion-synchronisatie/);
    await first;
    await expect(harness.sync()).resolves.toMatchObject({ recovered: false });
  });
});
