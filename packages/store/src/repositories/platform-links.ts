import { randomUUID } from 'node:crypto';
import { NotFoundError, normaliseEmail, parseWith, validateLinkPayload } from '@visieleren/core';
import { and, asc, eq, sql } from 'drizzle-orm';
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
    participantKey: z.string().trim().min(1).max(320).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export function toPlatformLink(row: typeof platformLinks.$inferSelect): PlatformLink {
  return {
    id: row.id,
    kind: row.kind,
    externalId: row.externalId,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    ...(row.participantKey === null ? {} : { participantKey: row.participantKey }),
    payload: row.payload,
    revision: row.revision,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

function linkNotFound(kind: string, externalId: string): NotFoundError {
  return new NotFoundError(`Koppeling ${kind} ${JSON.stringify(externalId)} bestaat niet.`);
}

export function createPlatformLinkRepository(db: Database): PlatformLinkRepository {
  return {
    async link(input, actor) {
      const link = parseWith(linkSchema, input, 'De platformkoppeling');
      const payload = validateLinkPayload(link.kind, link.payload ?? {});
      try {
        return await db.transaction(async (tx) => {
          const values = {
            trajectId: link.trajectId ?? null,
            participantKey: link.participantKey === undefined ? null : normaliseEmail(link.participantKey),
            payload,
            updatedAt: new Date(),
          };
          const [row] = await tx
            .insert(platformLinks)
            .values({ id: randomUUID(), kind: link.kind, externalId: link.externalId, ...values })
            .onConflictDoUpdate({
              target: [platformLinks.kind, platformLinks.externalId],
              set: { ...values, revision: sql`${platformLinks.revision} + 1` },
            })
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
        .orderBy(asc(platformLinks.kind), asc(platformLinks.createdAt), asc(platformLinks.id));
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

    async listForParticipant(participantKey, kind) {
      const rows = await db
        .select()
        .from(platformLinks)
        .where(
          and(
            eq(platformLinks.participantKey, normaliseEmail(participantKey)),
            kind === undefined ? undefined : eq(platformLinks.kind, kind),
          ),
        )
        .orderBy(asc(platformLinks.kind), asc(platformLinks.createdAt), asc(platformLinks.id));
      return rows.map(toPlatformLink);
    },

    async updatePayload(kind, externalId, input, expectedRevision) {
      const payload = validateLinkPayload(kind, input);
      // Compare-and-set in one statement; no audit row (a sync writes thousands of these).
      const [row] = await db
        .update(platformLinks)
        .set({ payload, revision: sql`${platformLinks.revision} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(platformLinks.kind, kind),
            eq(platformLinks.externalId, externalId),
            eq(platformLinks.revision, expectedRevision),
          ),
        )
        .returning();
      if (row) return toPlatformLink(row);
      const [existing] = await db
        .select({ id: platformLinks.id })
        .from(platformLinks)
        .where(and(eq(platformLinks.kind, kind), eq(platformLinks.externalId, externalId)));
      if (!existing) throw linkNotFound(kind, externalId);
      return undefined;
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
