import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../src/index.js';
import { dumpAllText } from '../src/testing.js';
import { sampleTraject } from './support/fixtures.js';

describe('forgetPerson and the links that stand for a person', () => {
  let store: Store;

  beforeAll(async () => {
    store = await createStore({ inMemory: true });
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('removes the person’s links and keeps the traject’s own', async () => {
    await store.trajects.create(sampleTraject(), 'test');
    await store.platformLinks.link(
      { kind: 'slack-user', externalId: 'U123', participantKey: 'Anna.de_Vries@ede.nl', payload: {} },
      'test',
    );
    await store.platformLinks.link(
      { kind: 'slack-user', externalId: 'U456', participantKey: 'bas@ede.nl', payload: {} },
      'test',
    );
    await store.platformLinks.link({ kind: 'slack-channel', externalId: 'C1', trajectId: 'tr-ede' }, 'test');

    const report = await store.forgetPerson(' ANNA.de_vries@ede.nl', 'test');

    expect(report.platformLinks).toBe(1);
    expect(await store.platformLinks.listForParticipant('anna.de_vries@ede.nl')).toEqual([]);
    expect(await store.platformLinks.find('slack-user', 'U123')).toBeUndefined();
    expect(
      (await store.platformLinks.listForParticipant('bas@ede.nl')).map((link) => link.externalId),
    ).toEqual(['U456']);
    expect((await store.platformLinks.listForTraject('tr-ede')).map((link) => link.externalId)).toEqual([
      'C1',
    ]);
    expect((await dumpAllText(store)).toLowerCase()).not.toContain('anna.de_vries@ede.nl');
  });
});
