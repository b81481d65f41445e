import { escapeHtml, renderPageShell } from './page-shell.js';

/**
 * The VNG team's sign-in page (`/inloggen`): one field, the API token. A pure function of its state, like the
 * overview. An error follows the pattern of Dutch government forms: the title starts with "Fout:", an error
 * summary at the top links to the field, and the field names its error through aria-describedby.
 */

export const INLOGGEN_PATH = '/inloggen';
export const UITLOGGEN_PATH = '/uitloggen';
export const TOKEN_FIELD = 'api-token';

export interface SignInPageOptions {
  /** The message for the field, when the last attempt failed. */
  error?: string;
  /** The label of the token this browser is already signed in with. */
  signedInAs?: string;
  stylesheetHref?: string;
}

export function renderSignInPage(options: SignInPageOptions = {}): string {
  const { error, signedInAs } = options;
  const describedBy = [error ? `${TOKEN_FIELD}-fout` : '', `${TOKEN_FIELD}-uitleg`].filter(Boolean).join(' ');
  const summary = error
    ? `<div class="vl-error-summary" role="alert" aria-labelledby="foutmelding-titel">
<h2 id="foutmelding-titel">Er is een probleem</h2>
<ul><li><a href="#${TOKEN_FIELD}">${escapeHtml(error)}</a></li></ul>
</div>`
    : '';
  const already = signedInAs
    ? `<p class="vl-session">U bent al ingelogd als <strong>${escapeHtml(signedInAs)}</strong>.
<a href="/">Naar het overzicht</a>.</p>`
    : '';
  return renderPageShell({
    title: `${error ? 'Fout: ' : ''}Inloggen (VNG-team) — Visieleren`,
    stylesheetHref: options.stylesheetHref,
    path: INLOGGEN_PATH,
    body: `${summary}
<h1>Inloggen (VNG-team)</h1>
${already}
<p>Ingelogd ziet het VNG-team op het overzicht bij elk traject een link naar de trajectpagina. Log in met een
API-token met de rol <code>vng</code>. Een token van een gemeente geeft hier geen toegang.</p>
<form method="post" action="${INLOGGEN_PATH}" novalidate>
<div class="vl-field${error ? ' vl-field--invalid' : ''}">
<label for="${TOKEN_FIELD}">API-token</label>
<p id="${TOKEN_FIELD}-uitleg" class="vl-hint">Een token maakt u met
<code>visieleren token create --role vng</code>. Het begint met <code>vl_</code>.</p>
${error ? `<p id="${TOKEN_FIELD}-fout" class="vl-field-error"><span class="vl-visually-hidden">Fout: </span>${escapeHtml(error)}</p>\n` : ''}<input id="${TOKEN_FIELD}" name="token" type="password" autocomplete="off" spellcheck="false" autocapitalize="off" required aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}>
</div>
<p><button type="submit" class="vl-button">Inloggen</button></p>
</form>
<p>De sessie duurt 8 uur. Wordt het token ingetrokken, dan eindigt de sessie meteen.</p>`,
    footerNote: 'Het token zelf wordt niet bewaard in uw browser.',
  });
}

/** The 429 page: too many attempts from this address. */
export function renderSignInLimitPage(seconds: number, stylesheetHref?: string): string {
  return renderSignInPage({
    error: `Te veel pogingen om in te loggen vanaf uw adres. Probeer het over ${seconds} seconden opnieuw.`,
    ...(stylesheetHref ? { stylesheetHref } : {}),
  });
}
