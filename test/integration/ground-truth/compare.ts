// Test helper: compares golden records with the ground truth field by field, and gives every miss
// a reason from the truth's own injection lines (invalid records, legacy ids…), so a miss that no
// injection explains stands out as a real defect.
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import type { TruthEntry, TruthInvalid, TruthVariant, TruthConflict } from '../../../sim/city/truth.js'
import { goldenCollection, isGoldenRecord, type GoldenRecord } from '../../../records/golden-record.js'
import type { ExpectedRecord } from './expected.js'
import { decodeProvenance } from '../../../records/provenance-codec.js'
import { authority } from './authority.js'

export interface Miss {
  entity: CanonicalEntity
  id: string
  field: string
  kind: 'mismatch' | 'missing' | 'unexpected' | 'no-record'
  want: unknown
  got: unknown
  /** The source system whose value the golden record holds. */
  from?: string
  reason: string
}

export interface Tally { fields: number, match: number, mismatch: number, missing: number, unexpected: number }

export interface Comparison {
  perEntity: Record<string, Tally & { records: number, share: number }>
  /** The same fields by the department whose record makes each (authority.ts). */
  perSource: Record<string, Tally & { records: number, share: number }>
  overall: Tally & { share: number }
  misses: Miss[]
}

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => v === undefined || v === null ? undefined
    : (v as Record<string, unknown>)[key], value)

/** Golden shapes that carry more than the truth states, reduced to what it states. */
function comparable (field: string, value: unknown): unknown {
  if (value === undefined) return undefined
  if (field === 'members' && Array.isArray(value))
    return value.map(m => `${String(m.personalId)}:${String(m.relationToHead)}`).sort()
  if (field === 'holderPersonalIds' && Array.isArray(value)) return [...value].sort()
  return value
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export interface TruthInjections {
  invalid: Map<string, TruthInvalid[]>
  variants: Map<string, TruthVariant[]>
  conflicts: Map<string, TruthConflict[]>
}

export function injections (truth: TruthEntry[]): TruthInjections {
  const add = <T>(m: Map<string, T[]>, k: string, v: T): void => { m.set(k, [...(m.get(k) ?? []), v]) }
  const ix: TruthInjections = { invalid: new Map(), variants: new Map(), conflicts: new Map() }
  for (const e of truth) {
    if (e.type === 'invalid') add(ix.invalid, e.entityKey, e)
    if (e.type === 'variant') add(ix.variants, e.entityKey, e)
    if (e.type === 'conflict') add(ix.conflicts, e.entityKey, e)
  }
  return ix
}

export async function compareWithTruth (store: Store, expected: ExpectedRecord[],
  explain: (miss: Omit<Miss, 'reason'>, record: ExpectedRecord) => string): Promise<Comparison> {
  const perEntity: Comparison['perEntity'] = {}
  const perSource: Comparison['perSource'] = {}
  const sourceRecords = new Map<string, Set<string>>()
  const misses: Miss[] = []
  const byEntity = new Map<CanonicalEntity, ExpectedRecord[]>()
  for (const r of expected) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r])
  for (const [entity, records] of byEntity) {
    const docs = await store.getMany(goldenCollection[entity], records.map(r => r.id))
    const tally = { records: records.length, fields: 0, match: 0, mismatch: 0, missing: 0, unexpected: 0, share: 0 }
    for (const record of records) {
      const doc = docs.get(record.id)
      const golden = isGoldenRecord(doc) && !doc.deleted ? doc as GoldenRecord : undefined
      for (const [field, want] of Object.entries(record.fields)) {
        const got = comparable(field, golden === undefined ? undefined : at(golden.fields, field))
        if (want === undefined && got === undefined) continue
        const source = authority({ entity, field })
        const bySource = perSource[source] ??= { records: 0, fields: 0, match: 0, mismatch: 0, missing: 0,
          unexpected: 0, share: 0 }
        const counted = sourceRecords.get(source) ?? sourceRecords.set(source, new Set()).get(source) as Set<string>
        counted.add(`${entity}:${record.id}`)
        tally.fields++
        bySource.fields++
        if (same(got, want)) { tally.match++; bySource.match++; continue }
        const kind = golden === undefined ? 'no-record' : want === undefined ? 'unexpected'
          : got === undefined ? 'missing' : 'mismatch'
        if (kind === 'unexpected') { tally.unexpected++; bySource.unexpected++ } else if (kind === 'mismatch') {
          tally.mismatch++; bySource.mismatch++
        } else { tally.missing++; bySource.missing++ }
        const from = golden === undefined ? undefined
          : decodeProvenance(golden.provenance)[field.split('.')[0]]?.sourceSystem
        const miss = { entity, id: record.id, field, kind, want, got, ...(from !== undefined ? { from } : {}) } as const
        misses.push({ ...miss, reason: explain(miss, record) })
      }
    }
    tally.share = round(tally.match / tally.fields)
    perEntity[entity] = tally
  }
  for (const [source, tally] of Object.entries(perSource)) {
    tally.records = sourceRecords.get(source)?.size ?? 0
    tally.share = round(tally.match / tally.fields)
  }
  const sum = (k: keyof Tally): number => Object.values(perEntity).reduce((n, t) => n + t[k], 0)
  const overall = { fields: sum('fields'), match: sum('match'), mismatch: sum('mismatch'), missing: sum('missing'),
    unexpected: sum('unexpected'), share: 0 }
  overall.share = round(overall.match / overall.fields)
  return { perEntity, perSource, overall, misses }
}

const round = (n: number): number => Number(n.toFixed(4))
