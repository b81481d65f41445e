import { isVisielerenError, RateLimitError, UnavailableError, ValidationError } from '@visieleren/core';
import { isDatabaseUnavailable } from '@visieleren/store';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { API_BASE_PATH } from './api-version.js';
import { sendErrorPage, wantsPage } from './error-page.js';
import { sendProblem } from './problem.js';
import { requestLogger } from './request-context.js';
import { errorCode, safeError } from './safe-error.js';

const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
  AUTH: 401,
  RATE_LIMITED: 429,
};

/** Seconds a client waits before trying again while the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Errors thrown by Express's own body parser carry a `type` and a status. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  code?: string;
  expose?: boolean;
}

/** zlib's and brotli's errors for a body that is not what its Content-Encoding says (plain JSON as "gzip"). */
const isDecodingError = (code: string | undefined) =>
  code !== undefined &&
  (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR_ZLIB_INITIALIZATION_FAILED');

export function bodyParserProblem(
  error: BodyParserError,
): { status: number; code: string; message: string } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: 'MALFORMED_JSON',
        message: 'De inhoud van het verzoek is geen geldige JSON (verwacht een object of lijst).',
      };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `De inhoud van het verzoek is te groot (maximaal ${Math.round((error.limit ?? 0) / 1024)} kB).`,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_ENCODING',
        message: 'De tekenset of codering van het verzoek wordt niet ondersteund; gebruik UTF-8 JSON.',
      };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'BAD_REQUEST', message: 'Het verzoek is onvolledig of afgebroken.' };
    default:
      if (isDecodingError(error.code)) {
        return {
          status: 400,
          code: 'MALFORMED_ENCODING',
          message:
            'De inhoud van het verzoek past niet bij de header Content-Encoding: stuur gzip, deflate of br alleen als de inhoud zo gecomprimeerd is.',
        };
      }
      // Any other refusal of the body parser (http-errors marks those it may show): a 4xx, never a 500.
      if (
        error.expose === true &&
        typeof error.status === 'number' &&
        error.status >= 400 &&
        error.status < 500
      ) {
        return { status: 400, code: 'BAD_REQUEST', message: 'Het verzoek kan niet worden gelezen.' };
      }
      return undefined;
  }
}

/**
 * Maps every error to problem details (RFC 9457): known error codes to their status, body-parser failures to
 * 400/413/415, anything else to 500 with the request id and no internals for the client.
 */
export function errorHandler(logger: PinoLogger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const parserProblem = bodyParserProblem(error as BodyParserError);
    if (parserProblem) {
      sendProblem(res, parserProblem.status, parserProblem.code, parserProblem.message);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // A restart or failover: nothing was wrong with the request, so say when to try again. Only the
      // error's code is logged: a failed query's message holds its parameters (names, answers).
      requestLogger(res, logger).warn({ code: errorCode(error) }, 'database tijdelijk onbereikbaar');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      const message = `De database is even niet bereikbaar. Probeer het over ${DATABASE_RETRY_AFTER_SECONDS} seconden opnieuw.`;
      if (wantsPage(req)) {
        sendErrorPage(res, { status: 503, message });
        return;
      }
      sendProblem(res, 503, 'DATABASE_UNAVAILABLE', message);
      return;
    }
    if (isVisielerenError(error)) {
      const status = STATUS_BY_CODE[error.code];
      if (status !== undefined) {
        if (error instanceof RateLimitError || error instanceof UnavailableError) {
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
        }
        if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="visieleren"');
        const fields = error instanceof ValidationError ? error.issues : undefined;
        sendProblem(res, status, error.code, error.message, fields);
        return;
      }
    }
    // The error's type, code and stack, never its message: a failed query's message holds its parameters.
    requestLogger(res, logger).error({ err: safeError(error) }, 'onverwachte fout');
    if (wantsPage(req)) {
      sendErrorPage(res, {
        status: 500,
        message: 'Er ging iets mis op de server. Probeer het later opnieuw.',
        requestId: String(res.locals.requestId ?? ''),
      });
      return;
    }
    sendProblem(
      res,
      500,
      'INTERNAL',
      'Er ging iets mis op de server. Noem het request-id als u contact opneemt met de beheerder.',
    );
  };
}

export function notFoundHandler(req: Request, res: Response): void {
  if (wantsPage(req)) {
    sendErrorPage(res, {
      status: 404,
      message:
        'Het adres dat u opende bestaat niet (meer). Misschien is er een tikfout gemaakt of is de link verouderd.',
      path: req.path,
    });
    return;
  }
  sendProblem(
    res,
    404,
    'NOT_FOUND',
    `Dit adres bestaat niet. Zie ${API_BASE_PATH} voor de beschikbare adressen.`,
  );
}
