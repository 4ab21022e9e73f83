// The connectors that ship with the hub, one per department system of the city: the one place a
// built-in connector is added (docs/connectors.md, "Adding a built-in connector"). Everything else
// derives from this list: the config schema and variables of its source (`sources.<id>`,
// LT_SOURCE_<ID>_URL, defaults from the manifest's config schema), the hub's poll runners, the
// simulated department that stands in for it, the survivorship rules' source systems, the
// normalizer's catalog and the registry's list of built-ins.
import type { PollConnector } from './contract.js'
import type { RawRecord } from './runner/updated-since-source.js'
import type { SourceDeclaration } from '../infra/config/sources.js'
import { civilStatusConnector } from './civil-status/connector.js'
import { residenceConnector } from './residence/connector.js'
import { landConnector } from './land/connector.js'
import { healthInsuranceConnector } from './health-insurance/connector.js'
import { driverLicenceConnector } from './driver-licence/connector.js'
import { unemploymentBenefitConnector } from './unemployment-benefit/connector.js'
import { studentEnrolmentConnector } from './student-enrolment/connector.js'
import { notarizationConnector } from './notarization/connector.js'
import { constructionPermitConnector } from './construction-permit/connector.js'
import { civilServantConnector } from './civil-servant/connector.js'
import { socialBeneficiaryConnector } from './social-beneficiary/connector.js'
import { urbanInfrastructureConnector } from './urban-infrastructure/connector.js'
import { businessHouseholdConnector } from './business-household/connector.js'

export interface BuiltInEntry {
  connector: PollConnector<RawRecord>
  /**
   * The department of the simulated city (sim/city/departments.ts) the hub starts and polls while
   * the source has no URL; without one, the source's URL is required.
   */
  simulatedDepartment?: string
  /** Canonical entity -> fields ('*' for all) this source is authoritative for, beside survivorship.json. */
  authoritativeFor?: Record<string, string[]>
  /** The names its settings had before they were keyed by connector id, still accepted (never add new ones). */
  formerNames?: { envPrefix: string, configKey: string }
}

export interface BuiltInRegistry {
  entries: readonly BuiltInEntry[]
  connectors: ReadonlyArray<PollConnector<RawRecord>>
  connector: (id: string) => PollConnector<RawRecord> | undefined
  /** What the config loader needs of each: id, settings schema with defaults, former names. */
  sourceDeclarations: () => SourceDeclaration[]
}

/** Checks and indexes a list of built-ins; the shipped list below and tests' longer lists go through it. */
export function builtInRegistry (entries: readonly BuiltInEntry[]): BuiltInRegistry {
  const ids = new Set<string>()
  for (const { connector: { manifest } } of entries) {
    if (ids.has(manifest.id)) throw new Error(`built-in connector ${manifest.id} is listed twice`)
    ids.add(manifest.id)
    if (manifest.configSchema === undefined) {
      throw new Error(`built-in connector ${manifest.id} declares no config schema`)
    }
  }
  const connectors = entries.map(e => e.connector)
  return {
    entries,
    connectors,
    connector: id => connectors.find(c => c.manifest.id === id),
    sourceDeclarations: () => entries.map(({ connector: { manifest }, formerNames }) => {
      const configSchema = manifest.configSchema as Record<string, unknown>
      const title = typeof configSchema.title === 'string' ? configSchema.title : manifest.id
      return { id: manifest.id, title, configSchema, ...(formerNames !== undefined ? { formerNames } : {}) }
    })
  }
}

// The simulated departments keep their own names (bhyt, business): they are the generated
// city's file names (bhyt.the.ndjson) and its truth entries, which sim:generate has written to disk.
export const builtIns: BuiltInRegistry = builtInRegistry([
  {
    connector: civilStatusConnector,
    simulatedDepartment: 'civil-status',
    formerNames: { envPrefix: 'LT_CIVIL_STATUS', configKey: 'civilStatus' }
  },
  {
    connector: residenceConnector,
    simulatedDepartment: 'residence',
    formerNames: { envPrefix: 'LT_RESIDENCE', configKey: 'residence' }
  },
  { connector: landConnector, simulatedDepartment: 'land', formerNames: { envPrefix: 'LT_LAND', configKey: 'land' } },
  {
    connector: healthInsuranceConnector,
    simulatedDepartment: 'bhyt',
    formerNames: { envPrefix: 'LT_BHYT', configKey: 'bhyt' }
  },
  {
    connector: businessHouseholdConnector,
    simulatedDepartment: 'business',
    formerNames: { envPrefix: 'LT_BUSINESS', configKey: 'business' }
  },
  // Issue 19's first source: licences are gplx's alone; the person facts it carries stay with
  // civil status and residence (survivorship.json).
  { connector: driverLicenceConnector, simulatedDepartment: 'gplx', authoritativeFor: { 'driver-licence': ['*'] } },
  // Benefits are viec-lam's alone; the SSN it copies by hand loses to bhyt only on the card, not here.
  {
    connector: unemploymentBenefitConnector,
    simulatedDepartment: 'viec-lam',
    authoritativeFor: { 'unemployment-benefit': ['*'] }
  },
  // Enrolments are giao-duc's alone; the pupil's name, birth date and address stay with civil status
  // and residence (the school's address loses to cu-tru).
  {
    connector: studentEnrolmentConnector,
    simulatedDepartment: 'giao-duc',
    authoritativeFor: { 'student-enrolment': ['*'] }
  },
  // Notarizations are the notary register's alone; who holds a parcel stays with dat-dai.
  { connector: notarizationConnector, simulatedDepartment: 'cong-chung', authoritativeFor: { notarization: ['*'] } },
  // Permits and their inspections are xay-dung's alone; the owners' names it types stay with civil status.
  {
    connector: constructionPermitConnector,
    simulatedDepartment: 'xay-dung',
    authoritativeFor: { 'construction-permit': ['*'] }
  },
  // Staff records are noi-vu's alone; it feeds no person fields (connectors/civil-servant/mapping.ts).
  { connector: civilServantConnector, simulatedDepartment: 'noi-vu', authoritativeFor: { 'civil-servant': ['*'] } },
  // Allowances are chinh-sach's alone; a death in civil status is a signal against them, not a value.
  {
    connector: socialBeneficiaryConnector,
    simulatedDepartment: 'chinh-sach',
    authoritativeFor: { 'social-beneficiary': ['*'] }
  },
  // Infrastructure assets are ha-tang's alone; no other source holds them.
  {
    connector: urbanInfrastructureConnector,
    simulatedDepartment: 'ha-tang',
    authoritativeFor: { 'urban-infrastructure': ['*'] }
  }
])

export const builtInConnectors: ReadonlyArray<PollConnector<RawRecord>> = builtIns.connectors

export function builtInConnector (id: string): PollConnector<RawRecord> | undefined {
  return builtIns.connector(id)
}

type Mappings = Record<string, { sourceSystem: string, mapping: PollConnector<RawRecord>['mapping'] }>

/** What the normalizer's catalog needs of each built-in: its source system and mapping. */
export function builtInMappings (registry: BuiltInRegistry = builtIns): Mappings {
  return Object.fromEntries(registry.connectors.map(c =>
    [c.manifest.id, { sourceSystem: c.manifest.sourceSystem, mapping: c.mapping }]))
}
