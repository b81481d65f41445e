import {
  nextStatuses,
  planStatusChange,
  stepBetween,
  TRAJECT_STATUSES,
  TRAJECT_STEPS,
  type TrajectStatus,
  type TrajectStatusActor,
  ValidationError,
} from '@visieleren/core';
import type { AuditEntry, Store, StoredTraject, UpdateOptions } from '@visieleren/store';

/** Where an earlier version kept a status change's reason; still read, so those reasons stay visible. */
const LEGACY_REASON_ACTION = 'traject.status.reden';

/** Steps that are the aanmelding's decision: they go with its form (participants, ticked items), not here. */
const AANMELDING_STEPS = new Set(['accepteren', 'afwijzen']);

/**
 * A status change by the console, the beheer API or the CLI. Core's status machine decides which step it is,
 * who may take it and whether it needs a reason (the traject API's status route asks the same machine); the
 * reason goes into the store's `traject.status` audit entry, with who and when.
 */
export async function changeTrajectStatus(
  store: Store,
  trajectId: string,
  change: { status: TrajectStatus; reason?: string },
  options: UpdateOptions,
  actor: TrajectStatusActor = 'vng',
): Promise<StoredTraject> {
  const current = await store.trajects.get(trajectId, { kind: 'all' });
  const planned = planStatusChange({ from: current.status, to: change.status, actor, reason: change.reason });
  if (planned.step === undefined) return current;
  if (AANMELDING_STEPS.has(planned.step)) {
    throw new ValidationError(
      'Een aanmelding accepteren of afwijzen gaat met het besluit over de aanmelding (console of visieleren aanmeldingen).',
      [{ path: 'status', message: 'kies een status van een lopend of afgesloten traject' }],
    );
  }
  return store.trajects.setStatus(trajectId, change.status, options, planned.reason);
}

/** Every status a traject can be given here, whatever its current one (for help texts and option checks). */
export const SETTABLE_STATUSES: readonly TrajectStatus[] = TRAJECT_STATUSES.filter(
  (to) => to !== 'aangemeld' && to !== 'afgewezen',
);

/** The statuses whose step needs a reason (core's rule), for hints beside the reason field. */
export const STATUSES_NEEDING_REASON: readonly TrajectStatus[] = SETTABLE_STATUSES.filter((to) =>
  Object.entries(TRAJECT_STEPS).some(
    ([step, rule]) => rule.needsReason && !AANMELDING_STEPS.has(step) && rule.to.includes(to),
  ),
);

/** The statuses the VNG team can move a traject in this status to here (the aanmelding's decision aside). */
export function settableStatuses(from: TrajectStatus): TrajectStatus[] {
  return nextStatuses(from, 'vng').filter((to) => {
    const step = stepBetween(from, to);
    return step !== undefined && !AANMELDING_STEPS.has(step);
  });
}

export interface StatusReason {
  status: string;
  reason: string;
  at: string;
  by: string;
}

/** Why trajects stopped, were cancelled or declined: the reasons the audit log keeps, newest first. */
export async function statusReasons(store: Store, trajectId: string): Promise<StatusReason[]> {
  const [changes, legacy, declines] = await Promise.all([
    store.audit.list({ trajectId, action: 'traject.status', limit: 50 }),
    store.audit.list({ trajectId, action: LEGACY_REASON_ACTION, limit: 50 }),
    store.audit.list({ trajectId, action: 'aanmelding.decline', limit: 5 }),
  ]);
  const reasonOf = (entry: AuditEntry, status: string): StatusReason | undefined => {
    // The store's `traject.status` entry says `to`; the earlier reason entry said `status`.
    const detail = entry.detail as { reason?: unknown; status?: unknown; to?: unknown };
    const to = detail.to ?? detail.status;
    return typeof detail.reason === 'string'
      ? {
          status: typeof to === 'string' ? to : status,
          reason: detail.reason,
          at: entry.at,
          by: entry.actor,
        }
      : undefined;
  };
  return [
    ...[...changes, ...legacy].map((entry) => reasonOf(entry, '')),
    ...declines.map((entry) => reasonOf(entry, 'afgewezen')),
  ]
    .filter((entry): entry is StatusReason => entry !== undefined)
    .sort((a, b) => b.at.localeCompare(a.at));
}
