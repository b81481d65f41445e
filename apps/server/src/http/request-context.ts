import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';

/** A caller's id is kept when it is short and plain, so it can be followed across systems; otherwise we mint one. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Our API tokens (`vl_…`): never accepted as a request id, since that id is logged. */
const LOOKS_LIKE_TOKEN = /^vl_/i;

/**
 * A path segment that holds an e-mail address (also percent-encoded), one of our API tokens, or a signed link
 * (`v2.<sealed>`, as form links and the Teams tab's traject links carry in their path).
 */
const PERSONAL_OR_SECRET_SEGMENT = /@|%40|^vl_|^v\d\.[A-Za-z0-9_-]{16,}/i;

/**
 * The path as logged. Form links carry a token as their last segment: `/forms/…` instead. A segment that
 * looks like an e-mail address or a token (someone typed it into an id) becomes `[verborgen]`.
 */
export function loggedPath(originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  if (path.startsWith('/forms/')) return '/forms/…';
  return path
    .split('/')
    .map((segment) => (PERSONAL_OR_SECRET_SEGMENT.test(segment) ? '[verborgen]' : segment))
    .join('/');
}

/** X-Request-Id in and out, and one structured log line per request with its status and duration. */
export function requestContext(logger: PinoLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId =
      incoming && ACCEPTABLE_REQUEST_ID.test(incoming) && !LOOKS_LIKE_TOKEN.test(incoming)
        ? incoming
        : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const log = logger.child({ requestId });
    res.locals.log = log;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = {
        method: req.method,
        // The full path (not the one relative to a mounted router), without the query string: queries may
        // carry things that do not belong in a log, and form links carry their signed token in the path.
        path: loggedPath(req.originalUrl),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) log.error(fields, 'verzoek mislukt');
      else log.info(fields, 'verzoek');
    });
    next();
  };
}

export function requestLogger(res: Response, fallback: PinoLogger): PinoLogger {
  return (res.locals.log as PinoLogger | undefined) ?? fallback;
}
