// Builds the registry's services once per process from the store, the event log and the
// connectors settings: the SSRF guard, the registration validator, the registry itself, the
// normalizer's catalog and the push intake. The hub wiring hands them to the roles that need them.
import type { EventLog } from '../../infra/ports/event-log.js'
import { deadLetterTopic } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import type { SchemaValidator } from '../../schemas/validator.js'
import { createMappingValidator } from '../mapping/validate-mapping.js'
import { connectorDeadLetterGroup } from '../contract.js'
import { createSsrfGuard, type Resolve } from '../ssrf/ssrf-guard.js'
import { createRegistrationValidator } from '../registry/validate-registration.js'
import { createConnectorRegistry, type BuiltInConnector } from '../registry/registry.js'
import { registryCatalog } from '../registry/registry-catalog.js'
import { createPushIntake } from '../push/push-intake.js'

export interface ConnectorSettings {
  ssrfAllow: string[]
  reconcileMs: number
  topicRefreshMs: number
  timeoutMs: number
  pushMaxRecords: number
  pushBodyLimitBytes: number
}

export interface ConnectorServicesOptions {
  store: Store
  eventLog: EventLog
  schemas: SchemaValidator
  settings: ConnectorSettings
  builtIns: readonly BuiltInConnector[]
  /** DNS resolution for the SSRF guard; tests give answers of their choosing. */
  resolve?: Resolve
}

export type ConnectorServices = ReturnType<typeof createConnectorServices>

export function createConnectorServices (
  { store, eventLog, schemas, settings, builtIns, resolve }: ConnectorServicesOptions
) {
  const guard = createSsrfGuard({ allow: settings.ssrfAllow, resolve, connectTimeoutMs: settings.timeoutMs })
  const mappingValidator = createMappingValidator(schemas)
  const validate = createRegistrationValidator({ mappingValidator, checkUrl: guard.checkUrl })
  const registry = createConnectorRegistry({ store, builtIns, validate })
  // Consumers notice a new registration version within topicRefreshMs (replays wait that long).
  const catalog = registryCatalog(registry, { ttlMs: settings.topicRefreshMs })
  const intake = createPushIntake({ registry, eventLog, store })
  return {
    guard,
    mappingValidator,
    registry,
    catalog,
    intake,
    /** The gateway's connector routes (ConnectorApiDeps). */
    api: {
      registry,
      store,
      eventLog,
      mappingValidator,
      intake,
      push: { maxRecords: settings.pushMaxRecords, bodyLimitBytes: settings.pushBodyLimitBytes },
      replaySettleMs: settings.topicRefreshMs
    },
    /** Every dead-letter topic: the consumer groups' and each connector's. */
    deadLetterTopics: async (groups: readonly string[]): Promise<string[]> =>
      [
        ...groups.map(deadLetterTopic),
        ...(await catalog.connectorIds()).map(id => deadLetterTopic(connectorDeadLetterGroup(id)))
      ],
    close: async () => await guard.close()
  }
}
