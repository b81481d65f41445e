import {
  type PlatformLinkPort,
  type PlatformLinkRecord,
  type TrajectStatus,
  VisielerenError,
} from '@visieleren/core';
import type { EntityKind } from '../render/traject.js';

export const PAGE_LINK = 'notion-page';
export const WORKSPACE_LINK = 'notion-workspace';

/** A dossier block we wrote: its key, the hash of its one-way content, and its id once known. */
export interface RecordedBlock {
  key: string;
  hash: string;
  id?: string;
}

/**
 * The bookkeeping of one Notion page, in its `notion-page` link. `hash` covers the one-way content only; the
 * fields people may change in Notion are kept in `synced` as Notion shows them, so a tick made there and
 * the same tick made here are recognised as one.
 */
export interface PagePayload {
  entity: EntityKind;
  entityId: string;
  hash?: string;
  /** Notion's last_edited_time at our last write or read. */
  lastEditedTime?: string;
  /** When we last knew the page's whole content (for the minute Notion rounds edit times down to). */
  knownAt?: string;
  /** Traject rows: status and to-dos as Notion shows them. Checklist rows: `done`. */
  synced?: { status?: TrajectStatus; checks?: Record<string, boolean>; done?: boolean };
  /** Traject rows: the dossier blocks in their page. Absent ids are found by reading the page once. */
  dossier?: { blocks: RecordedBlock[] };
}

export function pagePayload(link: PlatformLinkRecord): PagePayload {
  return link.payload as unknown as PagePayload;
}

/** Compare-and-set on a link's payload, re-reading and re-applying on a concurrent write (no audit rows). */
export async function updateLinkPayload<P>(
  links: PlatformLinkPort,
  kind: string,
  externalId: string,
  change: (payload: P) => P,
): Promise<PlatformLinkRecord> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await links.find(kind, externalId);
    if (!current) {
      throw new VisielerenError('NOT_FOUND', `De koppeling ${kind} ${externalId} bestaat niet meer.`);
    }
    const next = change(structuredClone(current.payload) as P);
    const written = await links.updatePayload(
      kind,
      externalId,
      next as Record<string, unknown>,
      current.revision,
    );
    if (written) return written;
  }
  throw new VisielerenError(
    'CONFLICT',
    `De koppeling ${kind} ${externalId} wordt steeds tegelijk gewijzigd.`,
  );
}
