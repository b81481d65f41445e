import { and, desc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection.js';
import { auditLog } from '../db/schema.js';
import { toIso } from '../db/values.js';
import type { AuditEntry, AuditEntryInput, AuditLog } from '../types.js';

type AuditRow = typeof auditLog.$inferSelect;

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: row.actor,
    action: row.action,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    detail: row.detail,
  };
}

/** Appends in the caller's transaction, so the entry commits or rolls back with the change it records. */
export async function appendAudit(executor: Executor, entry: AuditEntryInput): Promise<AuditEntry> {
  const [row] = await executor
    .insert(auditLog)
    .values({
      actor: entry.actor,
      action: entry.action,
      trajectId: entry.trajectId ?? null,
      detail: entry.detail ?? {},
    })
    .returning();
  if (!row) throw new Error('audit_log insert returned no row');
  return toAuditEntry(row);
}

export const MAX_AUDIT_PAGE = 1000;

export function createAuditLog(db: Database): AuditLog {
  return {
    append: (entry) => appendAudit(db, entry),
    async list(filter = {}) {
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), MAX_AUDIT_PAGE);
      const conditions = [
        filter.trajectId === undefined ? undefined : eq(auditLog.trajectId, filter.trajectId),
        filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
      ];
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return rows.map(toAuditEntry);
    },
  };
}
