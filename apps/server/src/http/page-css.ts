/** The pages' own CSS (overview and API page), served at PAGE_STYLESHEET_ROUTE. */
// Our own tokens for the NL Design System components (a theme in miniature), chosen for WCAG AA contrast.
export const PAGE_CSS = `
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
.vl-operation { border-top: 1px solid #b1b4b6; padding-top: 0.5rem; margin-top: 1.5rem; }
.vl-method { display: inline-block; min-width: 4.5rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; color: #1b1b1b; }
.vl-path { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
pre { background: #f3f3f3; color: #1b1b1b; padding: 0.75rem; overflow-x: auto; max-height: 24rem; border: 1px solid #b1b4b6; }
pre:focus-visible { outline: 3px solid #1b1b1b; }
dl.vl-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.vl-facts dt { font-weight: 700; }
dl.vl-facts dd { margin: 0; }
/* The sign-in form and the session bar; under .utrecht-html to win over NL Design System's element styles. */
.utrecht-html .vl-session { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0 0 0.75rem; }
.utrecht-html .vl-session p, .utrecht-html .vl-session form { margin: 0; }
.utrecht-html .vl-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.utrecht-html .vl-error-summary { border: 4px solid #a4262c; padding: 0.75rem 1rem; margin: 1rem 0; }
.utrecht-html .vl-error-summary h2 { margin-top: 0; font-size: 1.25rem; }
.utrecht-html .vl-error-summary a { color: #a4262c; font-weight: 700; }
.utrecht-html .vl-field { margin: 1rem 0; }
.utrecht-html .vl-field label { display: block; font-weight: 700; }
.utrecht-html .vl-field--invalid { border-inline-start: 4px solid #a4262c; padding-inline-start: 0.75rem; }
.utrecht-html .vl-hint { color: #545454; margin: 0.25rem 0; }
.utrecht-html .vl-field-error { color: #a4262c; font-weight: 700; margin: 0.25rem 0; }
.utrecht-html .vl-field input { font: inherit; width: 100%; max-width: 30rem; padding: 0.5rem; border: 2px solid #1b1b1b; border-radius: 0; box-sizing: border-box; }
.utrecht-html .vl-field--invalid input { border-color: #a4262c; }
.utrecht-html .vl-field input:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00; }
.utrecht-html .vl-button { font: inherit; font-weight: 700; padding: 0.5rem 1.25rem; color: #fff; background: #0b4f8a; border: 2px solid #0b4f8a; cursor: pointer; }
.utrecht-html .vl-button--secondary { color: #0b4f8a; background: #fff; }
.utrecht-html .vl-button:hover { text-decoration: underline; }
.utrecht-html .vl-button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00; }
.utrecht-html .vl-brand { margin: 0.75rem 0 0.25rem; font-size: 1.25rem; font-weight: 700; }
.utrecht-html .vl-brand a { text-decoration: none; }
.utrecht-html .vl-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0.25rem 0 0.5rem; padding: 0; }
.utrecht-html .vl-nav a { display: inline-block; padding: 0.25rem 0; }
.utrecht-html .vl-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.utrecht-html .vl-notice { border-inline-start: 6px solid #0b4f8a; background: #e8eef5; padding: 0.5rem 1rem; margin: 1rem 0; }
.utrecht-html .vl-code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.75rem; letter-spacing: 0.1em; margin: 0.25rem 0; }
.utrecht-html .vl-copy { font: inherit; font-family: ui-monospace, Menlo, Consolas, monospace; width: 100%; max-width: 48rem; padding: 0.5rem; border: 2px solid #1b1b1b; box-sizing: border-box; }
.utrecht-html .vl-field select, .utrecht-html .vl-field textarea { font: inherit; width: 100%; max-width: 30rem; padding: 0.5rem; border: 2px solid #1b1b1b; border-radius: 0; box-sizing: border-box; background: #fff; color: #1b1b1b; }
.utrecht-html .vl-field select:focus-visible, .utrecht-html .vl-field textarea:focus-visible, .utrecht-html .vl-copy:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00; }
.utrecht-html .vl-console-form { margin: 0.5rem 0 1rem; }
.utrecht-html td .vl-console-form, .utrecht-html li .vl-console-form { display: inline-block; margin: 0 0.5rem 0 0; }
.utrecht-html td .vl-console-form p, .utrecht-html li .vl-console-form p { margin: 0; }
.utrecht-html .vl-cards { padding-inline-start: 1.25rem; }
.utrecht-html .vl-figure { margin: 1rem 0; max-width: 40rem; }
.utrecht-html .vl-chart { display: block; max-width: 100%; height: auto; }
.vl-table-wrapper:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.vl-table-wrapper caption { caption-side: top; text-align: start; position: sticky; left: 0; }
/* At phone width (390 px): smaller gutters, and the menu and tables stay readable. */
@media (max-width: 40rem) {
  header, main, footer { padding: 0 0.75rem; }
  th, td { padding: 0.4rem 0.5rem; }
  dl.vl-facts { grid-template-columns: 1fr; }
  dl.vl-facts dd { margin-bottom: 0.5rem; }
}
`;
