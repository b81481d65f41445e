import stringWidth from 'string-width';

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
      widths[index] = Math.max(widths[index] ?? 0, stringWidth(cell));
    });
  }
  return cells
    .map(
      (row) =>
        indent +
        row
          .map((cell, index) =>
            index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - stringWidth(cell)),
          )
          .join(gap)
          .trimEnd(),
    )
    .join('\n');
}

/** Shortens a cell to `max` terminal cells with an ellipsis. */
export function truncate(text: string, max: number | undefined): string {
  if (max === undefined || stringWidth(text) <= max) return text;
  let result = '';
  for (const character of text) {
    if (stringWidth(`${result}${character}…`) > max) break;
    result += character;
  }
  return `${result}…`;
}
