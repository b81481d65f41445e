import type { PlatformLinkRecord } from '@visieleren/core';
import type { NotionObject } from '../client/gateway.js';
import { contentHash } from '../render/hash.js';
import { propertyMeaning } from '../render/read-properties.js';
import { richText } from '../render/rich-text.js';
import type { DataSourceKey } from '../workspace-template.js';
import type { SyncContext } from './context.js';
import { PAGE_LINK, type PagePayload, pagePayload, updateLinkPayload } from './link-state.js';

/**
 * What a sync overrules in Notion, so nobody's edit disappears without a word: a one-way field put back, a
 * status Visieleren does not know, a conflict the store won. Each gets a comment on the page in Notion
 * (saying why) and is listed in the report (`notion sync --json`).
 */
export interface Overruled {
  trajectId: string;
  /** The Notion page the edit was made on. */
  pageId: string;
  reason: 'eenrichting' | 'onbekende-status' | 'statusstap' | 'conflict';
  /** The property, by its name in Visieleren. */
  field: string;
  /** What Notion showed (a readable value). */
  notionValue: string;
  /** What Visieleren keeps (and writes back). */
  keptValue: string;
  notionUser?: string;
  /** For `statusstap`: why the status machine does not take this step from Notion. */
  why?: string;
}

/** A property value's hash by meaning: the same for what we send and what Notion answers. */
export function meaningHash(value: unknown): string {
  return contentHash(propertyMeaning(value)).slice(0, 10);
}

/** A value as text for a person: "Gepauzeerd", "2027-03-01", "ja". */
export function readable(value: unknown): string {
  const meaning = propertyMeaning(value) as Record<string, unknown>;
  const [inner] = Object.values(meaning);
  if (inner === null || inner === undefined) return '(leeg)';
  if (typeof inner === 'boolean') return inner ? 'ja' : 'nee';
  if (typeof inner === 'object' && 'start' in (inner as object)) {
    const date = inner as { start: string; end: string | null };
    return date.end ? `${date.start} – ${date.end}` : date.start;
  }
  return Array.isArray(inner) ? inner.join(', ') : String(inner);
}

/**
 * One-way fields edited in Notion: a property whose meaning differs from what we last wrote was changed
 * by a person. Its recorded hash is dropped, so the traject's push writes it back this run.
 */
export async function findOneWayEdits(
  context: SyncContext,
  trajectId: string,
  source: DataSourceKey,
  page: NotionObject,
  link: PlatformLinkRecord,
  desired: Record<string, unknown> | undefined,
): Promise<Overruled[]> {
  const fields = (pagePayload(link) as PagePayload & { fields?: Record<string, string> }).fields ?? {};
  const edited: Overruled[] = [];
  for (const [name, hash] of Object.entries(fields)) {
    const value = context.schema.valueOf(page, source, name);
    if (value === undefined || meaningHash(value) === hash) continue;
    edited.push({
      trajectId,
      pageId: page.id,
      reason: 'eenrichting',
      field: name,
      notionValue: readable(value),
      keptValue: desired?.[name] === undefined ? 'de waarde uit Visieleren' : readable(desired[name]),
      ...editorOf(page),
    });
  }
  if (edited.length > 0 && !context.dryRun) {
    await updateLinkPayload<PagePayload & { fields?: Record<string, string> }>(
      context.ports.links,
      PAGE_LINK,
      link.externalId,
      (current) => {
        const kept = { ...(current.fields ?? {}) };
        for (const entry of edited) delete kept[entry.field];
        // A hash that matches nothing: the next push compares field by field and writes the dropped ones.
        return { ...current, fields: kept, hash: 'in-notion-gewijzigd' };
      },
    );
  }
  return edited;
}

export function editorOf(page: NotionObject): { notionUser?: string } {
  const id = (page.last_edited_by as { id?: string } | undefined)?.id;
  return id ? { notionUser: `notion:${id}` } : {};
}

/** The Dutch comment for what was overruled on one page. */
export function commentFor(entries: readonly Overruled[]): string {
  const lines = entries.map((entry) => {
    switch (entry.reason) {
      case 'eenrichting':
        return `"${entry.field}" is teruggezet naar ${entry.keptValue} (stond op ${entry.notionValue}): dit veld komt uit Visieleren en wordt daar gewijzigd, niet in Notion.`;
      case 'onbekende-status':
        return `De status ${entry.notionValue} kent Visieleren niet; de status is teruggezet naar ${entry.keptValue}. Kies een van de statussen uit de lijst, of vraag het VNG-team om een nieuwe.`;
      case 'statusstap':
        return `De status ${entry.notionValue} is niet overgenomen: ${entry.why}. De status is teruggezet naar ${entry.keptValue}.`;
      default:
        return `Je wijziging van "${entry.field}" naar ${entry.notionValue} is niet overgenomen: in Visieleren is het in dezelfde tijd (of later) gewijzigd naar ${entry.keptValue}. Klopt dat niet, pas het dan opnieuw aan.`;
    }
  });
  return `Visieleren-synchronisatie: ${lines.join(' ')}`;
}

/** Posts one comment per page for what this run overruled (not in a dry run). */
export async function commentOnOverruled(
  context: SyncContext,
  overruled: readonly Overruled[],
): Promise<void> {
  if (context.dryRun) return;
  const byPage = new Map<string, Overruled[]>();
  for (const entry of overruled) byPage.set(entry.pageId, [...(byPage.get(entry.pageId) ?? []), entry]);
  for (const [pageId, entries] of byPage) {
    await context.gateway.createComment(pageId, richText(commentFor(entries)));
  }
}
