export function escapeHtml(value: string | number): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Rounded for SVG coordinates: short, stable output. */
export function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
