import { type TrajectStatus, ValidationError } from '@visieleren/core';
import type { AuditEntry, Store, StoredTraject, UpdateOptions } from '@visieleren/store';

/** The audit action that keeps why a traject's status changed, beside the store's own `traject.status`. */
export const STATUS_REASON_ACTION = 'traject.status.reden';

/** Closing a traject early needs a reason; so does declining an aanmelding (core asks for that one). */
const NEEDS_REASON: ReadonlySet<TrajectStatus> = new Set([
  'tussentijds-gestopt',
  'geannuleerd',
  'gepauzeerd',
]);

/**
 * A status change by the VNG team, with its reason in the audit log (who, when, why). The one place the
 * console and the API change a status: when core gets a status machine for trajects, route it through here.
 */
export async function changeTrajectStatus(
  store: Store,
  trajectId: string,
  change: { status: TrajectStatus; reason?: string },
  options: UpdateOptions,
): Promise<StoredTraject> {
  const reason = change.reason?.trim() ?? '';
  if (NEEDS_REASON.has(change.status) && reason.length < 3) {
    throw new ValidationError(
      'Geef een reden (minstens 3 tekens) als u een traject stopt, pauzeert of annuleert.',
      [{ path: 'reden', message: 'verplicht bij deze status, 3 tot 2000 tekens' }],
    );
  }
  if (change.status === 'aangemeld' || change.status === 'afgewezen') {
    throw new ValidationError(
      'Een traject gaat niet terug naar aangemeld of afgewezen: dat besluit hoort bij de aanmelding.',
      [{ path: 'status', message: 'kies een status van een lopend of afgesloten traject' }],
    );
  }
  const traject = await store.trajects.setStatus(trajectId, change.status, options);
  if (reason) {
    await store.audit.append({
      actor: options.actor,
      action: STATUS_REASON_ACTION,
      trajectId,
      detail: { status: change.status, reason: reason.slice(0, 2000) },
    });
  }
  return traject;
}

export interface StatusReason {
  status: string;
  reason: string;
  at: string;
  by: string;
}

/** Why trajects stopped, were cancelled or declined: the reasons the audit log keeps, newest first. */
export async function statusReasons(store: Store, trajectId: string): Promise<StatusReason[]> {
  const [changes, declines] = await Promise.all([
    store.audit.list({ trajectId, action: STATUS_REASON_ACTION, limit: 50 }),
    store.audit.list({ trajectId, action: 'aanmelding.decline', limit: 5 }),
  ]);
  const reasonOf = (entry: AuditEntry, status: string): StatusReason | undefined => {
    const detail = entry.detail as { reason?: unknown; status?: unknown };
    return typeof detail.reason === 'string'
      ? {
          status: typeof detail.status === 'string' ? detail.status : status,
          reason: detail.reason,
          at: entry.at,
          by: entry.actor,
        }
      : undefined;
  };
  return [
    ...changes.map((entry) => reasonOf(entry, '')),
    ...declines.map((entry) => reasonOf(entry, 'afgewezen')),
  ]
    .filter((entry): entry is StatusReason => entry !== undefined)
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Closed statuses a traject can be given from the console (not aangemeld/afgewezen: those are the aanmelding's). */
export function settableStatuses(all: readonly TrajectStatus[]): TrajectStatus[] {
  return all.filter((status) => status !== 'aangemeld' && status !== 'afgewezen');
}
