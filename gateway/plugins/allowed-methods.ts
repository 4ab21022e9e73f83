// Which methods a path answers to, from the routes as they are added, so a request with another
// method is told 405 and Allow (RFC 9110 §15.5.6) instead of a 404 that says the path is unknown.
import type { RouteOptions } from 'fastify'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A Fastify path (`/v1/citizens/:personalId`, `/docs/*`) as a regular expression over request paths. */
export function pathPattern (url: string): RegExp {
  const source = url.split('/').map(segment =>
    segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)).join('/')
  return new RegExp(`^${source}/?$`)
}

export class AllowedMethods {
  private readonly routes: Array<{ pattern: RegExp, methods: string[] }> = []

  add (route: Pick<RouteOptions, 'method' | 'url'>): void {
    this.routes.push({ pattern: pathPattern(route.url), methods: Array.isArray(route.method) ? route.method : [route.method] })
  }

  /** The methods some route answers on this path, sorted; empty for a path no route has. */
  of (path: string): string[] {
    return [...new Set(this.routes.filter(r => r.pattern.test(path)).flatMap(r => r.methods))].sort()
  }
}
