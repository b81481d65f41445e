import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../src/index.js';

/** `tokens.findActive`: a session holds a token's id, and each request asks whether that token still counts. */

let store: Store;

beforeAll(async () => {
  store = await createStore({ inMemory: true });
  await store.migrate();
});
afterAll(async () => {
  await store?.close();
});

describe('tokens.findActive', () => {
  it('gives the same principal as verify while the token is active, and nothing once it is revoked', async () => {
    const { token, record } = await store.tokens.create({ role: 'vng', label: 'VNG-team sessie' }, 'test');
    const verified = await store.tokens.verify(token);
    expect(verified).toBeDefined();
    expect(await store.tokens.findActive(record.id)).toEqual(verified);
    await store.tokens.revoke(record.id, 'test');
    expect(await store.tokens.findActive(record.id)).toBeUndefined();
  });

  it('answers undefined, never an error, for unknown, empty, long or odd ids', async () => {
    for (const id of ['', 'onbekend', 'x'.repeat(5000), "'; drop table api_tokens; --", '\u0000']) {
      expect(await store.tokens.findActive(id)).toBeUndefined();
    }
    expect(await store.tokens.findActive(undefined as unknown as string)).toBeUndefined();
  });

  it('never finds a token by its plaintext, only by its id', async () => {
    const { token } = await store.tokens.create({ role: 'vng', label: 'geen verwisseling' }, 'test');
    expect(await store.tokens.findActive(token)).toBeUndefined();
  });
});
