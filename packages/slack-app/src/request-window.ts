import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Slack's replay window: a request dated more than five minutes from now, in the past or in the future, is
 * refused. Bolt checks only the past, so a captured request re-dated ahead would stay valid for as long as its
 * date lies ahead; this check closes that side before Bolt sees the request. The signature covers the
 * timestamp, so moving it means forging the signature, which Bolt refuses anyway.
 */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;

type Next = (error?: unknown) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** `handler` behind the window check; a request outside it gets 401 and never reaches `handler`. */
export function withinRequestWindow(handler: Handler, now: () => number = Date.now): Handler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      const header = req.headers['x-slack-request-timestamp'];
      const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : Number.NaN;
      if (!Number.isFinite(seconds) || Math.abs(now() / 1000 - seconds) > MAX_REQUEST_SKEW_SECONDS) {
        res.statusCode = 401;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Het tijdstip van het verzoek ligt meer dan vijf minuten van nu af.');
        return;
      }
    }
    handler(req, res, next);
  };
}
