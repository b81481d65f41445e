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

/** Whether every property we sent reads back with the same meaning. */
export function propertiesLanded(sent: Record<string, unknown>, page: Record<string, unknown>): boolean {
  const actual = (page.properties ?? {}) as Record<string, unknown>;
  return Object.entries(sent).every(
    ([name, value]) => canonicalJson(propertyMeaning(value)) === canonicalJson(propertyMeaning(actual[name])),
  );
}

export function selectName(page: Record<string, unknown>, property: string): string | undefined {
  const value = ((page.properties ?? {}) as Record<string, { select?: { name?: string } | null }>)[property];
  return value?.select?.name ?? undefined;
}

export function checkboxValue(page: Record<string, unknown>, property: string): boolean | undefined {
  const value = ((page.properties ?? {}) as Record<string, { checkbox?: boolean }>)[property];
  return typeof value?.checkbox === 'boolean' ? value.checkbox : undefined;
}

export function textValue(page: Record<string, unknown>, property: string): string | undefined {
  const value = ((page.properties ?? {}) as Record<string, { rich_text?: unknown; title?: unknown }>)[
    property
  ];
  if (!value) return undefined;
  return plainText(value.rich_text ?? value.title);
}
