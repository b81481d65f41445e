import { isCanonicalBase64Url } from '@visieleren/core';
import type { Principal, TokenRepository } from '@visieleren/store';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem.js';

/** The scheme in any case, with any whitespace around and between (RFC 9110: the scheme is case-insensitive). */
const BEARER = /^\s*bearer\s+(\S+)\s*$/i;
/** `vl_` + 32 random bytes in canonical base64url (43 characters): the only shape `token create` makes. */
const TOKEN_SHAPE = /^vl_[A-Za-z0-9_-]{43}$/;

/**
 * The API token in an Authorization header, spelled one way only: every spelling of the header that carries
 * the same token gives the same string (the rate limit keys on it), and anything not shaped like a token we
 * make gives undefined, before any query.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > 300) return undefined;
  const token = BEARER.exec(header)?.[1];
  if (!token || !TOKEN_SHAPE.test(token) || !isCanonicalBase64Url(token.slice(3))) return undefined;
  return token;
}

function challenge(res: Response, message: string, error: 'invalid_request' | 'invalid_token'): void {
  res.setHeader('WWW-Authenticate', `Bearer realm="visieleren", error="${error}"`);
  sendProblem(res, 401, 'AUTH', message);
}

/**
 * Requires `Authorization: Bearer <token>` and puts the verified principal in `res.locals.principal`.
 * Missing and wrong tokens get the same 401 shape; the token itself is never logged (pino redacts the header).
 */
export function requireToken(tokens: Pick<TokenRepository, 'verify'>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization');
    if (!header) {
      challenge(
        res,
        'Inloggen vereist: stuur een API-token mee als "Authorization: Bearer <token>". ' +
          'Een token maakt u met: visieleren token create --role vng',
        'invalid_request',
      );
      return;
    }
    const token = bearerToken(header);
    const principal = token ? await tokens.verify(token) : undefined;
    if (!principal) {
      challenge(
        res,
        'Het API-token is onbekend, ingetrokken of niet als Bearer-token meegestuurd.',
        'invalid_token',
      );
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  // Only reachable when a route forgot requireToken: a programming error, so a 500 is right.
  if (!principal) throw new Error('Route zonder requireToken vraagt om de ingelogde gebruiker.');
  return principal;
}

/** The audit log's actor for an API change: the token's label and id, never the token itself. */
export function actorOf(principal: Principal): string {
  return `token:${principal.label} (${principal.tokenId})`;
}

/** Lets the VNG team through; anyone else gets 403 with `message`. */
export function vngOnly(res: Response, message: string): boolean {
  if (principalOf(res).role === 'vng') return true;
  sendProblem(res, 403, 'FORBIDDEN', message);
  return false;
}
