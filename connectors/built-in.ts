// The connectors that ship with the hub, one per department system of the city. The hub runs
// them, the normalizer's catalog maps their events, and the registry lists them next to the
// registered ones. Adding one is one line here and a folder of its own.
import type { PollConnector } from './contract.js'
import type { RawRecord } from './runner/updated-since-source.js'
import { civilStatusConnector } from './civil-status/connector.js'
import { residenceConnector } from './residence/connector.js'
import { landConnector } from './land/connector.js'
import { healthInsuranceConnector } from './health-insurance/connector.js'
import { businessHouseholdConnector } from './business-household/connector.js'

export const builtInConnectors: ReadonlyArray<PollConnector<RawRecord>> = [
  civilStatusConnector,
  residenceConnector,
  landConnector,
  healthInsuranceConnector,
  businessHouseholdConnector
]

export function builtInConnector (id: string): PollConnector<RawRecord> | undefined {
  return builtInConnectors.find(c => c.manifest.id === id)
}

/** What the normalizer's catalog needs of each built-in: its source system and mapping. */
export function builtInMappings (): Record<string, { sourceSystem: string, mapping: PollConnector<RawRecord>['mapping'] }> {
  return Object.fromEntries(builtInConnectors.map(c => [c.manifest.id, { sourceSystem: c.manifest.sourceSystem, mapping: c.mapping }]))
}
