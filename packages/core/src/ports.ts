/**
 * Ports: the interfaces the store and the plugins implement. Core depends on nothing but these.
 * Repositories are declared here by the store work; plugins receive them from apps/server.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}
