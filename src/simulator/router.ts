/** Matches a method + path against route patterns with `:name` segments. */
import type { SimRoute } from './types';

export interface CompiledRoute {
  readonly route: SimRoute;
  readonly regex: RegExp;
  readonly paramNames: readonly string[];
}

export type RouteMatch =
  | { readonly kind: 'matched'; readonly route: SimRoute; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly endpoint: string }
  | { readonly kind: 'none' };

/** Compiles a pattern such as `/v1/jobs/:jobId/errors` into an anchored regular expression. */
export function compileRoute(route: SimRoute): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), paramNames };
}

/** Finds the route for `method` + `path`; a path known under another method yields `methodNotAllowed`. */
export function matchRoute(routes: readonly CompiledRoute[], method: string, path: string): RouteMatch {
  let samePath: CompiledRoute | undefined;
  for (const compiled of routes) {
    const m = compiled.regex.exec(path);
    if (!m) continue;
    if (compiled.route.method !== method) {
      samePath ??= compiled;
      continue;
    }
    const params: Record<string, string> = {};
    compiled.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { kind: 'matched', route: compiled.route, params };
  }
  return samePath ? { kind: 'methodNotAllowed', endpoint: samePath.route.endpoint } : { kind: 'none' };
}
