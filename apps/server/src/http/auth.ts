import type { Principal, TokenRepository } from '@visieleren/store';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

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
    const match = BEARER.exec(header);
    const principal = match?.[1] ? await tokens.verify(match[1]) : undefined;
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
