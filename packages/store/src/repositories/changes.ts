import { type ChangeFeedPort, changeFeedLimit, NON_TRAJECT_CHANGE_PREFIXES } from '@visieleren/core';
import { and, asc, gt, isNotNull, notLike } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { auditLog } from '../db/schema.js';
import { likeEscape, toIso } from '../db/values.js';

/**
 * The change feed is the append-only audit log read by id: every change to a traject writes an entry in the
 * same transaction, so nothing is missed and nothing extra is stored.
 *
 * Caveat: ids come from a sequence, taken when a transaction inserts its entry, not when it commits. On
 * PostgreSQL a transaction holding id 41 can commit after one holding id 42, so a reader that saw 42 and
 * moved its cursor past it never sees 41. Readers therefore re-read an overlap (the last few positions or
 * seconds) and de-duplicate by content, as the Notion sync does by hash. PGlite has one connection and
 * commits in id order.
 */
export function createChangeFeed(db: Database): ChangeFeedPort {
  return {
    async changesSince(cursor, limit) {
      const rows = await db
        .select({
          id: auditLog.id,
          trajectId: auditLog.trajectId,
          action: auditLog.action,
          actor: auditLog.actor,
          at: auditLog.at,
        })
        .from(auditLog)
        .where(
          and(
            gt(auditLog.id, Math.max(0, Math.trunc(cursor))),
            isNotNull(auditLog.trajectId),
            ...NON_TRAJECT_CHANGE_PREFIXES.map((prefix) =>
              notLike(auditLog.action, `${likeEscape(prefix)}%`),
            ),
          ),
        )
        .orderBy(asc(auditLog.id))
        .limit(changeFeedLimit(limit));
      const changes = rows.map((row) => ({
        position: row.id,
        trajectId: row.trajectId as string,
        action: row.action,
        actor: row.actor,
        at: toIso(row.at),
      }));
      return { changes, cursor: changes.at(-1)?.position ?? cursor };
    },
  };
}
