// What the connector-registry routes need, built once by the hub wiring and passed to the gateway.
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import type { ConnectorRegistry } from '../../connectors/registry/registry.js'
import type { MappingValidator } from '../../connectors/mapping/validate-mapping.js'
import type { PushedEvent, PushOutcome } from '../../connectors/push/push-intake.js'
import type { RegistrationDoc } from '../../connectors/registry/registry-docs.js'

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

const problem = { $ref: 'Problem#' } as const
export const problems = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem } as const
export const idParams = {
  type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } }
} as const
