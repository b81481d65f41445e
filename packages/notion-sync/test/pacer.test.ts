import { describe, expect, it } from 'vitest';
import { Pacer, type PacerTime } from '../src/client/pacer.js';

function virtualTime(): PacerTime & { at: number } {
  const time = {
    at: 0,
    now: () => time.at,
    sleep: async (ms: number) => {
      time.at += ms;
    },
  };
  return time;
}

describe('Pacer', () => {
  it('lets a burst of the budget through, then holds the rest until the window moves on', async () => {
    const time = virtualTime();
    const pacer = new Pacer(150, time);
    const starts: number[] = [];
    for (let index = 0; index < 400; index++) {
      await pacer.take();
      starts.push(time.at);
    }
    // In any 60-second window at most 150 requests start.
    for (let index = 150; index < starts.length; index++) {
      expect(starts[index]! - starts[index - 150]!).toBeGreaterThanOrEqual(60_000);
    }
    expect(starts.filter((at) => at === 0)).toHaveLength(150);
    expect(starts.at(-1)).toBe(120_000);
  });

  it('keeps requests in order when many wait at once, and a pause holds everyone', async () => {
    const time = virtualTime();
    const pacer = new Pacer(2, time);
    const order: number[] = [];
    await pacer.pauseFor(5_000);
    await Promise.all([0, 1, 2, 3].map((index) => pacer.take().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(time.at).toBe(65_000);
    expect(pacer.waitedMs).toBe(65_000);
  });
});
