import { escapeHtml } from '@visieleren/core';

export { escapeHtml };

/** Our own stylesheet (page-css.ts), after the NL Design System's. */
export const PAGE_STYLESHEET_ROUTE = '/assets/visieleren.css';
export const FAVICON_ROUTE = '/favicon.svg';

/** The `<link>`s of a page: NL Design System's stylesheet when installed, then ours, and the favicon. */
export function stylesheetLinks(nlDesignSystemHref: string | undefined): string {
  return [
    ...(nlDesignSystemHref ? [`<link rel="stylesheet" href="${escapeHtml(nlDesignSystemHref)}">`] : []),
    `<link rel="stylesheet" href="${PAGE_STYLESHEET_ROUTE}">`,
    `<link rel="icon" href="${FAVICON_ROUTE}" type="image/svg+xml">`,
  ].join('\n');
}

/** The public pages, in the order of the main menu. */
const PUBLIC_NAV: ReadonlyArray<readonly [href: string, label: string]> = [
  ['/', 'Overzicht trajecten'],
  ['/programmas', "Programma's"],
  ['/lessen', 'Lessen'],
  ['/aanmelden', 'Aanmelden'],
  ['/api/v1', 'API'],
];

/** The VNG team's console, shown in the menu when signed in. */
export const CONSOLE_NAV: ReadonlyArray<readonly [href: string, label: string]> = [
  ['/console', 'Console'],
  ['/console/aanmeldingen', 'Aanmeldingen'],
  ['/console/trajecten', 'Trajecten'],
  ['/console/lessen', 'Lessen beoordelen'],
  ['/console/programmas', "Programma's beheren"],
  ['/console/herinneringen', 'Herinneringen'],
  ['/console/taken', 'Taken'],
  ['/console/tokens', 'Tokens'],
  ['/console/rapport', 'Rapportage'],
];

/** Which menu item is this page: the longest href that starts the path. */
function currentHref(path: string, items: ReadonlyArray<readonly [string, string]>): string | undefined {
  return items
    .map(([href]) => href)
    .filter((href) => path === href || (href !== '/' && path.startsWith(`${href}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

function menu(label: string, items: ReadonlyArray<readonly [string, string]>, path: string): string {
  const current = currentHref(path, items);
  const links = items
    .map(
      ([href, text]) =>
        `<li><a href="${escapeHtml(href)}"${href === current ? ' aria-current="page"' : ''}>${escapeHtml(text)}</a></li>`,
    )
    .join('');
  return `<nav class="vl-nav" aria-label="${escapeHtml(label)}"><ul>${links}</ul></nav>`;
}

/**
 * The frame every server page shares (overview, sign-in, lifecycle pages, console, API documentation, error
 * pages): the stylesheets and favicon, a skip link, one header with the organisation, the main menu (the
 * console's when signed in), the session bar, one `<main>` and a footer. No inline script or style (the CSP
 * forbids both).
 */
export interface PageShellOptions {
  /** The complete `<title>` (escaped here). */
  title: string;
  stylesheetHref: string | undefined;
  /** The request path, to mark the current menu item. */
  path?: string;
  /** The signed-in VNG team member's token label: the console menu and Uitloggen are shown. */
  signedInAs?: string;
  /** Where "Inloggen (VNG-team)" points, when nobody is signed in and the server has the sign-in. */
  signInHref?: string;
  /** Extra HTML inside `<header>`, after the menus. */
  header?: string;
  /** What the `<main>` holds (HTML). */
  body: string;
  /** The footer's sentence after "Visieleren — open source (EUPL-1.2)." */
  footerNote: string;
}

function sessionBar(options: PageShellOptions): string {
  if (options.signedInAs !== undefined) {
    return `<div class="vl-session">
<p>Ingelogd als <strong>${escapeHtml(options.signedInAs)}</strong> (VNG-team).</p>
<form method="post" action="/uitloggen"><button type="submit" class="vl-button vl-button--secondary">Uitloggen</button></form>
</div>`;
  }
  if (options.signInHref !== undefined) {
    return `<p class="vl-session"><a href="${escapeHtml(options.signInHref)}">Inloggen (VNG-team)</a></p>`;
  }
  return '';
}

export function renderPageShell(options: PageShellOptions): string {
  const path = options.path ?? '';
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
${stylesheetLinks(options.stylesheetHref)}
</head>
<body class="utrecht-html">
<a class="vl-skip" href="#inhoud">Direct naar de inhoud</a>
<header>
<p class="vl-brand"><a href="/">Visieleren</a> <span class="vl-muted">· VNG Platform Sociaal Domein</span></p>
${menu('Hoofdmenu', PUBLIC_NAV, path)}
${options.signedInAs !== undefined ? menu('Console van het VNG-team', CONSOLE_NAV, path) : ''}
${sessionBar(options)}
${options.header ?? ''}
</header>
<main id="inhoud" tabindex="-1">
${options.body}
</main>
<footer>
<p>Visieleren — open source (EUPL-1.2). ${escapeHtml(options.footerNote)}</p>
</footer>
</body>
</html>
`;
}

/** The favicon: the letter V on the house colour, as SVG (no binary asset to keep). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b4f8a"/><path d="M16 16h9l7 22 7-22h9L36 48h-8z" fill="#fff"/></svg>`;
