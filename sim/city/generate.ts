// Generates the city one household at a time and hands every record to a sink: memory stays flat
// (only id counters grow, per bucket, not per citizen), so a file sink can write millions.
import { mixSeed, seededRandom } from '../random.js'
import { renderBhyt } from '../dialects/bhyt.js'
import { renderBusiness } from '../dialects/business.js'
import { renderCivilStatus } from '../dialects/civil-status.js'
import type { RenderContext } from '../dialects/format.js'
import { renderLand } from '../dialects/land.js'
import { renderResidence } from '../dialects/residence.js'
import type { DepartmentId } from './departments.js'
import { buildHousehold } from './household.js'
import { IdAllocator } from './ids.js'
import { Injector } from './inject.js'
import { resolveCityOptions, type CityOptions, type ResolvedCityOptions } from './options.js'
import type { TruthEntry } from './truth.js'

export interface CitySink {
  record: (department: DepartmentId, stream: string, record: Record<string, unknown>) => void
  truth: (entry: TruthEntry) => void
}

export interface GenerationSummary {
  options: ResolvedCityOptions
  households: number
  records: Record<string, number>
  truth: Record<string, number>
}

// Salts for the three independent per-household PRNGs.
const INJECT_SALT = 0xA5A5A5A5
const STYLE_SALT = 0x3C3C3C3C

export function generateCity (options: CityOptions, sink: CitySink): GenerationSummary {
  const o = resolveCityOptions(options)
  const ids = new IdAllocator(o.seed)
  const records: Record<string, number> = {}
  const truth: Record<string, number> = {}
  const emitTruth = (e: TruthEntry): void => { truth[e.type] = (truth[e.type] ?? 0) + 1; sink.truth(e) }
  const write = (department: DepartmentId, stream: string, record: Record<string, unknown>): void => {
    const name = `${department}.${stream}`
    records[name] = (records[name] ?? 0) + 1
    sink.record(department, stream, record)
  }
  let made = 0
  let index = 0
  while (made < o.citizens) {
    const h =
      buildHousehold({ random: seededRandom(mixSeed(o.seed, index)), ids, asOf: o.asOf, maxMembers: o.citizens - made })
    const inject = new Injector(seededRandom(mixSeed(o.seed ^ INJECT_SALT, index)), o.rates, emitTruth)
    const ctx: RenderContext = { style: seededRandom(mixSeed(o.seed ^ STYLE_SALT, index)), inject, asOf: o.asOf, write }
    for (const e of [h.household, ...h.persons, ...h.marriages, ...h.parcels, ...h.cards, ...h.businesses]) emitTruth(e)
    for (const p of h.persons) {
      inject.planConflict(p, {
        bhyt: h.cards.some(c => c.personalId === p.personalId),
        business: h.businesses.some(b => b.ownerId === p.personalId),
        land: h.parcels.some(x => x.holderIds.includes(p.personalId))
      })
    }
    renderCivilStatus(h, ctx)
    renderResidence(h, ctx)
    renderLand(h, ctx)
    renderBhyt(h, ctx)
    renderBusiness(h, ctx)
    made += h.persons.length
    index++
  }
  return { options: o, households: index, records, truth }
}
