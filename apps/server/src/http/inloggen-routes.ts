import type { AuditLog, TokenRepository } from '@visieleren/store';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { actorOf } from './auth.js';
import { INLOGGEN_PATH, renderSignInLimitPage, renderSignInPage, UITLOGGEN_PATH } from './inloggen-page.js';
import { createRateLimiter, limiterKey, type RateLimit, retryAfterSeconds } from './rate-limit.js';
import type { VngSessions } from './vng-session.js';

/**
 * `GET/POST /inloggen` and `POST /uitloggen`: the VNG team signs in on the pages with an API token of role
 * `vng`. The token is checked once (`tokens.verify`); the session cookie holds only its id (see vng-session.ts).
 */

export interface SignInRoutesOptions {
  tokens: Pick<TokenRepository, 'verify'>;
  sessions: VngSessions;
  /** Sign-ins and sign-outs are audited (who, by token id), as the API's changes are. */
  audit: Pick<AuditLog, 'append'>;
  logger: PinoLogger;
  stylesheetHref?: string;
  /** Sign-in attempts per client address (default DEFAULT_SIGN_IN_LIMIT). */
  limit?: RateLimit;
  /** The limiter's clock in milliseconds (tests). */
  now?: () => number;
  /** The public address (VISIELEREN_PUBLIC_URL): a form posted from its origin is this server's own. */
  publicUrl?: string;
}

/**
 * Attempts per address: a person mistypes a few times; a token has 256 random bits, so the limit is not what
 * stops guessing, it stops a flood of lookups.
 */
export const DEFAULT_SIGN_IN_LIMIT: RateLimit = { burst: 10, perMinute: 10 };

export const SIGN_IN_ERRORS = {
  empty: 'Vul het API-token in.',
  /**
   * One answer for every refused token: unknown, revoked or a gemeente's. Telling them apart would tell a
   * guesser that a token exists.
   */
  unknown:
    'Met dit API-token kunt u hier niet inloggen: het is onbekend, ingetrokken of niet van het VNG-team. Controleer het API-token (rol vng) of maak een nieuw API-token aan (visieleren token create --rol vng).',
  crossSite: 'Inloggen kan alleen vanaf deze website zelf. Open de inlogpagina en probeer het opnieuw.',
} as const;

/** The body stays tiny: one field of at most a few hundred characters. */
const BODY_LIMIT = '2kb';

/**
 * A form posted from another site (login CSRF). Browsers say so in Sec-Fetch-Site, and every browser sends
 * Origin with a POST: an Origin that is not this server's own refuses the form whether or not
 * Sec-Fetch-Site came along (older browsers, privacy settings). `Origin: null` is what our own pages send under
 * `Referrer-Policy: no-referrer` (security-headers.ts), and also what a sandboxed frame sends: it passes only when
 * the browser itself says same-origin (Sec-Fetch-Site is a header no page can set).
 */
function fromAnotherSite(req: Request, publicOrigin: string | undefined): boolean {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  if (origin.trim() === 'null') return site !== 'same-origin';
  const own = new Set([`${req.protocol}://${req.get('host') ?? ''}`.toLowerCase()]);
  if (publicOrigin) own.add(publicOrigin.toLowerCase());
  return !own.has(origin.trim().toLowerCase());
}

export function createSignInRouter(options: SignInRoutesOptions): Router {
  const { tokens, sessions, audit, logger, stylesheetHref } = options;
  const router = express.Router();
  const limiter = createRateLimiter(options.limit ?? DEFAULT_SIGN_IN_LIMIT, options.now);
  const styles = stylesheetHref ? { stylesheetHref } : {};
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  const send = (res: Response, status: number, html: string) => {
    res.status(status).type('html').send(html);
  };

  router.get(INLOGGEN_PATH, async (req, res) => {
    const principal = await sessions.principal(req, res);
    send(res, 200, renderSignInPage({ ...styles, ...(principal ? { signedInAs: principal.label } : {}) }));
  });

  // Counted before the body is even read: a flood costs neither parsing nor a query.
  const limit = (req: Request, res: Response, next: NextFunction) => {
    const waitMs = limiter.take(limiterKey('inloggen', req.ip ?? req.socket.remoteAddress ?? ''));
    if (waitMs === undefined) {
      next();
      return;
    }
    const seconds = retryAfterSeconds(waitMs);
    res.setHeader('Retry-After', String(seconds));
    send(res, 429, renderSignInLimitPage(seconds, stylesheetHref));
  };

  router.post(
    INLOGGEN_PATH,
    limit,
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 }),
    async (req, res) => {
      if (fromAnotherSite(req, publicOrigin)) {
        send(res, 403, renderSignInPage({ ...styles, error: SIGN_IN_ERRORS.crossSite }));
        return;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      const token = typeof body.token === 'string' ? body.token.trim() : '';
      if (token === '') {
        send(res, 401, renderSignInPage({ ...styles, error: SIGN_IN_ERRORS.empty }));
        return;
      }
      const principal = await tokens.verify(token);
      if (principal?.role !== 'vng') {
        // Why, for whoever watches for guessing (the person is told only that it was refused); the token
        // stays out of the log.
        logger.warn({ reden: principal ? 'gemeentetoken' : 'onbekend token' }, 'inloggen geweigerd');
        send(res, 401, renderSignInPage({ ...styles, error: SIGN_IN_ERRORS.unknown }));
        return;
      }
      sessions.open(req, res, principal.tokenId);
      // The token's id, which the audit log also uses; never the token.
      await audit.append({
        actor: actorOf(principal),
        action: 'vng.inloggen',
        detail: { tokenId: principal.tokenId },
      });
      logger.info({ tokenId: principal.tokenId }, 'VNG-team ingelogd op de pagina’s');
      res.redirect(303, '/');
    },
  );

  router.post(UITLOGGEN_PATH, async (req, res) => {
    const principal = await sessions.principal(req, res);
    await sessions.close(req, res);
    if (principal) {
      await audit.append({
        actor: actorOf(principal),
        action: 'vng.uitloggen',
        detail: { tokenId: principal.tokenId },
      });
    }
    res.redirect(303, '/');
  });

  return router;
}
