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
}

/**
 * Attempts per address: a person mistypes a few times; a token has 256 random bits, so the limit is not what
 * stops guessing, it stops a flood of lookups.
 */
export const DEFAULT_SIGN_IN_LIMIT: RateLimit = { burst: 10, perMinute: 10 };

export const SIGN_IN_ERRORS = {
  empty: 'Vul het API-token in.',
  unknown: 'Het API-token is onbekend of ingetrokken. Controleer het API-token of maak een nieuw.',
  gemeente: 'Dit API-token is van een gemeente. Vul een API-token van het VNG-team in (rol vng).',
  crossSite: 'Inloggen kan alleen vanaf deze website zelf. Open de inlogpagina en probeer het opnieuw.',
} as const;

/** The body stays tiny: one field of at most a few hundred characters. */
const BODY_LIMIT = '2kb';

/** A form posted from another site (login CSRF); browsers say so in Sec-Fetch-Site. */
function fromAnotherSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

export function createSignInRouter(options: SignInRoutesOptions): Router {
  const { tokens, sessions, audit, logger, stylesheetHref } = options;
  const router = express.Router();
  const limiter = createRateLimiter(options.limit ?? DEFAULT_SIGN_IN_LIMIT, options.now);
  const styles = stylesheetHref ? { stylesheetHref } : {};
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
      if (fromAnotherSite(req)) {
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
        const error = principal ? SIGN_IN_ERRORS.gemeente : SIGN_IN_ERRORS.unknown;
        // Why, for whoever watches for guessing; the token stays out of the log.
        logger.warn({ reden: principal ? 'gemeentetoken' : 'onbekend token' }, 'inloggen geweigerd');
        send(res, 401, renderSignInPage({ ...styles, error }));
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
    sessions.close(req, res);
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
