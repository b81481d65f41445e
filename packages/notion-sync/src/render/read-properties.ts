import { canonicalJson } from './hash.js';
import { plainText } from './rich-text.js';

/**
 * A property value reduced to what it means, the same for what we send and what Notion returns (which
 * adds ids, annotations, plain_text…). Used to tell whether a write whose answer was lost has landed.
 */
export function propertyMeaning(value: unknown): unknown {
  const record = (value ?? {}) as Record<string, unknown>;
  if ('title' in record) return { text: plainText(record.title) };
  if ('rich_text' in record) return { text: plainText(record.rich_text) };
  if ('number' in record) return { number: record.number ?? null };
  if ('checkbox' in record) return { checkbox: record.checkbox === true };
  if ('email' in record) return { email: record.email ?? null };
  if ('select' in record) return { select: (record.select as { name?: string } | null)?.name ?? null };
  if ('multi_select' in record) {
    return { multi: ((record.multi_select ?? []) as Array<{ name: string }>).map((option) => option.name) };
  }
  if ('date' in record) {
    const date = record.date as { start?: string; end?: string | null } | null;
    return { date: date ? { start: date.start, end: date.end ?? null } : null };
  }
  if ('relation' in record) {
    return {
      relation: ((record.relation ?? []) as Array<{ id: string }>).map((item) => item.id.replaceAll('-', '')),
    };
  }
  return value;
}

/**
 * Whether every property we sent (keyed by property id) reads back with the same meaning. Notion answers
 * with properties keyed by name, each carrying its id.
 */
export function propertiesLanded(sent: Record<string, unknown>, page: Record<string, unknown>): boolean {
  const byId = new Map<string, unknown>();
  for (const value of Object.values((page.properties ?? {}) as Record<string, { id?: string }>)) {
    if (value?.id) byId.set(decodeId(value.id), value);
  }
  return Object.entries(sent).every(
    ([id, value]) =>
      canonicalJson(propertyMeaning(value)) === canonicalJson(propertyMeaning(byId.get(decodeId(id)))),
  );
}

/** Notion's property ids are URL-encoded in some answers and not in others: compare them decoded. */
export function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/** A select's option name, from a property value as Notion returns it. */
export function selectName(value: Record<string, unknown> | undefined): string | undefined {
  return (value?.select as { name?: string } | null | undefined)?.name ?? undefined;
}

export function checkboxValue(value: Record<string, unknown> | undefined): boolean | undefined {
  return typeof value?.checkbox === 'boolean' ? value.checkbox : undefined;
}

export function textValue(value: Record<string, unknown> | undefined): string | undefined {
  if (!value) return undefined;
  return plainText(value.rich_text ?? value.title);
}
