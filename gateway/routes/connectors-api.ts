// The connector registry API as one plugin: registry, control, dry run, push, dead letters.
import type { FastifyInstance } from 'fastify'
import type { ConnectorApiDeps } from './connector-deps.js'
import { connectorRoutes } from './integrators/connectors.js'
import { connectorControlRoutes } from './integrators/connectors-control.js'
import { connectorDryRunRoutes } from './integrators/connectors-dry-run.js'
import { connectorPushRoutes } from './integrators/connectors-push.js'
import { deadLetterRoutes } from './operators/dead-letters.js'

export function connectorApiRoutes (deps: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    await app.register(connectorRoutes(deps))
    await app.register(connectorControlRoutes(deps))
    await app.register(connectorDryRunRoutes(deps))
    await app.register(connectorPushRoutes(deps))
    await app.register(deadLetterRoutes(deps))
  }
}
