import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem.js';

/** `Host: Example.nl:3978` → `example.nl`; `[::1]:3978` → `[::1]`. */
export function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(0, end + 1) : undefined;
  }
  return host.replace(/:\d*$/, '').replace(/\.$/, '');
}

/**
 * Answers only requests addressed to one of `hosts` (names compared without port, case or a trailing dot);
 * anything else gets 421 Misdirected Request. Against DNS rebinding: a web page on another domain that
 * re-points its name to 127.0.0.1 reaches the server, but with its own name in `Host`.
 */
export function hostAllowList(hosts: readonly string[]) {
  const allowed = new Set(hosts.map((host) => hostnameOf(host)).filter((host) => host !== undefined));
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = hostnameOf(req.get('host'));
    if (host !== undefined && allowed.has(host)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    sendProblem(
      res,
      421,
      'MISDIRECTED_REQUEST',
      'Deze server beantwoordt alleen verzoeken aan zijn eigen adres. Open hem via localhost of het adres in VISIELEREN_PUBLIC_URL.',
    );
  };
}
