// What the normalizer needs to know about a connector: its source system and its mapping. The
// built-in connectors and the registered ones both answer through this one interface.
import type { ConnectorMapping } from '../../connectors/mapping/mapping-schema.js'

export interface ConnectorMappingInfo { sourceSystem: string, mapping: ConnectorMapping }

export interface ConnectorCatalog {
  /** Undefined when the connector is unknown (its events go to dead letters, to be replayed later). */
  mappingFor: (connectorId: string) => Promise<ConnectorMappingInfo | undefined>
  /** Raw topics the normalizer should read. */
  rawTopics: () => Promise<string[]>
}

export function staticCatalog (entries: Record<string, ConnectorMappingInfo>): ConnectorCatalog {
  return {
    mappingFor: async id => entries[id],
    rawTopics: async () => Object.keys(entries).map(id => `source.${id}`)
  }
}
