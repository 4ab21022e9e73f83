// Test helper: the issue-19 departments' ground truth against the golden records. Each `source-record`
// names the canonical record one source record should become; its golden record is the one its
// connector's mapping keys it by, the record's id field (gateway/read/record-meta.ts idFields: the
// licence number, the enrolment id, …). Every top-level field of the truth's record is compared with
// the golden one, and every golden top-level field the truth does not state is a miss too (a derived
// field such as a feature's bbox is checked against what it derives from). A miss gets its reason
// from the department's own injection lines (source-explain.ts), or 'unexplained …'.
import type { Store } from '../../../infra/ports/store.js'
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import type { SourceTruthEntry, SourceTruthRecord } from '../../../sim/sources/truth.js'
import { goldenCollection, isGoldenRecord, type GoldenRecord } from '../../../records/golden-record.js'
import { idFields } from '../../../gateway/read/record-meta.js'
import { bboxOf } from '../../../schemas/geo/bbox.js'

export interface SourceTally { records: number, fields: number, match: number, share: number }

export interface SourceMiss {
  source: string
  entity: string
  id: string
  field: string
  kind: 'mismatch' | 'missing' | 'unexpected' | 'no-record'
  want: unknown
  got: unknown
  reason: string
}

export type ExplainSourceMiss = (miss: Omit<SourceMiss, 'reason'>, record: SourceTruthRecord) => Promise<string>

/**
 * Golden fields the truth's record does not state because the hub derives them from a stated one;
 * each is checked against its derivation rather than skipped.
 */
const DERIVED: Record<string, Record<string, (record: Record<string, unknown>) => unknown>> = {
  // The store keeps a feature's envelope so a bbox query tests envelopes only.
  'urban-infrastructure': { bbox: r => bboxOf((r.geometry as { coordinates: unknown }).coordinates) },
  // A permit's link to persons: its owners' personal ids, as a set.
  'construction-permit': { ownerPersonalIds: r => (r.owners as Array<{ personalId?: string }>).flatMap(o =>
    o.personalId ?? []).sort() }
}

/** Golden fields that are sets: compared sorted. */
const SETS = new Set(['construction-permit.ownerPersonalIds'])

/** The golden id of a source record: its entity's first id field, as every issue-19 mapping keys it. */
export function goldenIdOf (record: SourceTruthRecord): string {
  const field = idFields[record.entity as CanonicalEntity]?.[0]
  if (field === undefined) throw new Error(`no id field for ${record.entity}`)
  return String(record.record[field])
}

export async function compareSourceRecords (store: Store, sourceTruth: SourceTruthEntry[], explain: ExplainSourceMiss):
Promise<{ perSource: Record<string, SourceTally>, misses: SourceMiss[] }> {
  const records = sourceTruth.filter((e): e is SourceTruthRecord => e.type === 'source-record')
  const perSource: Record<string, SourceTally> = {}
  const misses: SourceMiss[] = []
  const byEntity = new Map<string, SourceTruthRecord[]>()
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r])
  for (const [entity, list] of byEntity) {
    const docs = await store.getMany(goldenCollection[entity as CanonicalEntity], list.map(goldenIdOf))
    for (const record of list) {
      const tally = perSource[record.department] ??= { records: 0, fields: 0, match: 0, share: 0 }
      tally.records++
      const id = goldenIdOf(record)
      const doc = docs.get(id)
      const golden = isGoldenRecord(doc) && !doc.deleted ? doc as GoldenRecord : undefined
      const derived = DERIVED[entity] ?? {}
      const want: Record<string, unknown> = { ...record.record }
      for (const [field, derive] of Object.entries(derived)) want[field] = derive(record.record)
      const fields = new Set([...Object.keys(want), ...Object.keys(golden?.fields ?? {})])
      for (const field of fields) {
        const w = want[field]
        const held = golden?.fields[field]
        const got = SETS.has(`${entity}.${field}`) && Array.isArray(held) ? [...held].sort() : held
        if (w === undefined && got === undefined) continue
        tally.fields++
        if (same(w, got)) { tally.match++; continue }
        const kind = golden === undefined ? 'no-record' : w === undefined ? 'unexpected'
          : got === undefined ? 'missing' : 'mismatch'
        const miss = { source: record.department, entity, id, field, kind, want: w, got } as const
        misses.push({ ...miss, reason: await explain(miss, record) })
      }
    }
  }
  for (const t of Object.values(perSource)) t.share = round(t.match / t.fields)
  return { perSource, misses }
}

/** Equal as JSON once object keys are sorted (a golden record's keys come in mapping order). */
export const same = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))

function sortKeys (v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : 1).map(([k, x]) => [k, sortKeys(x)]))
}

export const round = (n: number): number => Number(n.toFixed(4))
