import type { Express } from 'express';

// biome-ignore lint/suspicious/noExplicitAny: Express's router internals are untyped
type Layer = any;

export interface MountedRoute {
  method: string;
  /** Express's path (`/api/v1/trajecten/:id`), or a regular expression's source for pattern routes. */
  path: string;
}

/** `/api/v1` + `/` → `/api/v1`; `/` + `/api` → `/api`. */
function join(prefix: string, path: string): string {
  const joined = `${prefix}${path === '/' && prefix ? '' : path}`.replace(/\/{2,}/g, '/');
  return joined || '/';
}

function walk(stack: Layer[], prefix: string): MountedRoute[] {
  const routes: MountedRoute[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const path =
        layer.route.path instanceof RegExp
          ? `regex:${layer.route.path.source}`
          : join(prefix, String(layer.route.path));
      for (const method of Object.keys(layer.route.methods)) {
        routes.push({ method: method === '_all' ? 'all' : method, path });
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
      routes.push(...walk(layer.handle.stack, join(prefix, mount === '/' ? '' : mount)));
    }
  }
  return routes;
}

/** Every route the app serves, found by walking Express's router (mounted routers included). */
export function mountedRoutes(app: Express): MountedRoute[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(router.stack, '');
}
