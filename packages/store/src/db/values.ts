/** Small conversions between database rows and the JSON shapes of core. */

export const toIso = (value: Date): string => value.toISOString();

export function optionalIso(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}

/** Drops `null` and `undefined` fields: core's zod schemas use optional fields, never null. */
export function compact<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) out[key] = field;
  }
  return out as { [K in keyof T]: Exclude<T[K], null> };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern (e-mail addresses often contain `_`). */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
