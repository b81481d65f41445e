import { escapeHtml, HOURS_STATUS_LABELS, localize } from '@visieleren/core';
import { normText, type PortfolioReport } from '../../admin/report.js';
import { day, table } from './console-html.js';

/**
 * One chart: trajects per status as horizontal bars in inline SVG. The SVG is an image with a text
 * alternative; the same numbers follow as a table, so nothing is only in the picture.
 */
export function statusChart(report: PortfolioReport): string {
  const bars = report.byStatus;
  if (bars.length === 0) return '<p>Nog geen trajecten.</p>';
  const max = Math.max(...bars.map((bar) => bar.count));
  const rowHeight = 28;
  const labelWidth = 260;
  const width = 600;
  const barSpace = width - labelWidth - 40;
  const alternative = bars.map((bar) => `${bar.label}: ${bar.count}`).join(', ');
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const length = Math.max(2, Math.round((bar.count / max) * barSpace));
      return `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="14" fill="#1b1b1b">${escapeHtml(bar.label)}</text>
<rect x="${labelWidth}" y="${y + 5}" width="${length}" height="18" fill="#0b4f8a"/>
<text x="${labelWidth + length + 6}" y="${y + 18}" font-size="14" fill="#1b1b1b">${bar.count}</text>`;
    })
    .join('\n');
  const svg = `<svg class="vl-chart" role="img" aria-labelledby="grafiek-titel grafiek-uitleg" viewBox="0 0 ${width} ${bars.length * rowHeight + 8}" width="100%" preserveAspectRatio="xMinYMin meet">
<title id="grafiek-titel">Trajecten per status</title>
<desc id="grafiek-uitleg">${escapeHtml(alternative)}</desc>
${rows}
</svg>`;
  return `<figure class="vl-figure">
<figcaption>Trajecten per status, stand van ${day(report.today)}</figcaption>
${svg}
</figure>
${table(
  'status-caption',
  'Trajecten per status (de getallen van de grafiek)',
  ['Status', 'Aantal'],
  bars.map((bar) => [escapeHtml(bar.label), String(bar.count)]),
)}`;
}

export function portfolioTable(report: PortfolioReport): string {
  return table(
    'portfolio-caption',
    `Portfolio (${report.rows.length} trajecten)`,
    ['Gemeente', 'Status', 'Fase', 'Uitloop', 'Uren contactpersoon (norm)', 'VIT beoordeeld', 'Evaluaties'],
    report.rows.map((row) => {
      const contact = row.hours.find((hours) => hours.role === 'ambtelijk-contactpersoon');
      const assessed = row.vit.filter((entry) => entry.stage).length;
      return [
        `<a href="/console/trajecten/${encodeURIComponent(row.trajectId)}">${escapeHtml(row.gemeente)}</a>`,
        escapeHtml(row.statusLabel),
        escapeHtml(row.phase),
        row.slipDays === undefined ? '—' : `${row.slipDays} werkdagen`,
        contact
          ? `${contact.hours} (${escapeHtml(normText(contact))}): ${escapeHtml(localize(HOURS_STATUS_LABELS[contact.status]))}`
          : '—',
        `${assessed} van ${row.vit.length} uitgangspunten`,
        row.aanbevelingGemiddeld === undefined
          ? String(row.evaluaties)
          : `${row.evaluaties} (aanbeveling ${String(row.aanbevelingGemiddeld).replace('.', ',')})`,
      ];
    }),
  );
}
