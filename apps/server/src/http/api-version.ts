import type { NextFunction, Request, Response } from 'express';

/**
 * The API's version (semver). The major version is in every path (`/api/v1`), the full version in the
 * `API-Version` header of every response (NL API Design Rules: /core/uri-version, /core/version-header).
 * Raise the minor version when an endpoint or an optional field is added, the major version (and the path)
 * only for a change that breaks clients.
 */
export const API_VERSION = '1.0.0';
export const API_MAJOR_VERSION = `v${API_VERSION.split('.')[0]}`;
/** Where the JSON API lives. */
export const API_BASE_PATH = `/api/${API_MAJOR_VERSION}`;

/** `API-Version` on every response the server gives, pages and redirects included. */
export function apiVersionHeader(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('API-Version', API_VERSION);
  next();
}
