import { defaultVitBank, formatDate, type Lang, TRAJECT_STATUS_LABELS } from '@visieleren/core';
import { checklistByPhase, type TrajectView } from '../traject-view.js';
import { hoursChart, hoursTable } from './bars.js';
import { ganttChart, ganttTable } from './gantt.js';
import { escapeHtml } from './html.js';
import { radarChart, radarTable } from './radar.js';

export const THEMES = ['default', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

export function themeOf(value: unknown): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : 'default';
}

/** The page shell: no inline script or style (CSP), the theme on <html> so teams-js can switch it. */
export function pageShell(options: {
  title: string;
  theme: Theme;
  body: string;
  scripts?: string[];
  lang: Lang;
}): string {
  const scripts = (options.scripts ?? [])
    .map((src) => `<script src="${escapeHtml(src)}" defer></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="${options.lang}" data-theme="${options.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/teams/static/tab.css">
${scripts}
</head>
<body>
<main id="inhoud">
${options.body}
</main>
</body>
</html>`;
}

export function trajectPage(view: TrajectView, options: { theme: Theme; lang?: Lang }): string {
  const lang = options.lang ?? 'nl';
  const nl = lang === 'nl';
  const { overview, traject } = view;
  const sections: string[] = [];
  const slip = overview.slipWorkingDays ?? 0;
  sections.push(`<header>
<p class="eyebrow">${nl ? 'Visieleertraject' : 'Traject'}</p>
<h1>${escapeHtml(overview.name)}</h1>
<p class="kernvraag">${escapeHtml(traject.kernvraag)}</p>
${overview.illustrative ? `<p class="notice">${escapeHtml(overview.illustrative[lang])}</p>` : ''}
<dl class="facts">
<div><dt>${nl ? 'Status' : 'Status'}</dt><dd>${escapeHtml(TRAJECT_STATUS_LABELS[overview.status][lang])}${overview.statusReason ? `: ${escapeHtml(overview.statusReason)}` : ''}</dd></div>
<div><dt>${nl ? 'Huidige fase' : 'Current phase'}</dt><dd>${overview.currentPhase ? escapeHtml(overview.currentPhase.name[lang]) : nl ? 'geen' : 'none'}</dd></div>
<div><dt>${overview.closed ? (nl ? 'Einde' : 'End') : nl ? 'Verwacht einde' : 'Forecast end'}</dt><dd>${overview.forecastEnd ? escapeHtml(formatDate(overview.forecastEnd, lang)) : '–'}</dd></div>
<div><dt>${nl ? 'Uitloop' : 'Slip'}</dt><dd>${slip > 0 ? `${slip} ${nl ? 'werkdagen' : 'working days'}` : nl ? 'op schema' : 'on schedule'}</dd></div>
</dl>
</header>`);

  if (overview.forecast) {
    sections.push(`<section aria-labelledby="kop-tijdlijn">
<h2 id="kop-tijdlijn">${nl ? 'Tijdlijn' : 'Timeline'}</h2>
<figure>
${ganttChart(overview.forecast, view.today, lang)}
<figcaption>${nl ? `Geplande en werkelijke fasen, sessies en het verwachte einde; een doorgetrokken lijn markeert vandaag (${escapeHtml(formatDate(view.today, lang))}) zolang het traject loopt. De tabel hieronder geeft dezelfde gegevens.` : 'Planned and actual phases, sessions and the forecast end; a solid line marks today while the traject runs. The table below gives the same data.'}</figcaption>
${ganttTable(overview.forecast, lang)}
</figure>
</section>`);
  }

  const phases = checklistByPhase(view).filter((phase) => phase.items.length > 0);
  if (phases.length > 0) {
    const lists = phases
      .map(
        (phase) => `<h3>${escapeHtml(phase.name[lang])}</h3>
<ul class="checklist">${phase.items
          .map(
            (item) =>
              `<li class="${item.done ? 'done' : item.overdue ? 'overdue' : 'open'}"><span class="state">${item.done ? (nl ? 'Gedaan' : 'Done') : item.overdue ? (nl ? 'Te laat' : 'Overdue') : nl ? 'Open' : 'Open'}</span> ${escapeHtml(item.text[lang])}${item.due ? ` <span class="muted">(${nl ? 'uiterlijk' : 'by'} ${escapeHtml(formatDate(item.due, lang))})</span>` : ''}</li>`,
          )
          .join('')}</ul>`,
      )
      .join('\n');
    sections.push(
      `<section aria-labelledby="kop-checklist"><h2 id="kop-checklist">${nl ? 'Checklist' : 'Checklist'}</h2>${lists}</section>`,
    );
  }

  if (view.hours && view.hours.rows.length > 0) {
    sections.push(`<section aria-labelledby="kop-uren">
<h2 id="kop-uren">${nl ? 'Uren tegen de afspraken' : 'Hours against commitments'}</h2>
<figure>
${hoursChart(view.hours, lang)}
<figcaption>${nl ? 'Geschreven uren per rol tegen wat deelname vraagt; de tabel geeft dezelfde gegevens.' : 'Hours per role against the commitments; the table gives the same data.'}</figcaption>
${hoursTable(view.hours, lang)}
</figure>
</section>`);
  }

  if (view.vit) {
    const priorities = view.vit.priorities
      .map(
        (priority) => `<li>${escapeHtml(priority.name[lang])}: ${escapeHtml(priority.stage.name[lang])}</li>`,
      )
      .join('');
    sections.push(`<section aria-labelledby="kop-vit">
<h2 id="kop-vit">${nl ? 'VIT-profiel' : 'VIT profile'}</h2>
<p class="notice">${escapeHtml(view.vit.notice[lang])}</p>
<figure>
${radarChart(view.vit, defaultVitBank.scale, lang)}
<figcaption>${nl ? 'Score per uitgangspunt van het Verkenningsinstrument Toegang; de tabel geeft dezelfde gegevens.' : 'Score per principle; the table gives the same data.'}</figcaption>
${radarTable(view.vit, lang)}
</figure>
<h3>${nl ? 'Prioriteiten' : 'Priorities'}</h3>
${priorities ? `<ol>${priorities}</ol>` : `<p>${nl ? 'Nog geen prioriteiten: te weinig antwoorden.' : 'No priorities yet.'}</p>`}
</section>`);
  } else {
    sections.push(
      `<section aria-labelledby="kop-vit"><h2 id="kop-vit">${nl ? 'VIT-profiel' : 'VIT profile'}</h2><p>${nl ? 'Het VIT is nog niet ingevuld. Typ vit in het Teams-kanaal om het in te vullen.' : 'The VIT has not been answered yet.'}</p></section>`,
    );
  }

  return pageShell({
    title: `${overview.name} – Visieleren`,
    theme: options.theme,
    lang,
    body: sections.join('\n'),
    scripts: ['/teams/static/tab.js'],
  });
}

export function messagePage(title: string, message: string, theme: Theme = 'default'): string {
  return pageShell({
    title,
    theme,
    lang: 'nl',
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
  });
}

export function configPage(theme: Theme): string {
  return pageShell({
    title: 'Visieleren-tab instellen',
    theme,
    lang: 'nl',
    body: `<h1>Visieleren-tab instellen</h1>
<p id="config-status" role="status">Het gekoppelde traject van dit kanaal wordt opgezocht…</p>
<p class="muted">Nog niet gekoppeld? Typ in dit kanaal <strong>@Visieleren koppel</strong> met de code van het visieleerteam en open dit venster opnieuw.</p>`,
    scripts: ['/teams/static/tab-config.js'],
  });
}

/**
 * The tab as Teams saves it (a stable address, no secret in it): its script signs in with Teams and moves on to
 * a short-lived link to the channel's traject page.
 */
export function tabOpenPage(theme: Theme): string {
  return pageShell({
    title: 'Visieleren',
    theme,
    lang: 'nl',
    body: `<h1>Visieleren</h1>
<p id="tab-status" role="status">Het traject van dit kanaal wordt geladen…</p>`,
    scripts: ['/teams/static/tab-open.js'],
  });
}
