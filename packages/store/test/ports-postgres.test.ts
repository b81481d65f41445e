import { describePortsContract } from '@visieleren/core/contract';
import { createStore } from '../src/index.js';
import { storePortsTarget } from './support/ports-target.js';
import { freshDatabase } from './support/postgres.js';

describePortsContract('the store on PostgreSQL', async () => {
  const database = await freshDatabase();
  const store = await createStore({ databaseUrl: database.url, maxConnections: 4 });
  await store.migrate();
  return storePortsTarget(store, async () => {
    await store.close();
    await database.drop();
  });
});
