import { createStore } from '../src/index.js';
import { describeOutboxContract } from './support/outbox-contract.js';
import { freshDatabase } from './support/postgres.js';

describeOutboxContract('PostgreSQL', async () => {
  const database = await freshDatabase();
  const store = await createStore({ databaseUrl: database.url, maxConnections: 4 });
  return {
    store,
    async cleanup() {
      await store.close();
      await database.drop();
    },
  };
});
