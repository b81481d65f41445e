/**
 * The public overview page (`GET /`): every traject at a glance, without personal data.
 * A pure function of its rows, so it is tested without a server and rendered the same everywhere.
 */

export interface OverviewRow {
  /** Gemeenten as one name ("Stede Broec, Enkhuizen, Drechterland"). */
  gemeente: string;
  /** Theme labels in Dutch. */
  themes: string[];
  /** The phase that is running now (forecast), or a word for before/after. */
  currentPhase: string;
  status: string;
  nextSession?: { name: string; date: string };
  overdueItems: number;
  /** Forecast end date, YYYY-MM-DD. */
  forecastEnd?: string;
  /** Working days later than the baseline plan, when it slipped. */
  slipDays?: number;
}

export interface OverviewPageOptions {
  rows: OverviewRow[];
  /** YYYY-MM-DD in Europe/Amsterdam: the day the forecasts are computed for. */
  today: string;
  /** Where the stylesheet of NL Design System is served, when available. */
  stylesheetHref?: string;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `2027-02-08` → `<time datetime="2027-02-08">ma 8 februari 2027</time>`. */
function dateCell(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const label = Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
  return `<time datetime="${escapeHtml(isoDate)}">${escapeHtml(label)}</time>`;
}

function row(item: OverviewRow): string {
  const session = item.nextSession
    ? `${escapeHtml(item.nextSession.name)}<br>${dateCell(item.nextSession.date)}`
    : '<span class="vl-muted">geen gepland</span>';
  const overdue =
    item.overdueItems > 0
      ? `<strong class="vl-warning">${item.overdueItems}</strong>`
      : `<span class="vl-muted">0</span>`;
  const end = item.forecastEnd
    ? `${dateCell(item.forecastEnd)}${
        item.slipDays && item.slipDays > 0
          ? `<br><span class="vl-note">${item.slipDays} werkdag${item.slipDays === 1 ? '' : 'en'} uitgelopen</span>`
          : ''
      }`
    : '<span class="vl-muted">onbekend</span>';
  return [
    '<tr>',
    `<th scope="row">${escapeHtml(item.gemeente)}</th>`,
    `<td>${item.themes.length ? item.themes.map(escapeHtml).join(', ') : '<span class="vl-muted">geen</span>'}</td>`,
    `<td>${escapeHtml(item.currentPhase)}</td>`,
    `<td>${escapeHtml(item.status)}</td>`,
    `<td>${session}</td>`,
    `<td class="vl-number">${overdue}</td>`,
    `<td>${end}</td>`,
    '</tr>',
  ].join('');
}

// Our own tokens for the NL Design System components (a theme in miniature), chosen for WCAG AA contrast.
const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; line-height: 1.5; }
.utrecht-html {
  --utrecht-document-font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --utrecht-document-color: #1b1b1b;
  --utrecht-link-color: #0b4f8a;
  --utrecht-link-visited-color: #5a2a82;
  --utrecht-table-border-color: #6b6b6b;
  --utrecht-table-header-background-color: #e8eef5;
  --utrecht-table-header-cell-color: #1b1b1b;
  --utrecht-table-header-font-weight: 700;
  --utrecht-table-caption-font-size: 1.25rem;
  --utrecht-table-caption-font-weight: 700;
  --utrecht-table-caption-text-align: start;
  --utrecht-table-cell-padding-block-start: 0.5rem;
  --utrecht-table-cell-padding-block-end: 0.5rem;
  --utrecht-table-cell-padding-inline-start: 0.75rem;
  --utrecht-table-cell-padding-inline-end: 0.75rem;
  --utrecht-table-row-border-block-end-color: #b1b4b6;
  --utrecht-table-row-border-block-end-width: 1px;
}
a { color: #0b4f8a; }
a:focus-visible, .vl-skip:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; background: #ffdd00; color: #1b1b1b; }
.vl-skip { position: absolute; left: -10000px; top: 0; padding: 0.5rem 1rem; }
.vl-skip:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }
header, main, footer { padding: 0 1.5rem; max-width: 80rem; margin: 0 auto; }
header { border-bottom: 4px solid #0b4f8a; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; vertical-align: top; padding: 0.5rem 0.75rem; border-bottom: 1px solid #b1b4b6; }
thead th { background: #e8eef5; }
.vl-table-wrapper { overflow-x: auto; }
.vl-number { text-align: end; }
.vl-muted { color: #545454; }
.vl-warning { color: #a4262c; }
.vl-note { color: #545454; font-size: 0.9em; }
`;

export function renderOverviewPage(options: OverviewPageOptions): string {
  const { rows, today } = options;
  const stylesheet = options.stylesheetHref
    ? `<link rel="stylesheet" href="${escapeHtml(options.stylesheetHref)}">`
    : '';
  const body =
    rows.length === 0
      ? '<p>Er zijn nog geen trajecten. Maak er een met <code>visieleren traject create</code> of via de API.</p>'
      : [
          '<div class="vl-table-wrapper" role="region" aria-labelledby="trajecten-caption" tabindex="0">',
          '<table class="utrecht-table">',
          `<caption id="trajecten-caption">Alle visieleertrajecten (${rows.length}), stand van ${dateCell(today)}</caption>`,
          '<thead><tr>',
          '<th scope="col">Gemeente</th>',
          '<th scope="col">Thema</th>',
          '<th scope="col">Huidige fase</th>',
          '<th scope="col">Status</th>',
          '<th scope="col">Volgende sessie</th>',
          '<th scope="col">Achterstallige actiepunten</th>',
          '<th scope="col">Verwachte einddatum</th>',
          '</tr></thead>',
          `<tbody>${rows.map(row).join('')}</tbody>`,
          '</table>',
          '</div>',
        ].join('');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Overzicht visieleertrajecten</title>
${stylesheet}
<style>${STYLE}</style>
</head>
<body class="utrecht-html">
<a class="vl-skip" href="#inhoud">Direct naar de inhoud</a>
<header>
<p>VNG Platform Sociaal Domein</p>
</header>
<main id="inhoud" tabindex="-1">
<h1>Overzicht visieleertrajecten</h1>
<p>Per traject de huidige fase, de status, de volgende sessie, het aantal achterstallige actiepunten en de
verwachte einddatum. Deze pagina toont geen persoonsgegevens.</p>
${body}
<h2>Verder</h2>
<ul>
<li><a href="/api">De JSON-API</a> (met een API-token)</li>
<li><a href="/healthz">Status van de server</a></li>
</ul>
</main>
<footer>
<p>Visieleren — open source (EUPL-1.2). Datums in de tijdzone Europe/Amsterdam.</p>
</footer>
</body>
</html>
`;
}
