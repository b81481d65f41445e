import { type FieldIssue, ValidationError } from './errors.js';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored, or undefined when it can. PostgreSQL's text and jsonb refuse U+0000, and a
 * lone surrogate is no character at all (it cannot be written as UTF-8): both are refused at the door with a
 * message a person understands, instead of failing in the database.
 */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'bevat een nul-teken (U+0000), dat niet kan worden opgeslagen';
  if (LONE_SURROGATE.test(text)) return 'bevat een ongeldig teken (een losse surrogaat, geen geldige UTF-8)';
  return undefined;
}

const MAX_DEPTH = 64;
const formatPath = (path: PropertyKey[]) => path.map(String).join('.');

/** Every string (and object key) in `value` that cannot be stored, with its path (`gemeenten.0.name`). */
export function findUnsafeText(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (current: unknown, path: PropertyKey[]) => {
    if (issues.length >= 20 || path.length > MAX_DEPTH) return;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) issues.push({ path: formatPath(path), message: reason });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, field] of Object.entries(current)) {
        const keyReason = unsafeTextReason(key);
        if (keyReason) issues.push({ path: formatPath(path), message: `een veldnaam ${keyReason}` });
        else visit(field, [...path, key]);
      }
    }
  };
  visit(value, []);
  return issues;
}

/** Throws a Dutch ValidationError (422) naming every field whose text cannot be stored. */
export function assertStorableText(value: unknown, what: string): void {
  const issues = findUnsafeText(value);
  if (issues.length === 0) return;
  const lines = issues.map((issue) => `  - ${issue.path || '(geheel)'}: ${issue.message}`);
  throw new ValidationError([`${what} is ongeldig:`, ...lines].join('\n'), issues);
}
