import { type Request, type Response, Router } from 'express';
import { API_BASE_PATH } from './api-version.js';

/**
 * The paths of before version 1 (`/api/trajects/…`, English and unversioned) answer 308 to the new ones for
 * one release: 308 keeps the method and the body, so an old script's POST still arrives.
 */
const SEGMENTS: Record<string, string> = {
  trajects: 'trajecten',
  phases: 'fasen',
  hours: 'uren',
  audit: 'auditregels',
};

/** `/api/trajects/x/phases/y` → `/api/v1/trajecten/x/fasen/y`; the traject's own id and keys stay as they are. */
export function newApiPath(oldPath: string): string {
  const rest = oldPath.replace(/^\/api/, '');
  const parts = rest.split('/').map((part, index) => {
    // Odd positions after the leading slash are resource names (`/trajects/:id/phases/:key`); even ones are ids.
    return index % 2 === 1 ? (SEGMENTS[part] ?? part) : part;
  });
  return `${API_BASE_PATH}${parts.join('/')}`;
}

function redirect(req: Request, res: Response): void {
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  const target = `${newApiPath(req.originalUrl.split('?')[0] ?? '')}${query}`;
  res.setHeader('Deprecation', 'true');
  res.setHeader('Link', `<${target}>; rel="successor-version"`);
  res.redirect(308, target);
}

/** Mounted at the root, before the API. */
export function createLegacyRedirects(): Router {
  const router = Router();
  router.all('/api', (req, res) => {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res.setHeader('Deprecation', 'true');
    res.redirect(308, `${API_BASE_PATH}${query}`);
  });
  router.all(/^\/api\/trajects(\/.*)?$/, redirect);
  return router;
}
