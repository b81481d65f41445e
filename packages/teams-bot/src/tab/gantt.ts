import {
  daysBetween,
  formatDate,
  type IsoDate,
  type Lang,
  PHASE_STATE_LABELS,
  type TrajectForecast,
} from '@visieleren/core';
import { escapeHtml, n } from './html.js';

/**
 * The traject's timeline as an SVG Gantt chart: per phase the planned bar and the actual/forecast bar,
 * sessions as diamonds, today and the forecast end as lines. The table after it says the same in words
 * (WCAG 1.1.1); the SVG is labelled and its parts are presentational.
 */
/** Room for the longest phase name ("Werving, selectie en vraagverheldering") left of the bars. */
const LEFT = 290;
const WIDTH = 960;
/** Today is drawn only when it lies this close to the traject: a traject of 2023 is not squeezed into 2026. */
const TODAY_MARGIN_DAYS = 31;
const ROW = 34;
const TOP = 30;

export function ganttChart(forecast: TrajectForecast, today: IsoDate, lang: Lang): string {
  const starts = forecast.phases
    .map((phase) => phase.plannedStart)
    .concat(forecast.phases.map((phase) => phase.start));
  const ends = forecast.phases
    .map((phase) => phase.plannedEnd)
    .concat(
      forecast.phases.map((phase) => phase.end),
      [forecast.forecastEnd],
    );
  const ownFirst = [...starts].sort()[0] ?? today;
  const ownLast = [...ends].sort().at(-1) ?? today;
  const showToday =
    daysBetween(ownFirst, today) >= -TODAY_MARGIN_DAYS && daysBetween(ownLast, today) <= TODAY_MARGIN_DAYS;
  const first = showToday && today < ownFirst ? today : ownFirst;
  const last = showToday && today > ownLast ? today : ownLast;
  const span = Math.max(1, daysBetween(first, last) + 1);
  const x = (date: IsoDate) => LEFT + (daysBetween(first, date) / span) * (WIDTH - LEFT - 10);
  const height = TOP + forecast.phases.length * ROW + 30;
  const parts: string[] = [];
  forecast.phases.forEach((phase, index) => {
    const y = TOP + index * ROW;
    parts.push(
      `<text x="4" y="${n(y + 20)}" class="chart-label">${escapeHtml(phase.name[lang])}</text>`,
      `<rect x="${n(x(phase.plannedStart))}" y="${n(y + 4)}" width="${n(Math.max(2, x(phase.plannedEnd) - x(phase.plannedStart)))}" height="10" class="bar-planned"/>`,
      `<rect x="${n(x(phase.start))}" y="${n(y + 16)}" width="${n(Math.max(2, x(phase.end) - x(phase.start)))}" height="12" class="bar-${phase.state}"/>`,
    );
    for (const session of forecast.sessions.filter((candidate) => candidate.phaseKey === phase.key)) {
      const cx = x(session.date);
      const cy = y + 22;
      parts.push(
        `<path d="M${n(cx)} ${n(cy - 7)} L${n(cx + 7)} ${n(cy)} L${n(cx)} ${n(cy + 7)} L${n(cx - 7)} ${n(cy)} Z" class="session-mark"/>`,
      );
    }
  });
  const bottom = TOP + forecast.phases.length * ROW;
  if (showToday) {
    const nearRight = x(today) > WIDTH - 80;
    parts.push(
      `<line x1="${n(x(today))}" x2="${n(x(today))}" y1="${TOP - 8}" y2="${bottom}" class="line-today"/>`,
      `<text x="${n(x(today) + (nearRight ? -3 : 3))}" y="${TOP - 12}"${nearRight ? ' text-anchor="end"' : ''} class="chart-note">${lang === 'nl' ? 'vandaag' : 'today'}</text>`,
    );
  }
  parts.push(
    `<line x1="${n(x(forecast.forecastEnd))}" x2="${n(x(forecast.forecastEnd))}" y1="${TOP - 8}" y2="${bottom}" class="line-end"/>`,
    `<text x="${n(x(forecast.forecastEnd) - 3)}" y="${bottom + 18}" text-anchor="end" class="chart-note">${lang === 'nl' ? 'verwacht einde' : 'forecast end'} ${escapeHtml(formatDate(forecast.forecastEnd, lang))}</text>`,
  );
  const title = lang === 'nl' ? 'Tijdlijn van het traject' : 'Traject timeline';
  const legend =
    lang === 'nl'
      ? 'Per fase: bovenste balk gepland, onderste balk werkelijk of verwacht; ruitjes zijn sessies; de doorgetrokken lijn is vandaag, de gestippelde het verwachte einde.'
      : 'Per phase: top bar planned, bottom bar actual or forecast; diamonds are sessions; the solid line is today, the dashed line the forecast end.';
  return `<svg id="tijdlijn" class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="tijdlijn-titel tijdlijn-uitleg" focusable="false">
<title id="tijdlijn-titel">${escapeHtml(title)}</title>
<desc id="tijdlijn-uitleg">${escapeHtml(legend)}</desc>
${parts.join('\n')}
</svg>`;
}

/** The same timeline as a table: the chart's text alternative. */
export function ganttTable(forecast: TrajectForecast, lang: Lang): string {
  const nl = lang === 'nl';
  const rows = forecast.phases.map((phase) => {
    const sessions = forecast.sessions
      .filter((session) => session.phaseKey === phase.key)
      .map((session) => `${escapeHtml(session.name[lang])} (${escapeHtml(formatDate(session.date, lang))})`)
      .join(', ');
    return `<tr><th scope="row">${escapeHtml(phase.name[lang])}</th><td>${escapeHtml(formatDate(phase.plannedStart, lang))} – ${escapeHtml(formatDate(phase.plannedEnd, lang))}</td><td>${escapeHtml(formatDate(phase.start, lang))} – ${escapeHtml(formatDate(phase.end, lang))}</td><td>${escapeHtml(PHASE_STATE_LABELS[phase.state][lang])}</td><td>${sessions || '–'}</td></tr>`;
  });
  return `<table class="data-table" id="tijdlijn-tabel">
<caption id="tijdlijn-tabel-titel">${nl ? 'Tijdlijn in tabelvorm' : 'Timeline as a table'}</caption>
<thead><tr><th scope="col">${nl ? 'Fase' : 'Phase'}</th><th scope="col">${nl ? 'Gepland' : 'Planned'}</th><th scope="col">${nl ? 'Werkelijk of verwacht' : 'Actual or forecast'}</th><th scope="col">${nl ? 'Stand' : 'State'}</th><th scope="col">${nl ? 'Sessies' : 'Sessions'}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}
