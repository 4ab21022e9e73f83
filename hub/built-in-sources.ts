// Each built-in connector with the settings of its source (`sources.<id>`) and the simulated
// department that stands in while the source has no URL, both from connectors/built-in.ts.
import type { HubConfig, SourceSettings } from '../infra/config/schema.js'
import { sourceEnvPrefix } from '../infra/config/sources.js'
import type { BuiltInRegistry } from '../connectors/built-in.js'
import type { PollConnector } from '../connectors/contract.js'
import type { RawRecord } from '../connectors/runner/updated-since-source.js'
import { DEPARTMENTS, type DepartmentId } from '../sim/city/departments.js'
import type { SimulatedCity } from '../sim/server/city.js'

export interface BuiltInSource extends SourceSettings {
  connector: PollConnector<RawRecord>
  /** `LT_SOURCE_<ID>_URL (sources.<id>.baseUrl)`, for the error when it is needed and missing. */
  setting: string
  department: DepartmentId | undefined
  simulatedUrl: (city: SimulatedCity) => string
}

function department (id: string, name: string | undefined): DepartmentId | undefined {
  if (name === undefined) return undefined
  const spec = DEPARTMENTS.find(d => d.id === name)
  if (spec === undefined) {
    throw new Error(`built-in connector ${id}: no simulated department ${name} (sim/city/departments.ts)`)
  }
  return spec.id
}

export function builtInSources (config: HubConfig, registry: BuiltInRegistry): BuiltInSource[] {
  return registry.entries.map(({ connector, simulatedDepartment }) => {
    const id = connector.manifest.id
    const dept = department(id, simulatedDepartment)
    const handle = DEPARTMENTS.find(d => d.id === dept)?.handle
    return {
      ...config.sources[id],
      connector,
      setting: `${sourceEnvPrefix(id)}_URL (sources.${id}.baseUrl)`,
      department: dept,
      simulatedUrl: city => {
        const server = handle !== undefined ? city.departments[handle] : undefined
        if (server === undefined) throw new Error(`the simulated city serves no department for ${id}`)
        return server.url
      }
    }
  })
}

/** The departments the simulated city starts: those the built-ins name, in the city's order. */
export function simulatedDepartments (registry: BuiltInRegistry): DepartmentId[] {
  const named = new Set(registry.entries.map(e => e.simulatedDepartment))
  return DEPARTMENTS.filter(d => named.has(d.id)).map(d => d.id)
}
