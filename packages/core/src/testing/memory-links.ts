import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import {
  generateLinkCode,
  hashLinkCode,
  linkCodeRequestSchema,
  normaliseLinkCode,
} from '../links/link-code.js';
import { normaliseEmail } from '../links/link-kinds.js';
import { validateLinkPayload } from '../links/link-payload.js';
import type { Clock, LinkCodePort, PlatformLinkPort, PlatformLinkRecord } from '../ports.js';
import { parseWith } from '../validation.js';
import type { MemoryAudit } from './memory-audit.js';

const linkSchema = z
  .object({
    kind: z.string().trim().min(1).max(50),
    externalId: z.string().min(1).max(500),
    trajectId: z.string().min(1).max(100).optional(),
    participantKey: z.string().trim().min(1).max(320).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

function byKindThenAge(a: PlatformLinkRecord, b: PlatformLinkRecord): number {
  return a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) : a.kind.localeCompare(b.kind);
}

export function createMemoryLinks(
  clock: Clock,
  audit: MemoryAudit,
  trajectExists: (id: string) => boolean,
): PlatformLinkPort {
  // Insertion order doubles as the tie-breaker for links made in the same millisecond.
  const links = new Map<string, PlatformLinkRecord>();
  let ids = 0;
  const keyOf = (kind: string, externalId: string) => `${kind}\u0000${externalId}`;
  const copy = (link: PlatformLinkRecord) => structuredClone(link);
  const all = () => [...links.values()];

  return {
    async link(input, actor) {
      const link = parseWith(linkSchema, input, 'De platformkoppeling');
      const payload = validateLinkPayload(link.kind, link.payload ?? {});
      if (link.trajectId !== undefined && !trajectExists(link.trajectId)) {
        throw new NotFoundError(`Traject ${JSON.stringify(link.trajectId)} bestaat niet.`);
      }
      const key = keyOf(link.kind, link.externalId);
      const existing = links.get(key);
      const at = clock.now().toISOString();
      const record: PlatformLinkRecord = {
        id: existing?.id ?? `link-${++ids}`,
        kind: link.kind,
        externalId: link.externalId,
        ...(link.trajectId === undefined ? {} : { trajectId: link.trajectId }),
        ...(link.participantKey === undefined ? {} : { participantKey: normaliseEmail(link.participantKey) }),
        payload: structuredClone(payload),
        revision: (existing?.revision ?? 0) + 1,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      links.set(key, record);
      audit.record({
        actor,
        action: 'platform.link',
        ...(link.trajectId ? { trajectId: link.trajectId } : {}),
        detail: { kind: link.kind, externalId: link.externalId },
      });
      return copy(record);
    },

    async find(kind, externalId) {
      const link = links.get(keyOf(kind, externalId));
      return link ? copy(link) : undefined;
    },

    async listForTraject(trajectId) {
      return all()
        .filter((link) => link.trajectId === trajectId)
        .sort(byKindThenAge)
        .map(copy);
    },

    async listByKind(kind) {
      return all()
        .filter((link) => link.kind === kind)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(copy);
    },

    async listForParticipant(participantKey, kind) {
      const key = normaliseEmail(participantKey);
      return all()
        .filter((link) => link.participantKey === key && (kind === undefined || link.kind === kind))
        .sort(byKindThenAge)
        .map(copy);
    },

    async updatePayload(kind, externalId, payload, expectedRevision) {
      // The store's order: the payload is checked before the link is looked up.
      const checked = validateLinkPayload(kind, payload);
      const key = keyOf(kind, externalId);
      const link = links.get(key);
      if (!link) throw new NotFoundError(`Koppeling ${kind} ${JSON.stringify(externalId)} bestaat niet.`);
      if (link.revision !== expectedRevision) return undefined;
      const next = {
        ...link,
        payload: structuredClone(checked),
        revision: link.revision + 1,
        updatedAt: clock.now().toISOString(),
      };
      links.set(key, next);
      return copy(next);
    },

    async unlink(kind, externalId, actor) {
      const key = keyOf(kind, externalId);
      const link = links.get(key);
      if (!link) return false;
      links.delete(key);
      audit.record({
        actor,
        action: 'platform.unlink',
        ...(link.trajectId === undefined ? {} : { trajectId: link.trajectId }),
        detail: { kind, externalId },
      });
      return true;
    },
  };
}

interface StoredCode {
  trajectId: string;
  purpose: string;
  expiresAt: Date;
  redeemed: boolean;
}

/** Link codes in memory; expiry is judged by the kit's clock (the store uses the database clock). */
export function createMemoryLinkCodes(
  clock: Clock,
  audit: MemoryAudit,
  trajectExists: (id: string) => boolean,
): LinkCodePort {
  const codes = new Map<string, StoredCode>();
  return {
    async create(input, actor) {
      const request = parseWith(linkCodeRequestSchema, input, 'De koppelcode');
      if (!trajectExists(request.trajectId)) {
        throw new NotFoundError(`Traject ${JSON.stringify(request.trajectId)} bestaat niet.`);
      }
      let code = generateLinkCode();
      while (codes.has(await hashLinkCode(code))) code = generateLinkCode();
      const expiresAt = new Date(clock.now().getTime() + request.ttlMs);
      codes.set(await hashLinkCode(code), {
        trajectId: request.trajectId,
        purpose: request.purpose,
        expiresAt,
        redeemed: false,
      });
      audit.record({
        actor,
        action: 'linkcode.create',
        trajectId: request.trajectId,
        detail: { purpose: request.purpose, expiresAt: expiresAt.toISOString() },
      });
      return {
        code,
        trajectId: request.trajectId,
        purpose: request.purpose,
        expiresAt: expiresAt.toISOString(),
      };
    },

    async redeem(input, purpose, actor) {
      const code = normaliseLinkCode(input);
      if (code === undefined) return undefined;
      const stored = codes.get(await hashLinkCode(code));
      if (!stored || stored.redeemed || stored.purpose !== purpose || stored.expiresAt <= clock.now()) {
        return undefined;
      }
      stored.redeemed = true;
      audit.record({ actor, action: 'linkcode.redeem', trajectId: stored.trajectId, detail: { purpose } });
      return { trajectId: stored.trajectId };
    },
  };
}
