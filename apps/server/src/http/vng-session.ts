import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
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
  /** The cookie value for a new session of this token (a random session id), ending `SESSION_TTL_MS` from now. */
  issue(tokenId: string): string;
  /** The token id of a valid, unexpired cookie value; undefined for anything else (never throws). */
  read(value: string | undefined): string | undefined;
  /** Token and session id of a valid, unexpired cookie value (cookies from before sessions had ids: none). */
  session(value: string | undefined): { tokenId: string; sessionId?: string } | undefined;
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
      const sid = randomUUID();
      const payload = Buffer.from(JSON.stringify({ tokenId, sid, exp })).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    read(value) {
      return this.session(value)?.tokenId;
    },
    session(value) {
      if (typeof value !== 'string' || value.length > MAX_COOKIE_LENGTH) return undefined;
      const [payload, signature, ...rest] = value.split('.');
      if (!payload || !signature || rest.length > 0) return undefined;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const data: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (typeof data !== 'object' || data === null) return undefined;
        const { tokenId, sid, exp } = data as { tokenId?: unknown; sid?: unknown; exp?: unknown };
        if (typeof tokenId !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
        if (exp * 1000 <= now()) return undefined;
        return typeof sid === 'string' ? { tokenId, sessionId: sid } : { tokenId };
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

/** The signed-in VNG principal and the id of its page session (traject links made in it are bound to it). */
export type SessionPrincipal = Principal & { sessionId?: string };

export interface VngSessions {
  /**
   * The signed-in VNG principal, or undefined: no cookie, a tampered, expired or foreign one, a revoked token,
   * a session signed out at /uitloggen.
   */
  principal(req: Request, res: Response): Promise<SessionPrincipal | undefined>;
  /** Sets the session cookie for this token. */
  open(req: Request, res: Response, tokenId: string): void;
  /** Ends the session (its cookie and the links made in it stop working) and clears the cookie. */
  close(req: Request, res: Response): Promise<void>;
}

export interface VngSessionsOptions {
  formsSecret: string;
  tokens: Pick<TokenRepository, 'findActive' | 'endSession' | 'sessionEnded'>;
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
      const session = codec.session(value);
      const principal = session === undefined ? undefined : await options.tokens.findActive(session.tokenId);
      const ended =
        session?.sessionId !== undefined && (await options.tokens.sessionEnded(session.sessionId));
      if (principal?.role === 'vng' && !ended) {
        return session?.sessionId ? { ...principal, sessionId: session.sessionId } : principal;
      }
      // Not ours, no longer valid, or its token was revoked: the browser may forget it.
      clear(req, res);
      return undefined;
    },
    open(req, res, tokenId) {
      res.cookie(SESSION_COOKIE, codec.issue(tokenId), { ...cookieOptions(req), maxAge: SESSION_TTL_MS });
    },
    async close(req, res) {
      const sessionId = codec.session(cookieValue(req.get('cookie'), SESSION_COOKIE))?.sessionId;
      if (sessionId) await options.tokens.endSession(sessionId);
      clear(req, res);
    },
  };
}
