import { createStore } from '../src/index.js';
import { describeStoreContract } from './support/store-contract.js';

describeStoreContract('PGlite (in memory)', async () => {
  const store = await createStore({ inMemory: true });
  return { store, cleanup: () => store.close() };
});
