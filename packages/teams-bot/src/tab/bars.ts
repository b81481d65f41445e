import { HOURS_STATUS_LABELS, type HoursReport, type Lang, ROLE_LABELS } from '@visieleren/core';
import { escapeHtml, n } from './html.js';

/** Hours logged against the commitment per role: a bar for the hours, a band for the expected range. */
export function hoursChart(report: HoursReport, lang: Lang): string {
  const rows = report.rows;
  const left = 230;
  const width = 760;
  const row = 36;
  const max = Math.max(
    1,
    ...rows.map((item) => Math.max(item.countedHours, item.expected.maxHours ?? item.expected.minHours)),
  );
  const x = (hours: number) => left + (hours / max) * (width - left - 60);
  const height = rows.length * row + 20;
  const parts = rows.map((item, index) => {
    const y = 10 + index * row;
    const band = item.expected.maxHours ?? item.expected.minHours;
    return [
      `<text x="4" y="${n(y + 18)}" class="chart-label">${escapeHtml(ROLE_LABELS[item.role][lang])}</text>`,
      `<rect x="${n(x(item.expected.minHours))}" y="${n(y)}" width="${n(Math.max(2, x(band) - x(item.expected.minHours)))}" height="26" class="bar-norm"/>`,
      `<rect x="${left}" y="${n(y + 7)}" width="${n(Math.max(1, x(item.countedHours) - left))}" height="12" class="bar-hours bar-${item.status}"/>`,
      `<text x="${n(x(Math.max(item.countedHours, band)) + 4)}" y="${n(y + 18)}" class="chart-note">${n(item.countedHours)} u</text>`,
    ].join('');
  });
  const title = lang === 'nl' ? 'Uren tegen de afspraken per rol' : 'Hours against commitments per role';
  const desc =
    lang === 'nl'
      ? 'Per rol een balk met de geschreven uren en een vlak met de verwachte uren volgens de afspraken.'
      : 'Per role a bar with the logged hours and a band with the expected hours.';
  return `<svg id="uren-grafiek" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="uren-titel uren-uitleg" focusable="false">
<title id="uren-titel">${escapeHtml(title)}</title>
<desc id="uren-uitleg">${escapeHtml(desc)}</desc>
${parts.join('\n')}
</svg>`;
}

export function hoursTable(report: HoursReport, lang: Lang): string {
  const nl = lang === 'nl';
  const expected = (min: number, max: number | null) => (max === null ? `≥ ${min}` : `${min}–${max}`);
  const rows = report.rows.map(
    (item) =>
      `<tr><th scope="row">${escapeHtml(ROLE_LABELS[item.role][lang])}</th><td>${n(item.countedHours)}</td><td>${expected(item.expected.minHours, item.expected.maxHours)}</td><td>${escapeHtml(HOURS_STATUS_LABELS[item.status][lang])}</td></tr>`,
  );
  return `<table class="data-table" id="uren-tabel">
<caption id="uren-tabel-titel">${nl ? 'Uren in tabelvorm' : 'Hours as a table'}</caption>
<thead><tr><th scope="col">${nl ? 'Rol' : 'Role'}</th><th scope="col">${nl ? 'Geschreven uren' : 'Hours logged'}</th><th scope="col">${nl ? 'Verwacht' : 'Expected'}</th><th scope="col">${nl ? 'Stand' : 'State'}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}
