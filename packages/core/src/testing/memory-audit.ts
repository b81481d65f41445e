import { changeFeedLimit, isTrajectChangeAction } from '../changes/traject-changes.js';
import type { AuditPort, ChangeFeedPort, Clock } from '../ports.js';

/** An audit entry as the in-memory kit keeps it (the store's AuditEntry, same fields). */
export interface MemoryAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  trajectId?: string;
  detail: Record<string, unknown>;
}

export type AuditInput = Parameters<AuditPort['append']>[0];

export interface MemoryAudit extends AuditPort {
  /** Every entry, oldest first. */
  readonly entries: MemoryAuditEntry[];
  /** Appends and returns the entry (the repositories' own audit writes go through here). */
  record(entry: AuditInput): MemoryAuditEntry;
}

export function createMemoryAudit(clock: Clock): MemoryAudit {
  const entries: MemoryAuditEntry[] = [];
  const record = (entry: AuditInput): MemoryAuditEntry => {
    const stored: MemoryAuditEntry = {
      id: entries.length + 1,
      at: clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      ...(entry.trajectId === undefined ? {} : { trajectId: entry.trajectId }),
      detail: structuredClone(entry.detail ?? {}),
    };
    entries.push(stored);
    return stored;
  };
  return {
    entries,
    record,
    async append(entry) {
      record(entry);
    },
  };
}

/** The change feed on the audit entries, like the store's: traject changes only, by entry id. */
export function createMemoryChangeFeed(audit: MemoryAudit): ChangeFeedPort {
  return {
    async changesSince(cursor, limit) {
      const changes = audit.entries
        .filter(
          (entry) =>
            entry.id > cursor && entry.trajectId !== undefined && isTrajectChangeAction(entry.action),
        )
        .slice(0, changeFeedLimit(limit))
        .map((entry) => ({
          position: entry.id,
          trajectId: entry.trajectId as string,
          action: entry.action,
          actor: entry.actor,
          at: entry.at,
        }));
      return { changes, cursor: changes.at(-1)?.position ?? cursor };
    },
  };
}
