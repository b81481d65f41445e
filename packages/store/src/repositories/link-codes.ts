import {
  generateLinkCode,
  hashLinkCode,
  type LinkCodePort,
  linkCodeRequestSchema,
  NotFoundError,
  normaliseLinkCode,
  parseWith,
} from '@visieleren/core';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import { linkCodes } from '../db/schema.js';
import { toIso } from '../db/values.js';
import { appendAudit } from './audit.js';

/**
 * One-time link codes. Only the code's hash is stored. Expiry and redemption are judged by the database's
 * clock (`now()`), so instances whose clocks differ agree on whether a code is still good; redeeming is one
 * conditional UPDATE, so of two simultaneous redeemers exactly one gets the traject.
 */
export function createLinkCodeRepository(db: Database): LinkCodePort {
  return {
    async create(input, actor) {
      const request = parseWith(linkCodeRequestSchema, input, 'De koppelcode');
      // A clash of two random 8-character codes is rare but possible: draw again.
      for (let attempt = 0; ; attempt++) {
        const code = generateLinkCode();
        const codeHash = await hashLinkCode(code);
        try {
          return await db.transaction(async (tx) => {
            const [row] = await tx
              .insert(linkCodes)
              .values({
                codeHash,
                trajectId: request.trajectId,
                purpose: request.purpose,
                expiresAt: sql`now() + make_interval(secs => ${request.ttlMs / 1000}::double precision)`,
              })
              .returning({ expiresAt: linkCodes.expiresAt });
            if (!row) throw new Error('link_codes insert returned no row');
            const expiresAt = toIso(row.expiresAt);
            // Never the code itself: the audit log is read by more people than the one it was made for.
            await appendAudit(tx, {
              actor,
              action: 'linkcode.create',
              trajectId: request.trajectId,
              detail: { purpose: request.purpose, expiresAt },
            });
            return { code, trajectId: request.trajectId, purpose: request.purpose, expiresAt };
          });
        } catch (error) {
          if (isForeignKeyViolation(error)) {
            throw new NotFoundError(`Traject ${JSON.stringify(request.trajectId)} bestaat niet.`);
          }
          if (!isUniqueViolation(error) || attempt >= 5) throw error;
        }
      }
    },

    async redeem(input, purpose, actor) {
      const code = normaliseLinkCode(typeof input === 'string' ? input : '');
      if (code === undefined) return undefined;
      const codeHash = await hashLinkCode(code);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(linkCodes)
          .set({ redeemedAt: sql`now()` })
          .where(
            and(
              eq(linkCodes.codeHash, codeHash),
              eq(linkCodes.purpose, purpose),
              isNull(linkCodes.redeemedAt),
              gt(linkCodes.expiresAt, sql`now()`),
            ),
          )
          .returning({ trajectId: linkCodes.trajectId });
        if (!row) return undefined;
        await appendAudit(tx, {
          actor,
          action: 'linkcode.redeem',
          trajectId: row.trajectId,
          detail: { purpose },
        });
        return { trajectId: row.trajectId };
      });
    },
  };
}
