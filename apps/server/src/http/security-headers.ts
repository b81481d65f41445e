import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every answer: pages and API alike.
 * - Content-Security-Policy without inline script: pages load only their own stylesheets and images.
 * - frame-ancestors 'none', except under `/teams/` (the Teams plugin's tab), which Teams must be able to frame.
 * - Referrer-Policy no-referrer: form links carry a token in the path and must not leak through Referer.
 * - Cache-Control no-store: API answers and pages carry personal data; static assets set their own.
 * Routers that know better (the forms pages allow their one enhancement script by hash) set their own CSP.
 */
export const TEAMS_FRAME_ANCESTORS =
  'https://teams.microsoft.com https://*.teams.microsoft.com https://*.skype.com';

/** Where the Teams plugin serves its tab pages (mounted by `serve`). */
export const TEAMS_TAB_PREFIX = '/teams/';

export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The tab runs Microsoft's teams-js, served by the plugin from this server ('self'), never inline. */
export const TEAMS_TAB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  `form-action 'self'; base-uri 'none'; frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS}`;

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const inTeamsTab = req.path.startsWith(TEAMS_TAB_PREFIX) || req.path === TEAMS_TAB_PREFIX.slice(0, -1);
  res.setHeader('Content-Security-Policy', inTeamsTab ? TEAMS_TAB_CSP : PAGE_CSP);
  if (!inTeamsTab) {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  }
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Only honoured over HTTPS (behind the gemeente's or the VNG's TLS proxy); harmless on plain HTTP.
  res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  res.setHeader('Cache-Control', 'no-store');
  next();
}
