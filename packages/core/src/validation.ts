import { z } from 'zod';
import { type FieldIssue, ValidationError } from './errors.js';
import type { Lang } from './i18n/index.js';
import { assertStorableText } from './text-input.js';

const errorMaps = { nl: z.locales.nl().localeError, en: z.locales.en().localeError };

/** `a.b.0.c` — the form people see in error messages and API responses. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment) => String(segment)).join('.');
}

export function zodIssuesToFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Parses untrusted input. On failure throws a ValidationError whose message names every bad field,
 * in the user's language (zod's own Dutch messages, plus our field paths).
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  lang: Lang = 'nl',
): z.output<S> {
  // Before the schema: a NUL or a lone surrogate is refused for every field, whatever its schema allows.
  assertStorableText(input, what);
  const result = schema.safeParse(input, { error: errorMaps[lang] });
  if (result.success) return result.data;
  const issues = zodIssuesToFieldIssues(result.error);
  const lines = issues.map((issue) => `  - ${issue.path || '(geheel)'}: ${issue.message}`);
  const intro = lang === 'nl' ? `${what} is ongeldig:` : `${what} is invalid:`;
  throw new ValidationError([intro, ...lines].join('\n'), issues, { cause: result.error });
}
