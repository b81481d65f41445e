import type { Request, Response } from 'express';
import { API_BASE_PATH } from './api-version.js';
import { escapeHtml, renderPageShell } from './page-shell.js';
import { problemTitle } from './problem.js';

/**
 * A browser asking for a page gets HTML; the API (`/api/...`) and every other client (curl, monitoring, a
 * client that sends no Accept or prefers JSON) keep problem+json. Express's `accepts` weighs the quality
 * values, so `Accept: application/json, text/html;q=0.5` stays JSON.
 */
export function wantsPage(req: Request): boolean {
  if (req.originalUrl.startsWith(API_BASE_PATH)) return false;
  const accept = req.headers.accept;
  if (accept === undefined || accept === '' || accept.trim() === '*/*') return false;
  return req.accepts(['json', 'html']) === 'html';
}

export interface ErrorPageOptions {
  status: number;
  /** The sentence that says what happened and what to do (Dutch). */
  message: string;
  /** The request id, shown so a user can name it to the beheerder. */
  requestId?: string;
  path?: string;
}

/** Dutch headings a person understands, per status; others fall back on the problem title. */
const HEADINGS: Record<number, string> = {
  404: 'Deze pagina bestaat niet',
  500: 'Er ging iets mis',
  503: 'Even niet beschikbaar',
};

/** An error as a page in the shared shell: heading, what happened, where to go next. */
export function renderErrorPage(options: ErrorPageOptions): string {
  const heading = HEADINGS[options.status] ?? problemTitle(options.status);
  const requestId =
    options.requestId !== undefined
      ? `<p>Request-id: <code>${escapeHtml(options.requestId)}</code> (noem dit als u contact opneemt met de beheerder).</p>`
      : '';
  return renderPageShell({
    title: `${heading} (${options.status}) — Visieleren`,
    stylesheetHref: undefined,
    path: options.path ?? '',
    body: `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(options.message)}</p>
${requestId}
<p>Verder naar:</p>
<ul>
<li><a href="/">Overzicht van de visieleertrajecten</a></li>
<li><a href="/aanmelden">Aanmelden voor een visieleertraject</a></li>
<li><a href="${API_BASE_PATH}">De API-documentatie</a></li>
</ul>`,
    footerNote: `Foutcode ${options.status}.`,
  });
}

export function sendErrorPage(res: Response, options: ErrorPageOptions): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(options.status).type('html').send(renderErrorPage(options));
}

/** Whether the server is up and its database reachable, as a page for people. */
export function renderStatusPage(options: { ready: boolean; database: string; path: string }): string {
  const rows = [
    ['Server', 'bereikbaar'],
    [
      'Database',
      options.ready ? `bereikbaar (${options.database})` : 'niet bereikbaar of nog niet bijgewerkt',
    ],
  ]
    .map(
      ([name, value]) =>
        `<tr><th scope="row">${escapeHtml(name ?? '')}</th><td>${escapeHtml(value ?? '')}</td></tr>`,
    )
    .join('');
  return renderPageShell({
    title: 'Status van de server — Visieleren',
    stylesheetHref: undefined,
    path: options.path,
    body: `<h1>Status van de server</h1>
<p>${options.ready ? 'Alles werkt.' : 'De server draait, maar de database is niet bereikbaar. Probeer het over een paar seconden opnieuw.'}</p>
<table><caption>Onderdelen</caption><tbody>${rows}</tbody></table>
<p>Voor monitoring: dezelfde gegevens als JSON met <code>Accept: application/json</code>.</p>`,
    footerNote: 'Status van de server.',
  });
}
