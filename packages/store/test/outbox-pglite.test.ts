import { createStore } from '../src/index.js';
import { describeOutboxContract } from './support/outbox-contract.js';

describeOutboxContract('PGlite (in memory)', async () => {
  const store = await createStore({ inMemory: true });
  return { store, cleanup: () => store.close() };
});
