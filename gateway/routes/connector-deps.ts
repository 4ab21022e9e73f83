// What the connector-registry routes need, built once by the hub wiring and passed to the gateway.
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import type { ConnectorRegistry } from '../../connectors/registry/registry.js'
import type { MappingValidator } from '../../connectors/mapping/validate-mapping.js'
import type { PushedEvent, PushOutcome } from '../../connectors/registry/push-intake.js'
import type { RegistrationDoc } from '../../connectors/registry/registry-docs.js'
import { RegistryError } from '../../connectors/registry/registry-error.js'
import type { FastifyInstance } from 'fastify'
import { ApiProblem } from '../problem.js'

export interface ConnectorApiDeps {
  registry: ConnectorRegistry
  store: Store
  eventLog: EventLog
  mappingValidator: MappingValidator
  intake: (doc: RegistrationDoc, events: PushedEvent[]) => Promise<PushOutcome>
  push: { maxRecords: number, bodyLimitBytes: number }
  /** How long consumers may cache a registration; a replay right after a fix waits that long. */
  replaySettleMs: number
}

/** Registry failures leave as problem details; anything else goes on to the app's error handler. */
export function answerRegistryErrors (app: FastifyInstance): void {
  app.setErrorHandler(async (error) => {
    if (error instanceof RegistryError) throw new ApiProblem(error.status, error.code, title(error.status), error.message, error.errors)
    throw error
  })
}

const title = (status: number): string =>
  status === 404 ? 'Not found' : status === 409 ? 'Conflict' : status === 422 ? 'Cannot be processed' : 'The request is not valid'

export const problems = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' } } as const
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } } } as const
