import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { VisielerenError } from '@visieleren/core';

/**
 * Who is syncing: kept in the workspace link while a run writes, so `visieleren notion sync` from a terminal
 * and the job inside `serve` (on PostgreSQL they can run at once) never write side by side. A marker whose
 * process is gone (same machine) or that has not been refreshed for a while is a crashed run: the next run
 * takes over and recovers.
 */
export interface RunMarker {
  startedAt: string;
  owner?: string;
  heartbeatAt?: string;
}

/** A marker not refreshed for this long belongs to a run that died on another machine. */
export const LEASE_STALE_MS = 3 * 60_000;
/** How often a run refreshes its marker. */
export const HEARTBEAT_MS = 30_000;

/** Runs active in this process, so a marker of this process can be told apart from a crashed run's. */
const activeHere = new Set<string>();

export function newOwner(): string {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  activeHere.add(owner);
  return owner;
}

/** Call when a run ends, however it ends. */
export function releaseOwner(owner: string): void {
  activeHere.delete(owner);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a marker left by another run may be taken over. */
export function isStale(marker: RunMarker, me: string, now: Date): boolean {
  if (!marker.owner) return true;
  const [host, pid] = marker.owner.split(':');
  const [myHost, myPid] = me.split(':');
  if (activeHere.has(marker.owner)) return false;
  // Same machine: the process is gone, or it is this process and that run is over (it ended with an error).
  if (host === myHost && (pid === myPid || !processAlive(Number(pid)))) return true;
  const beat = Date.parse(marker.heartbeatAt ?? marker.startedAt);
  return now.getTime() - beat > LEASE_STALE_MS;
}

export function busyError(marker: RunMarker): VisielerenError {
  return new VisielerenError(
    'CONFLICT',
    `Er loopt al een Notion-synchronisatie (gestart ${marker.startedAt}${marker.heartbeatAt ? `, laatst actief ${marker.heartbeatAt}` : ''}). Wacht tot die klaar is en probeer het dan opnieuw.`,
  );
}
