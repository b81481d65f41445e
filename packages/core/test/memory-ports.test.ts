import { describeJobQueueContract, describePortsContract } from '@visieleren/core/contract';
import { createManualClock, createMemoryPorts } from '../src/testing.js';

describePortsContract('the in-memory kit', async () => ({
  async fresh() {
    const clock = createManualClock();
    const ports = createMemoryPorts({ clock });
    return {
      ...ports,
      async createTraject(traject) {
        await ports.trajects.create(traject, 'test:contract');
      },
      async elapse(ms) {
        clock.advance(ms);
      },
    };
  },
}));

describeJobQueueContract('the in-memory kit', async () => ({
  async fresh() {
    return createMemoryPorts().jobs;
  },
}));
