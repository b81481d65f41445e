import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let measureWidth: ((text: string) => number) | undefined;

/** Letters, digits and punctuation of Dutch and English text: one terminal cell per UTF-16 unit. */
const ONE_CELL_EACH = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2013\u2014\u2018-\u201e\u2022\u2026]*$/;

/**
 * Terminal cells of a text. Most cells are plain Dutch, counted directly; only other text (CJK, emoji,
 * combining marks) loads `string-width`, whose import (an Intl.Segmenter) would cost every CLI start ~20 ms.
 */
function cellWidth(text: string): number {
  if (ONE_CELL_EACH.test(text)) return text.length;
  measureWidth ??= (require('string-width') as { default: (text: string) => number }).default;
  return measureWidth(text);
}

/**
 * Terminal columns: every column as wide as its widest cell, measured in terminal cells, so names with
 * accents, CJK characters or emoji still line up (`padEnd` counts UTF-16 units, which runs them out of line).
 * Lines carry no trailing spaces.
 */
export function alignColumns(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { indent?: number; gap?: number; maxWidth?: number } = {},
): string {
  const gap = ' '.repeat(options.gap ?? 2);
  const indent = ' '.repeat(options.indent ?? 0);
  const cells = rows.map((row) => row.map((cell) => truncate(cell, options.maxWidth)));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cellWidth(cell));
    });
  }
  return cells
    .map(
      (row) =>
        indent +
        row
          .map((cell, index) =>
            index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - cellWidth(cell)),
          )
          .join(gap)
          .trimEnd(),
    )
    .join('\n');
}

/** Shortens a cell to `max` terminal cells with an ellipsis. */
export function truncate(text: string, max: number | undefined): string {
  if (max === undefined || cellWidth(text) <= max) return text;
  let result = '';
  for (const character of text) {
    if (cellWidth(`${result}${character}…`) > max) break;
    result += character;
  }
  return `${result}…`;
}
