import { MAX_ARRAY_ELEMENTS, MAX_RICH_TEXT_CHARS } from '../limits.js';

export interface RichTextItem {
  type: 'text';
  text: { content: string };
  annotations?: { bold?: boolean };
}

/**
 * Text as Notion rich text: split into pieces of at most 2,000 characters (never inside a surrogate pair), at
 * most 100 pieces; anything beyond 200,000 characters is cut with an ellipsis rather than refused.
 */
export function richText(text: string, options: { bold?: boolean } = {}): RichTextItem[] {
  const pieces: RichTextItem[] = [];
  let rest = text;
  while (rest.length > 0 && pieces.length < MAX_ARRAY_ELEMENTS) {
    let cut = Math.min(rest.length, MAX_RICH_TEXT_CHARS);
    const code = rest.charCodeAt(cut - 1);
    if (cut < rest.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    let piece = rest.slice(0, cut);
    rest = rest.slice(cut);
    if (rest.length > 0 && pieces.length === MAX_ARRAY_ELEMENTS - 1) {
      piece = `${piece.slice(0, -1)}…`;
      rest = '';
    }
    pieces.push({
      type: 'text',
      text: { content: piece },
      ...(options.bold ? { annotations: { bold: true } } : {}),
    });
  }
  return pieces;
}

/** Several runs (a bold label and its text) as one rich-text array within the limits. */
export function richTextRuns(runs: Array<{ text: string; bold?: boolean }>): RichTextItem[] {
  return runs
    .filter((run) => run.text.length > 0)
    .flatMap((run) => richText(run.text, run.bold ? { bold: true } : {}))
    .slice(0, MAX_ARRAY_ELEMENTS);
}

/** The plain text of a rich-text array as Notion returns it. */
export function plainText(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items
    .map((item) => {
      const record = item as { plain_text?: unknown; text?: { content?: unknown } };
      if (typeof record.plain_text === 'string') return record.plain_text;
      return typeof record.text?.content === 'string' ? record.text.content : '';
    })
    .join('');
}
