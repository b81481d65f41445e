import { escapeHtml, renderPageShell } from './page-shell.js';

/**
 * The public overview page (`GET /`): every traject at a glance, without personal data.
 * A pure function of its rows, so it is tested without a server and rendered the same everywhere.
 */

export interface OverviewRow {
  /** Not shown: the id the traject page link is made for. */
  trajectId?: string;
  /** Not on the public overview (an aanmelding not accepted yet, or declined); the signed-in VNG team sees it. */
  unlisted?: boolean;
  /** A signed link to the traject's page, when this server hands them out on its overview (see server.ts). */
  pageHref?: string;
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
  /** Programmes with a one-line progress (issue 12); each links to its page. */
  programmes?: Array<{ key: string; name: string; summary: string }>;
  /** The label of the VNG-team token this browser is signed in with: shown with an Uitloggen button. */
  signedInAs?: string;
  /** Where the VNG team signs in, shown when nobody is signed in on a server that has the sign-in. */
  signInHref?: string;
}

/** The pages' own stylesheet: a file, not an inline `<style>`, so the content security policy stays strict. */

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

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
    `<th scope="row">${item.pageHref ? `<a href="${escapeHtml(item.pageHref)}">${escapeHtml(item.gemeente)}</a>` : escapeHtml(item.gemeente)}</th>`,
    `<td>${item.themes.length ? item.themes.map(escapeHtml).join(', ') : '<span class="vl-muted">geen</span>'}</td>`,
    `<td>${escapeHtml(item.currentPhase)}</td>`,
    `<td>${escapeHtml(item.status)}</td>`,
    `<td>${session}</td>`,
    `<td class="vl-number">${overdue}</td>`,
    `<td>${end}</td>`,
    '</tr>',
  ].join('');
}

function programmesSection(programmes: NonNullable<OverviewPageOptions['programmes']>): string {
  if (programmes.length === 0) return '';
  const items = programmes
    .map(
      (programme) =>
        `<li><a href="/programmas/${encodeURIComponent(programme.key)}">${escapeHtml(programme.name)}</a>: ${escapeHtml(programme.summary)}</li>`,
    )
    .join('');
  return `<h2>Programma's</h2>\n<ul>${items}</ul>`;
}

export function renderOverviewPage(options: OverviewPageOptions): string {
  const { rows, today } = options;
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
  return renderPageShell({
    title: 'Overzicht visieleertrajecten',
    stylesheetHref: options.stylesheetHref,
    path: '/',
    ...(options.signedInAs !== undefined ? { signedInAs: options.signedInAs } : {}),
    ...(options.signInHref !== undefined ? { signInHref: options.signInHref } : {}),
    body: `<h1>Overzicht visieleertrajecten</h1>
<p>Per traject de huidige fase, de status, de volgende sessie, het aantal achterstallige actiepunten en de
verwachte einddatum. Deze pagina toont geen persoonsgegevens.</p>
${options.signedInAs !== undefined ? '<p>Elke gemeente linkt naar de trajectpagina van haar traject; een link werkt 8 uur.</p>' : ''}
${body}
${programmesSection(options.programmes ?? [])}
<h2>Verder</h2>
<ul>
<li><a href="/lessen">Geleerde lessen</a> (de bibliotheek, met bronnen)</li>
<li><a href="/aanmelden">Aanmelden voor een visieleertraject</a></li>
<li><a href="/api/v1">De JSON-API</a> (uitleg; de API zelf vraagt een API-token)</li>
<li><a href="/healthz">Status van de server</a></li>
</ul>`,
    footerNote: 'Datums in de tijdzone Europe/Amsterdam.',
  });
}
