import { afterEach, describe, expect, it } from 'vitest';
import { duplicateIds, type Harness, RUNNING_ID, rowOf, runningTraject, syncedHarness } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const trajectId = RUNNING_ID;
const running = runningTraject();

const synced = () => syncedHarness(running);

describe('divergence: what a sync overrules in Notion is put back and said', () => {
  it('one-way fields edited in Notion (Kernvraag, Deadline) are put back, with a comment saying why', async () => {
    harness = await synced();
    const record = await harness.ports.trajects.get(trajectId, { kind: 'all' });
    const item = record.checklist.find((candidate) => !candidate.done)!;
    const row = rowOf(harness, 'Trajecten', trajectId);
    const checklistRow = rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`);
    const deadline = (checklistRow.values.Deadline as { start: string }).start;
    harness.fake.userEditsProperty(
      row.id,
      'Kernvraag',
      { rich_text: [{ type: 'text', text: { content: 'Iets heel anders' } }] },
      'notion-user-3',
    );
    harness.fake.userEditsProperty(
      checklistRow.id,
      'Deadline',
      { date: { start: '2030-01-01' } },
      'notion-user-3',
    );
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.overruled).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'eenrichting',
          field: 'Kernvraag',
          notionValue: 'Iets heel anders',
          keptValue: record.kernvraag,
          notionUser: 'notion:notion-user-3',
        }),
        expect.objectContaining({ reason: 'eenrichting', field: 'Deadline', notionValue: '2030-01-01' }),
      ]),
    );
    expect(report.overruled).toHaveLength(2);
    expect(rowOf(harness, 'Trajecten', trajectId).values.Kernvraag).toBe(record.kernvraag);
    expect(
      (rowOf(harness, 'Checklist', `${trajectId}:${item.itemId}`).values.Deadline as { start: string }).start,
    ).toBe(deadline);
    expect(harness.fake.commentsOn(row.id)).toEqual([
      expect.stringMatching(
        /"Kernvraag" is teruggezet naar .+ \(stond op Iets heel anders\): dit veld komt uit Visieleren/,
      ),
    ]);
    expect(harness.fake.commentsOn(checklistRow.id)).toEqual([
      expect.stringContaining('"Deadline" is teruggezet naar'),
    ]);
    expect(Object.values(duplicateIds(harness.fake)).flat()).toEqual([]);

    // Settled: the next run overrules nothing, writes nothing and says nothing again.
    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    const again = await harness.sync();
    expect(again.overruled).toEqual([]);
    expect(harness.fake.writesSince(before)).toEqual([]);
  });

  it('an unknown status ("On hold") is written back, audited and explained', async () => {
    harness = await synced();
    const row = rowOf(harness, 'Trajecten', trajectId);
    harness.fake.userEditsProperty(row.id, 'Status', { select: { name: 'On hold' } }, 'notion-user-4');
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.overruled).toEqual([
      expect.objectContaining({ reason: 'onbekende-status', notionValue: '"On hold"', keptValue: 'Lopend' }),
    ]);
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('lopend');
    expect(rowOf(harness, 'Trajecten', trajectId).values.Status).toBe('Lopend');
    expect(
      harness.ports.audit.entries.find((entry) => entry.action === 'notion.status.onbekend'),
    ).toMatchObject({
      trajectId,
      detail: { notionValue: 'On hold', keptValue: 'lopend', notionUser: 'notion:notion-user-4' },
    });
    expect(harness.fake.commentsOn(row.id)).toEqual([
      expect.stringContaining('De status "On hold" kent Visieleren niet'),
    ]);

    harness.clock.advance(5 * 60_000);
    const before = harness.fake.requests.length;
    expect((await harness.sync()).overruled).toEqual([]);
    expect(harness.fake.writesSince(before)).toEqual([]);
  });

  it("a status core's status machine does not take from Notion is written back, audited and explained", async () => {
    harness = await synced();
    const row = rowOf(harness, 'Trajecten', trajectId);
    // Stopping needs a reason, which Notion has no place for; "Aangemeld" is no step from a running traject.
    for (const [label, why] of [
      ['Tussentijds gestopt', 'tussentijds stoppen vraagt een reden'],
      ['Aangemeld', 'van Lopend kan een traject niet naar Aangemeld'],
    ] as const) {
      harness.fake.userEditsProperty(row.id, 'Status', { select: { name: label } }, 'notion-user-5');
      harness.clock.advance(2 * 60_000);
      const report = await harness.sync();
      expect(report.overruled).toEqual([
        expect.objectContaining({ reason: 'statusstap', notionValue: `"${label}"`, keptValue: 'Lopend' }),
      ]);
      expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('lopend');
      expect(rowOf(harness, 'Trajecten', trajectId).values.Status).toBe('Lopend');
      expect(harness.fake.commentsOn(row.id).at(-1)).toContain(
        `De status "${label}" is niet overgenomen: ${why}`,
      );
    }
    expect(
      harness.ports.audit.entries.filter((entry) => entry.action === 'notion.status.geweigerd'),
    ).toHaveLength(2);

    // A step that needs no reason is taken from Notion as before.
    harness.fake.userEditsProperty(row.id, 'Status', { select: { name: 'Gepauzeerd' } }, 'notion-user-5');
    harness.clock.advance(2 * 60_000);
    expect((await harness.sync()).overruled).toEqual([]);
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('gepauzeerd');
  });

  it('a same-minute conflict goes to the store, and the person whose edit lost is told', async () => {
    harness = await synced();
    const row = rowOf(harness, 'Trajecten', trajectId);
    // 08:05:00 + 20 s: the store; + 40 s: Notion (which records 08:05:00, rounded down).
    const minute = Math.ceil(harness.clock.now().getTime() / 60_000) * 60_000;
    harness.clock.advance(minute - harness.clock.now().getTime() + 20_000);
    await harness.ports.trajects.setStatus(trajectId, 'afgerond', { actor: 'vng:anne' });
    harness.clock.advance(20_000);
    harness.fake.userEditsProperty(row.id, 'Status', { select: { name: 'Gepauzeerd' } }, 'notion-user-9');
    harness.clock.advance(2 * 60_000);
    const report = await harness.sync();

    expect(report.inbound[0]?.conflict).toEqual({ kept: 'visieleren', discarded: 'gepauzeerd' });
    expect(report.overruled).toEqual([
      expect.objectContaining({
        reason: 'conflict',
        field: 'Status',
        notionValue: 'Gepauzeerd',
        keptValue: 'Afgerond',
        notionUser: 'notion:notion-user-9',
      }),
    ]);
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('afgerond');
    expect(rowOf(harness, 'Trajecten', trajectId).values.Status).toBe('Afgerond');
    expect(harness.fake.commentsOn(row.id)).toEqual([
      expect.stringContaining('Je wijziging van "Status" naar Gepauzeerd is niet overgenomen'),
    ]);
    expect(Object.values(duplicateIds(harness.fake)).flat()).toEqual([]);
  });

  it('conflicts are judged per field: hours logged after a Notion status edit do not beat it', async () => {
    harness = await synced();
    const row = rowOf(harness, 'Trajecten', trajectId);
    // The store's status changed long before; Notion's status edit is newer than that.
    await harness.ports.trajects.setStatus(trajectId, 'borgingssessie-gepland', { actor: 'vng:anne' });
    harness.clock.advance(5 * 60_000);
    harness.fake.userEditsProperty(row.id, 'Status', { select: { name: 'Gepauzeerd' } }, 'notion-user-9');
    harness.clock.advance(2 * 60_000);
    // An unrelated change in the store, after the Notion edit.
    await harness.ports.trajects.logHours(
      trajectId,
      { role: 'ambtelijk-contactpersoon', date: '2027-02-01', hours: 2 },
      { actor: 'vng:anne' },
    );
    harness.clock.advance(60_000);
    const report = await harness.sync();
    expect(report.inbound[0]?.conflict).toEqual({ kept: 'notion', discarded: 'borgingssessie-gepland' });
    expect((await harness.ports.trajects.get(trajectId, { kind: 'all' })).status).toBe('gepauzeerd');
    expect(report.overruled).toEqual([]);
  });
});
