/** Our own stylesheet (page-css.ts), after the NL Design System's. */
export const PAGE_STYLESHEET_ROUTE = '/assets/visieleren.css';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The `<link>`s of a page: NL Design System's stylesheet when installed, then ours. */
export function stylesheetLinks(nlDesignSystemHref: string | undefined): string {
  return [
    ...(nlDesignSystemHref ? [`<link rel="stylesheet" href="${escapeHtml(nlDesignSystemHref)}">`] : []),
    `<link rel="stylesheet" href="${PAGE_STYLESHEET_ROUTE}">`,
  ].join('\n');
}

/**
 * The frame every server page shares (overview, sign-in, lifecycle pages, API documentation): the NL Design
 * System stylesheet and ours, a skip link, the organisation in the header, one `<main>` and a footer. No inline
 * script or style (the CSP forbids both).
 */
export interface PageShellOptions {
  /** The complete `<title>` (escaped here). */
  title: string;
  stylesheetHref: string | undefined;
  /** Inside `<header>`, after the organisation: the navigation or the session bar (HTML). */
  header?: string;
  /** What the `<main>` holds (HTML). */
  body: string;
  /** The footer's sentence after "Visieleren — open source (EUPL-1.2)." */
  footerNote: string;
}

export function renderPageShell(options: PageShellOptions): string {
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
<p>VNG Platform Sociaal Domein</p>
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
