import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError, parseWith } from '@visieleren/core';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { apiTokens, endedSessions, trajects } from '../db/schema.js';
import { optionalIso, toIso } from '../db/values.js';
import type { ApiTokenRecord, Principal, TokenRepository } from '../types.js';
import { appendAudit } from './audit.js';

/** Recognisable in logs and secret scanners; the random part is 32 bytes (256 bits). */
export const TOKEN_PREFIX = 'vl_';

export function hashToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

const createTokenSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('vng'), label: z.string().trim().min(1).max(200) }).strict(),
  z
    .object({
      role: z.literal('gemeente'),
      trajectId: z.string().min(1).max(100),
      label: z.string().trim().min(1).max(200),
    })
    .strict(),
]);

type TokenRow = typeof apiTokens.$inferSelect;

function toRecord(row: TokenRow): ApiTokenRecord {
  return {
    id: row.id,
    role: row.role,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    label: row.label,
    createdAt: toIso(row.createdAt),
    ...(row.revokedAt === null ? {} : { revokedAt: optionalIso(row.revokedAt) }),
  };
}

function toPrincipal(row: TokenRow): Principal {
  return {
    tokenId: row.id,
    role: row.role,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    label: row.label,
    scope: row.trajectId === null ? { kind: 'all' } : { kind: 'traject', trajectId: row.trajectId },
  };
}

/** Ids are UUIDs: anything else is no token's id, and is refused before a query (PostgreSQL rejects a NUL byte). */
const TOKEN_ID = /^[A-Za-z0-9-]{1,100}$/;

export function createTokenRepository(db: Database): TokenRepository {
  return {
    async create(input, actor) {
      const parsed = parseWith(createTokenSchema, input, 'Het token');
      const trajectId = parsed.role === 'gemeente' ? parsed.trajectId : null;
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record = await db.transaction(async (tx) => {
        if (trajectId !== null) {
          const [traject] = await tx
            .select({ id: trajects.id })
            .from(trajects)
            .where(eq(trajects.id, trajectId));
          if (!traject) throw new NotFoundError(`Traject ${JSON.stringify(trajectId)} bestaat niet.`);
        }
        const [row] = await tx
          .insert(apiTokens)
          .values({
            id: randomUUID(),
            tokenHash: hashToken(token),
            role: parsed.role,
            trajectId,
            label: parsed.label,
          })
          .returning();
        if (!row) throw new Error('api_tokens insert returned no row');
        await appendAudit(tx, {
          actor,
          action: 'token.create',
          ...(trajectId === null ? {} : { trajectId }),
          detail: { tokenId: row.id, role: row.role, label: row.label },
        });
        return toRecord(row);
      });
      return { token, record };
    },

    async verify(plaintext) {
      // Cheap rejections first; never throw on whatever arrives in an Authorization header.
      if (typeof plaintext !== 'string' || !plaintext.startsWith(TOKEN_PREFIX) || plaintext.length > 200) {
        return undefined;
      }
      // Lookup by hash: the plaintext itself is never compared or stored, so timing reveals nothing about it.
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, hashToken(plaintext)), isNull(apiTokens.revokedAt)));
      return row ? toPrincipal(row) : undefined;
    },

    async findActive(tokenId) {
      if (typeof tokenId !== 'string' || !TOKEN_ID.test(tokenId)) return undefined;
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
      return row ? toPrincipal(row) : undefined;
    },

    async endSession(sessionId) {
      if (!TOKEN_ID.test(sessionId)) return;
      await db.insert(endedSessions).values({ sessionId }).onConflictDoNothing();
    },

    async sessionEnded(sessionId) {
      // An id we never issue cannot be a live session.
      if (typeof sessionId !== 'string' || !TOKEN_ID.test(sessionId)) return true;
      const [row] = await db
        .select({ id: endedSessions.sessionId })
        .from(endedSessions)
        .where(eq(endedSessions.sessionId, sessionId));
      return row !== undefined;
    },

    async revoke(id, actor) {
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
        if (!row) throw new NotFoundError(`Token ${JSON.stringify(id)} bestaat niet.`);
        if (row.revokedAt !== null) return;
        await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
        await appendAudit(tx, {
          actor,
          action: 'token.revoke',
          ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
          detail: { tokenId: id, label: row.label },
        });
      });
    },

    async revokeByLabel(label, actor) {
      return db.transaction(async (tx) => {
        const revoked = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiTokens.label, label), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id, trajectId: apiTokens.trajectId });
        for (const row of revoked) {
          await appendAudit(tx, {
            actor,
            action: 'token.revoke',
            ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
            detail: { tokenId: row.id, label },
          });
        }
        return revoked.length;
      });
    },

    async list(options = {}) {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(options.includeRevoked ? undefined : isNull(apiTokens.revokedAt))
        .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
      return rows.map(toRecord);
    },
  };
}
