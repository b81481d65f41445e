import { setTimeout as sleep } from 'node:timers/promises';
import type { PortsContractTarget } from '@visieleren/core/contract';
import type { Store } from '../../src/index.js';
import { truncateAll } from '../../src/testing.js';

/** Core's ports contract on a migrated store, emptied before each test. */
export function storePortsTarget(store: Store, close: () => Promise<void>): PortsContractTarget {
  return {
    async fresh() {
      await truncateAll(store);
      return {
        trajects: store.trajects,
        links: store.platformLinks,
        linkCodes: store.linkCodes,
        duoRounds: store.duoRounds,
        formSubmissions: store.formSubmissions,
        audit: {
          async append(entry) {
            await store.audit.append(entry);
          },
        },
        changes: store.changes,
        async createTraject(traject) {
          await store.trajects.create(traject, 'test:contract');
        },
        // Expiry is judged by the database's clock, which only real time moves.
        elapse: (ms) => sleep(ms),
      };
    },
    close,
  };
}
