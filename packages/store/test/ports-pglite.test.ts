import { describePortsContract } from '@visieleren/core/contract';
import { createStore } from '../src/index.js';
import { storePortsTarget } from './support/ports-target.js';

describePortsContract('the store on PGlite', async () => {
  const store = await createStore({ inMemory: true });
  await store.migrate();
  return storePortsTarget(store, () => store.close());
});
