// The admin API under /v1/admin, operators only: clients and keys, grants. Registered as one
// plugin so the schemas both share are added once.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { adminClientRoutes } from './clients.js'
import { adminGrantRoutes } from './grants.js'
import { grantSchema } from '../../security/grant-schema.js'

export function adminRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(grantSchema)
    await app.register(adminClientRoutes(store))
    await app.register(adminGrantRoutes(store))
  }
}
