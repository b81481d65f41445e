import type { Request } from 'express';

/** A named path parameter as a string ('' when absent: the route's own lookup then answers 404). */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
