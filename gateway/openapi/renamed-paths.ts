// Paths that moved. `/v1/citizens/by-cmnd/{cmnd}` sat beside `/v1/citizens/{personalId}/household`:
// both match `/v1/citizens/by-cmnd/household`, so generated clients and linters could not tell
// which one a URL means. The lookups now live under `/v1/citizen-lookups/`, with parameters as
// strict as the parsers behind them; the old paths still answer, as they always did, but are
// left out of the document and say so in a Deprecation header (RFC 9745) with their successor.
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'

interface Renamed { to: string, params: Record<string, unknown> }

export const renamedPaths: Readonly<Record<string, Renamed>> = {
  '/v1/citizens/by-cmnd/:cmnd': {
    to: '/v1/citizen-lookups/by-cmnd/:cmnd',
    params: {
      type: 'object',
      required: ['cmnd'],
      properties: {
        cmnd: { type: 'string', pattern: '^\\d{9}$', description: 'Legacy 9-digit CMND.', examples: ['361999888'] }
      }
    }
  },
  '/v1/citizens/by-health-insurance/:number': {
    to: '/v1/citizen-lookups/by-health-insurance/:number',
    params: {
      type: 'object',
      required: ['number'],
      properties: {
        number: {
          type: 'string',
          // 10-digit social-insurance number, or group code + benefit level 1-5 + province + that number.
          pattern: '^(?:\\d{10}|[A-Za-z]{2}[1-5]\\d{12})$',
          description: 'A 15-character card number (2 letters, benefit level 1-5, 2-digit province, 10 digits) ' +
            'or the 10-digit social-insurance number.',
          examples: ['HS4929220878811', '9220878811']
        }
      }
    }
  }
}

const successorLink = (to: string, params: Record<string, string>): string =>
  `<${to.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''))}>; rel="successor-version"`

/**
 * Called from an onRoute hook with every route as it is added: a GET on an old path gets its
 * twin at the new path (the same handler and hooks, strict params), and the old one is hidden and
 * marked deprecated. `add` registers a route (the hook's Fastify instance).
 */
export function renameRoute (route: RouteOptions, add: (route: RouteOptions) => void): void {
  const renamed = renamedPaths[route.url]
  if (renamed === undefined || route.method !== 'GET') return
  const schema = route.schema as Record<string, unknown> | undefined
  add({ ...route, url: renamed.to, path: renamed.to, schema: { ...schema, params: renamed.params } } as RouteOptions)
  route.schema = { ...schema, hide: true, deprecated: true }
  const announce = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('deprecation', 'true')
      .header('link', successorLink(renamed.to, request.params as Record<string, string>))
  }
  route.onRequest = [
    announce,
    ...(route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest])
  ]
}
