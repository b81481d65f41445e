import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal, TokenRepository } from '@visieleren/store';
import type { Request, Response } from 'express';

/**
 * The VNG team's session on the pages (`/inloggen`): a cookie that names the API token it was opened with,
 * never the token itself. The cookie is `<payload>.<signature>`: base64url JSON `{ tokenId, exp }` and its
 * HMAC-SHA256 with a key derived from the forms secret, so the two uses never share a key. Each request asks
 * the store whether the token is still active: revoking the token ends every session opened with it.
 */

export const SESSION_COOKIE = 'visieleren_sessie';

/** A working day: long enough for a day of work, short enough that a forgotten browser does not stay in. */
export const SESSION_TTL_MS = 8 * 3600_000;

/** Distinguishes this key from the forms' AES key, derived from the same secret (see packages/forms). */
const KEY_PURPOSE = 'visieleren vng-sessie v1';

/** A real cookie is about 120 characters; a far longer one is not ours and is not worth a HMAC. */
const MAX_COOKIE_LENGTH = 512;

export interface SessionCodec {
  /** The cookie value for a session of this token, ending `SESSION_TTL_MS` from now. */
  issue(tokenId: string): string;
  /** The token id of a valid, unexpired cookie value; undefined for anything else (never throws). */
  read(value: string | undefined): string | undefined;
}

export function deriveSessionKey(formsSecret: string): Buffer {
  return createHmac('sha256', formsSecret).update(KEY_PURPOSE).digest();
}

export function createSessionCodec(formsSecret: string, now: () => number = Date.now): SessionCodec {
  const key = deriveSessionKey(formsSecret);
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    issue(tokenId) {
      const exp = Math.floor((now() + SESSION_TTL_MS) / 1000);
      const payload = Buffer.from(JSON.stringify({ tokenId, exp })).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    read(value) {
      if (typeof value !== 'string' || value.length > MAX_COOKIE_LENGTH) return undefined;
      const [payload, signature, ...rest] = value.split('.');
      if (!payload || !signature || rest.length > 0) return undefined;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const data: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (typeof data !== 'object' || data === null) return undefined;
        const { tokenId, exp } = data as { tokenId?: unknown; exp?: unknown };
        if (typeof tokenId !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
        return exp * 1000 > now() ? tokenId : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** One cookie's value from the Cookie header (no cookie-parser: this is the only cookie the server reads). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export interface VngSessions {
  /** The signed-in VNG principal, or undefined: no cookie, a tampered, expired or foreign one, a revoked token. */
  principal(req: Request, res: Response): Promise<Principal | undefined>;
  /** Sets the session cookie for this token. */
  open(req: Request, res: Response, tokenId: string): void;
  /** Clears the session cookie. */
  close(req: Request, res: Response): void;
}

export interface VngSessionsOptions {
  formsSecret: string;
  tokens: Pick<TokenRepository, 'findActive'>;
  /** The public address: an https one makes the cookie Secure even when TLS ends at a proxy. */
  publicUrl?: string;
  now?: () => number;
}

export function createVngSessions(options: VngSessionsOptions): VngSessions {
  const codec = createSessionCodec(options.formsSecret, options.now);
  const publicHttps = options.publicUrl?.startsWith('https:') ?? false;
  const cookieOptions = (req: Request) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: publicHttps || req.secure,
  });
  const clear = (req: Request, res: Response) => res.clearCookie(SESSION_COOKIE, cookieOptions(req));
  return {
    async principal(req, res) {
      const value = cookieValue(req.get('cookie'), SESSION_COOKIE);
      if (value === undefined) return undefined;
      const tokenId = codec.read(value);
      const principal = tokenId === undefined ? undefined : await options.tokens.findActive(tokenId);
      if (principal?.role === 'vng') return principal;
      // Not ours, no longer valid, or its token was revoked: the browser may forget it.
      clear(req, res);
      return undefined;
    },
    open(req, res, tokenId) {
      res.cookie(SESSION_COOKIE, codec.issue(tokenId), { ...cookieOptions(req), maxAge: SESSION_TTL_MS });
    },
    close: clear,
  };
}
