import { randomUUID } from 'node:crypto';
import { NotFoundError, parseWith } from '@visieleren/core';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { isForeignKeyViolation } from '../db/errors.js';
import { platformLinks } from '../db/schema.js';
import { toIso } from '../db/values.js';
import type { PlatformLink, PlatformLinkRepository } from '../types.js';
import { appendAudit } from './audit.js';

const linkSchema = z
  .object({
    kind: z.string().trim().min(1).max(50),
    externalId: z.string().min(1).max(500),
    trajectId: z.string().min(1).max(100).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export function toPlatformLink(row: typeof platformLinks.$inferSelect): PlatformLink {
  return {
    id: row.id,
    kind: row.kind,
    externalId: row.externalId,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    payload: row.payload,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

export function createPlatformLinkRepository(db: Database): PlatformLinkRepository {
  return {
    async link(input, actor) {
      const link = parseWith(linkSchema, input, 'De platformkoppeling');
      try {
        return await db.transaction(async (tx) => {
          const values = {
            trajectId: link.trajectId ?? null,
            payload: link.payload ?? {},
            updatedAt: new Date(),
          };
          const [row] = await tx
            .insert(platformLinks)
            .values({ id: randomUUID(), kind: link.kind, externalId: link.externalId, ...values })
            .onConflictDoUpdate({ target: [platformLinks.kind, platformLinks.externalId], set: values })
            .returning();
          if (!row) throw new Error('platform_links upsert returned no row');
          // The payload (a conversation reference…) stays out of the log; kind and id say what was linked.
          await appendAudit(tx, {
            actor,
            action: 'platform.link',
            ...(link.trajectId ? { trajectId: link.trajectId } : {}),
            detail: { kind: link.kind, externalId: link.externalId },
          });
          return toPlatformLink(row);
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`Traject ${JSON.stringify(link.trajectId)} bestaat niet.`);
        }
        throw error;
      }
    },

    async find(kind, externalId) {
      const [row] = await db
        .select()
        .from(platformLinks)
        .where(and(eq(platformLinks.kind, kind), eq(platformLinks.externalId, externalId)));
      return row ? toPlatformLink(row) : undefined;
    },

    async listForTraject(trajectId) {
      const rows = await db
        .select()
        .from(platformLinks)
        .where(eq(platformLinks.trajectId, trajectId))
        .orderBy(asc(platformLinks.kind), asc(platformLinks.createdAt));
      return rows.map(toPlatformLink);
    },

    async listByKind(kind) {
      const rows = await db
        .select()
        .from(platformLinks)
        .where(eq(platformLinks.kind, kind))
        .orderBy(asc(platformLinks.createdAt), asc(platformLinks.id));
      return rows.map(toPlatformLink);
    },

    async unlink(kind, externalId, actor) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .delete(platformLinks)
          .where(and(eq(platformLinks.kind, kind), eq(platformLinks.externalId, externalId)))
          .returning();
        if (!row) return false;
        await appendAudit(tx, {
          actor,
          action: 'platform.unlink',
          ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
          detail: { kind, externalId },
        });
        return true;
      });
    },
  };
}
