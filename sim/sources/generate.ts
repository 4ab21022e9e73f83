// Generates the issue-19 departments for the same synthetic city sim/city/generate.ts makes: it
// replays the households in the same order with the same seeds (so the same people, parcels and
// deaths), then renders each department from them with its own PRNGs. Adding a department or
// changing a rate never changes the city, nor another department's records.
import { buildHousehold } from '../city/household.js'
import { IdAllocator } from '../city/ids.js'
import { resolveCityOptions, type CityOptions } from '../city/options.js'
import { mixSeed, seededRandom, stringSeed } from '../random.js'
import { renderBeneficiaries } from './beneficiaries.js'
import { DEFAULT_SOURCE_RATES, SourceContext, type SourceRates, type SourceSink } from './context.js'
import type { SourceDepartmentId } from './departments.js'
import { renderLicences } from './licences.js'
import { renderStudents } from './students.js'
import { renderUnemployment } from './unemployment.js'
import { CityMemory } from './memory.js'
import { renderNotary } from './notary.js'
import { renderPermits } from './permits.js'
import { renderCivilServants } from './civil-servants.js'
import { renderInfrastructure } from './infrastructure.js'
import type { HouseholdTruth } from '../city/household.js'

// The PRNG slot of the city-wide departments: no household has this index.
const CITY_WIDE = 0xFFFFFFFF

type Renderer = (h: HouseholdTruth, index: number, ctx: SourceContext, memory: CityMemory) => void

export const RENDERERS: ReadonlyArray<readonly [SourceDepartmentId, Renderer]> = [
  ['giao-duc', renderStudents],
  ['chinh-sach', renderBeneficiaries],
  ['gplx', renderLicences],
  ['viec-lam', renderUnemployment],
  ['cong-chung', renderNotary],
  ['xay-dung', renderPermits],
  ['noi-vu', renderCivilServants]
]

// Departments whose records do not hang off households, rendered once for the whole city.
export const CITY_WIDE_RENDERERS: ReadonlyArray<readonly [SourceDepartmentId, (ctx: SourceContext) => void]> = [
  ['ha-tang', renderInfrastructure]
]

export interface SourceCityOptions extends CityOptions { sourceRates?: Partial<SourceRates> }

export interface SourceGenerationSummary { households: number, records: Record<string, number>,
  truth: Record<string, number> }

export function generateSourceDepartments (options: SourceCityOptions, sink: SourceSink): SourceGenerationSummary {
  const o = resolveCityOptions(options)
  const rates: SourceRates = { ...DEFAULT_SOURCE_RATES, ...options.sourceRates }
  // The allocator must see every household in order, exactly as generateCity does.
  const ids = new IdAllocator(o.seed)
  const records: Record<string, number> = {}
  const truth: Record<string, number> = {}
  const counting: SourceSink = {
    record: (d, s, r) => { records[`${d}.${s}`] = (records[`${d}.${s}`] ?? 0) + 1; sink.record(d, s, r) },
    truth: e => { truth[e.type] = (truth[e.type] ?? 0) + 1; sink.truth(e) }
  }
  const memory = new CityMemory()
  // Each department draws from its own PRNGs per household (style, injections), so adding one or
  // changing a rate never moves another's draws.
  const contextFor = (department: SourceDepartmentId, n: number): SourceContext => {
    const salt = stringSeed(department)
    return new SourceContext(department, seededRandom(mixSeed(o.seed ^ salt, n)),
      seededRandom(mixSeed(o.seed ^ salt ^ 0xA5A5A5A5, n)), rates, o.asOf, counting)
  }
  let made = 0
  let index = 0
  while (made < o.citizens) {
    const h =
      buildHousehold({ random: seededRandom(mixSeed(o.seed, index)), ids, asOf: o.asOf, maxMembers: o.citizens - made })
    for (const [department, render] of RENDERERS) render(h, index, contextFor(department, index), memory)
    memory.remember(h, o.asOf.slice(0, 10))
    made += h.persons.length
    index++
  }
  for (const [department, render] of CITY_WIDE_RENDERERS) render(contextFor(department, CITY_WIDE))
  return { households: index, records, truth }
}
