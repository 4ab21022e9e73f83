// The connector registry API as one plugin: registry, control, dry run, push, dead letters.
import type { FastifyInstance } from 'fastify'
import type { ConnectorApiDeps } from './connector-deps.js'
import { connectorRoutes } from './connectors.js'
import { connectorControlRoutes } from './connectors-control.js'
import { connectorDryRunRoutes } from './connectors-dry-run.js'
import { connectorPushRoutes } from './connectors-push.js'
import { deadLetterRoutes } from '../operators/dead-letters.js'

export function connectorApiRoutes (deps: ConnectorApiDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    await app.register(connectorRoutes(deps))
    await app.register(connectorControlRoutes(deps))
    await app.register(connectorDryRunRoutes(deps))
    await app.register(connectorPushRoutes(deps))
    await app.register(deadLetterRoutes(deps))
  }
}
