/**
 * The low-level rules of RFC 5545 text: escaping, CRLF, and folding long lines at 75 octets.
 */

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_OCTETS = 75;

/**
 * Folds one content line into lines of at most 75 octets; continuation lines start with a space, which
 * counts towards their 75. Never splits a UTF-8 sequence (or a surrogate pair) in two.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentOctets = 0;
  let limit = MAX_OCTETS;
  for (const character of line) {
    const octets = encoder.encode(character).length;
    if (currentOctets + octets > limit) {
      parts.push(current);
      current = '';
      currentOctets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += character;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Joins content lines into an iCalendar stream: folded, CRLF-terminated. */
export function serializeLines(lines: readonly string[]): string {
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** `20270127T093000` for a local date and time. */
export function formatLocalDateTime(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(/:/g, '').padEnd(6, '0')}`;
}

/** `20270127` for an all-day value. */
export function formatDateValue(date: string): string {
  return date.replace(/-/g, '');
}

/** `20270127T083000Z` for an instant (DTSTAMP). */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
