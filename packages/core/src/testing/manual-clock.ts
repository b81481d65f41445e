import type { Clock } from '../ports.js';

/** A clock a test moves by hand: expiry, deadlines and leases without waiting. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function createManualClock(start: Date | string = '2027-01-11T08:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(at) {
      current = new Date(at).getTime();
    },
  };
}
