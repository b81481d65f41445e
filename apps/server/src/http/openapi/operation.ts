import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';

/**
 * One API operation as data: what the router serves and what the OpenAPI document says come from the same
 * definition, so the document cannot forget a route. See the README ("Een endpoint toevoegen").
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface PathParameter {
  description: string;
  example: string;
  /** Default: a non-empty string. */
  schema?: z.ZodType;
}

export interface SuccessResponse {
  description: string;
  /** The body; omit for an empty answer (e.g. 204). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  example?: unknown;
  /** Extra headers besides API-Version, e.g. `ETag` or `Location` (name → description). */
  headers?: Record<string, string>;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI style, relative to `/api/v1`: `/trajecten/{id}/fasen/{fase}`. Plural Dutch kebab-case nouns. */
  path: string;
  /** camelCase and unique in the document. */
  operationId: string;
  /** The section of the API page (Dutch). */
  tag: string;
  summary: string;
  description: string;
  /** `bearer`: an API token is required (401 is added); `none`: open. */
  auth: 'bearer' | 'none';
  pathParams?: Record<string, PathParameter>;
  query?: z.ZodObject;
  /** Example values for the query parameters, of the parameter's type (`limit: 20`, not "20"). */
  queryExample?: Record<string, string | number | boolean>;
  requestBody?: { schema: z.ZodType; description: string; example: unknown };
  /** The 2xx (and 3xx) answers. */
  responses: Record<number, SuccessResponse>;
  /**
   * Problem answers this operation can give besides the ones every operation of its kind gives (400/413/415/
   * 422 with a body, 401 with a token, 429 for writes, 500 always), with a Dutch description.
   */
  problems?: Record<number, string>;
}

/** Keeps the literal type while checking the shape. */
export function defineOperation<const T extends ApiOperation>(operation: T): T {
  return operation;
}

/** `/trajecten/{id}` → `/trajecten/:id`. */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** Writes change data: they are rate limited and may answer 429. */
export function isWrite(method: HttpMethod): boolean {
  return method !== 'get';
}

/** Serves an operation at exactly the path and method the document gives it. */
export function serveOperation(router: Router, operation: ApiOperation, ...handlers: RequestHandler[]): void {
  router[operation.method](expressPath(operation.path), ...handlers);
}
