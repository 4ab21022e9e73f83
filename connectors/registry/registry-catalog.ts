// What the normalizer asks of the connectors (the ConnectorCatalog shape): built-ins answer from
// memory, registered ones from the store through a short cache. A connector the cache does not
// know yet (just registered) triggers one reload before its event is called unknown.
import { rawTopic } from '../contract.js'
import type { ConnectorMapping } from '../mapping/mapping-schema.js'
import type { ConnectorRegistry } from './registry.js'

export interface CatalogEntry { sourceSystem: string, mapping: ConnectorMapping }

export function registryCatalog (registry: ConnectorRegistry, { ttlMs = 2000 }: { ttlMs?: number } = {}): {
  mappingFor: (id: string) => Promise<CatalogEntry | undefined>
  rawTopics: () => Promise<string[]>
  connectorIds: () => Promise<string[]>
} {
  let cache: Map<string, CatalogEntry> | undefined
  let loadedAt = 0

  async function load (): Promise<Map<string, CatalogEntry>> {
    const docs = await registry.registrations()
    cache = new Map(docs.map(d =>
      [d.connectorId, { sourceSystem: d.registration.sourceSystem, mapping: d.registration.mapping }]))
    loadedAt = Date.now()
    return cache
  }
  const fresh = async (): Promise<Map<string, CatalogEntry>> =>
    cache !== undefined && Date.now() - loadedAt < ttlMs ? cache : await load()
  const ids = async (): Promise<string[]> => [...registry.builtIns.keys(), ...(await load()).keys()]

  return {
    async mappingFor (id) {
      const b = registry.builtIns.get(id)
      if (b !== undefined) return { sourceSystem: b.manifest.sourceSystem, mapping: b.mapping }
      const known = (await fresh()).get(id)
      if (known !== undefined || Date.now() - loadedAt < 200) return known
      return (await load()).get(id)
    },
    rawTopics: async () => (await ids()).map(rawTopic),
    connectorIds: ids
  }
}
