import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  type Clock,
  NotFoundError,
  normaliseEmail,
  type PlatformLinkPort,
  type PlatformLinkRecord,
} from '@visieleren/core';

/**
 * Platform links kept in a JSON file, written (atomically) on every change: the crash test's stand-in for the
 * database, so a process killed with SIGKILL leaves exactly what it had committed.
 */
export function createFileLinks(path: string, clock: Clock): PlatformLinkPort {
  const links = new Map<string, PlatformLinkRecord>(
    existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Array<[string, PlatformLinkRecord]>) : [],
  );
  let ids = links.size;
  const key = (kind: string, externalId: string) => `${kind} ${externalId}`;
  const persist = () => {
    writeFileSync(`${path}.tmp`, JSON.stringify([...links.entries()]));
    renameSync(`${path}.tmp`, path);
  };
  const copy = (link: PlatformLinkRecord) => structuredClone(link);
  return {
    async link(input) {
      const existing = links.get(key(input.kind, input.externalId));
      const at = clock.now().toISOString();
      const record: PlatformLinkRecord = {
        id: existing?.id ?? `link-${++ids}`,
        kind: input.kind,
        externalId: input.externalId,
        ...(input.trajectId ? { trajectId: input.trajectId } : {}),
        ...(input.participantKey ? { participantKey: normaliseEmail(input.participantKey) } : {}),
        payload: structuredClone(input.payload ?? {}),
        revision: (existing?.revision ?? 0) + 1,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      links.set(key(input.kind, input.externalId), record);
      persist();
      return copy(record);
    },
    async find(kind, externalId) {
      const link = links.get(key(kind, externalId));
      return link ? copy(link) : undefined;
    },
    async listForTraject(trajectId) {
      return [...links.values()].filter((link) => link.trajectId === trajectId).map(copy);
    },
    async listByKind(kind) {
      return [...links.values()].filter((link) => link.kind === kind).map(copy);
    },
    async listForParticipant(participantKey, kind) {
      const wanted = normaliseEmail(participantKey);
      return [...links.values()]
        .filter((link) => link.participantKey === wanted && (kind === undefined || link.kind === kind))
        .map(copy);
    },
    async updatePayload(kind, externalId, payload, expectedRevision) {
      const link = links.get(key(kind, externalId));
      if (!link) throw new NotFoundError(`Koppeling ${kind} ${externalId} bestaat niet.`);
      if (link.revision !== expectedRevision) return undefined;
      const next = { ...link, payload: structuredClone(payload), revision: link.revision + 1 };
      links.set(key(kind, externalId), next);
      persist();
      return copy(next);
    },
    async unlink(kind, externalId) {
      const removed = links.delete(key(kind, externalId));
      if (removed) persist();
      return removed;
    },
  };
}
