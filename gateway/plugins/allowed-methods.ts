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
  private readonly routes: Array<{ pattern: RegExp, params: number, methods: string[] }> = []

  add (route: Pick<RouteOptions, 'method' | 'url'>): void {
    const params = route.url.split('/').filter(s => s.startsWith(':') || s === '*').length
    this.routes.push({
      pattern: pathPattern(route.url),
      params,
      methods: Array.isArray(route.method) ? route.method : [route.method]
    })
  }

  /**
   * The methods the path answers, sorted; empty for a path no route has. Only the most specific
   * routes count, as in the router: `/v1/citizens/search` is POST only, though `GET
   * /v1/citizens/:personalId` would match the text.
   */
  of (path: string): string[] {
    const matching = this.routes.filter(r => r.pattern.test(path))
    const fewest = Math.min(...matching.map(r => r.params))
    return [...new Set(matching.filter(r => r.params === fewest).flatMap(r => r.methods))].sort()
  }
}
