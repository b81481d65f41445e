/** One escaper for every page (core's); re-exported for the tab's modules. */
export { escapeHtml } from '@visieleren/core';

/** Rounded for SVG coordinates: short, stable output. */
export function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
