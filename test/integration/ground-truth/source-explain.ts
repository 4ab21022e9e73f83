// Test helper: the reason one field of an issue-19 source record differs from its golden record, read
// from the department's own injection lines (sim/sources/truth.ts) and from the code (the connector's
// mapping), never listed by hand. A top-level field is split into the leaves that differ, and each leaf
// needs its own reason. 'unexplained …' when none applies; 'defect: …' for a hub defect that is
// reported, not explained (the test lists those apart, as a known failure).
import type { Store } from '../../../infra/ports/store.js'
import type { SourceTruthEntry, SourceTruthRecord, SourceTruthConflict,
  SourceTruthVariant } from '../../../sim/sources/truth.js'
import type { TruthEntry } from '../../../sim/city/truth.js'
import { builtIns } from '../../../connectors/built-in.js'
import { goldenCollection, isGoldenRecord } from '../../../records/golden-record.js'
import { foldDiacritics } from '../../../schemas/vietnam/names.js'
import { findConflicts } from '../../../records/conflicts.js'
import { DEATH_SIGNAL } from '../../../records/signals/death-ends-benefit.js'
import type { SourceMiss } from './source-compare.js'

interface Leaf { path: string, want: unknown, got: unknown, parent?: Record<string, unknown> }

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The leaves where `got` differs from `want`, with the golden object that holds each. */
export function differingLeaves (want: unknown, got: unknown, path: string, parent?: Record<string, unknown>): Leaf[] {
  if (JSON.stringify(want) === JSON.stringify(got)) return []
  if (isObject(want) && isObject(got)) {
    return [...new Set([...Object.keys(want), ...Object.keys(got)])].flatMap(k => differingLeaves(want[k],
      got[k], `${path}.${k}`, got))
  }
  if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    return want.flatMap((w, i) => differingLeaves(w, got[i], `${path}[${i}]`))
  }
  return [{ path, want, got, ...(parent !== undefined ? { parent } : {}) }]
}

// The truth names winners by source system; the city's own truth names departments.
const CITY_DEPARTMENT: Record<string, string> = { 'ho-tich': 'civil-status', 'cu-tru': 'residence',
  'dat-dai': 'land', bhyt: 'bhyt' }
// Where the winner of a conflict on another entity's field keeps its value: the record keyed by it.
const WINNER_HOLDS: Record<string, keyof typeof goldenCollection> = {
  certificateSerial: 'land-use-certificate',
  socialInsuranceNumber: 'health-insurance-card'
}

export interface SourceExplainContext {
  store: Store
  sourceTruth: SourceTruthEntry[]
  truth: TruthEntry[]
  /** `entity:entityId` of every record waiting in the unresolved set for a legacy id to be linked. */
  waiting: Set<string>
}

/**
 * Fields the sim's truth states that its export does not carry, each checked by reading the simulated
 * department (sim/sources/): listed so that a mapping losing a field the export does carry stays
 * unexplained. Either the connector derives them one day (the miss then turns into a match) or the
 * truth stops stating them.
 */
const NOT_EXPORTED: Record<string, string> = {
  'driver-licence.issueDate': 'the export has no card print date (the truth takes the latest class grant)',
  'student-enrolment.school.wardCode': 'the export has no school ward (only inside the school code MaTruong)'
}

const mappingOf = (department: string) => builtIns.entries.find(e => e.simulatedDepartment === department)?.connector

/** The canonical path (`a[].b`) of a leaf path (`a[0].b`). */
const pattern = (path: string): string => path.replace(/\[\d+\]/g, '[]')

/**
 * The path of the source entity's field that carries the same raw field as the person field a
 * conflict names (giao-duc's MaPhuongXa is the pupil's permanentAddress.wardCode and the enrolment's
 * address.wardCode), read from the mapping; the conflict's own field when it names this entity.
 */
function conflictPath (c: SourceTruthConflict, entity: string): string | undefined {
  if (c.entity === entity) return c.field
  const entities = mappingOf(c.department)?.mapping.streams.flatMap(s => s.entities) ?? []
  const personRule = entities.find(e => e.entity === 'person')
  const person = personRule?.fields.find(f => f.to === c.field)
  // A person mapped once per list item (a permit's owners) reads its fields inside that list.
  const from = person !== undefined && 'from' in person
    ? `${personRule?.each !== undefined ? `${personRule.each}[].` : ''}${person.from}` : undefined
  if (from === undefined) return entities.some(e => e.entity === entity
    && e.fields.some(f => f.to === c.field)) ? c.field : undefined
  return entities.find(e => e.entity === entity)?.fields.find(f => 'from' in f && f.from === from)?.to
}

/** Whether the winner of a conflict holds its value where the hub keeps it (or why it cannot). */
async function winnerHolds (c: SourceTruthConflict, record: SourceTruthRecord,
  ctx: SourceExplainContext): Promise<string | undefined> {
  const value = c.values[c.winner]
  const holder = String(record.record.personalId ?? '')
  const deadIn = (department: string, keys: unknown[]): boolean =>
    ctx.truth.some(e => e.type === 'invalid' && e.department === department
      && (keys.includes(e.entityKey) || keys.includes(e.key)))
  if (c.entity === 'person') {
    if (deadIn(CITY_DEPARTMENT[c.winner], [c.entityKey])) return `the winner's (${c.winner}) record is dead-lettered`
    const golden = await ctx.store.get(goldenCollection.person, c.entityKey)
    const held = isGoldenRecord(golden)
      ? c.field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], golden.fields)
      : undefined
    return held === value ? `the person holds ${c.winner}'s value` : undefined
  }
  // A death civil status registered and the department was never told of: the hub raises a signal for it.
  if (value.startsWith('died ')) {
    if (deadIn('civil-status', [holder])) return 'the holder\'s civil-status record is dead-lettered'
    const open = await findConflicts(ctx.store, { entity: c.entity, entityId: c.entityKey,
      status: 'open' }, { limit: 10 })
    return open.some(x => x.signal === DEATH_SIGNAL)
      ? `a ${DEATH_SIGNAL} signal is open for ${c.department}` : undefined
  }
  const held = WINNER_HOLDS[c.field.split('.').at(-1) ?? '']
  if (held === undefined) return undefined
  if (isGoldenRecord(await ctx.store.get(goldenCollection[held], value))) return `${c.winner} holds ${held} ${value}`
  if (ctx.waiting.has(`${held}:${value}`))
    return `${c.winner}'s ${held} ${value} waits in the unresolved set for its holder's CMND link`
  // The land register files a certificate under its parcel; social insurance a card under the holder.
  const parcels = ((record.record.property as { parcelIds?: string[] } | undefined)?.parcelIds ?? [])
  return deadIn(CITY_DEPARTMENT[c.winner], [value, holder, ...parcels])
    ? `the winner's (${c.winner}) ${held} is dead-lettered` : undefined
}

async function explainLeaf (leaf: Leaf, miss: Omit<SourceMiss, 'reason'>, record: SourceTruthRecord,
  ctx: SourceExplainContext): Promise<string> {
  const { department, key } = record
  const mine = ctx.sourceTruth.filter(e => e.department === department && e.key === key)
  const variants = mine.filter((e): e is SourceTruthVariant => e.type === 'source-variant')
  const connector = mappingOf(department)

  // A person named by the old CMND only: a list of parties or owners keeps it as typed (legacyCmnd,
  // documented in docs/sources/<id>.md) and, for permits, ownerPersonalIds gets the linked id.
  const legacy = variants.find(v => v.kind === 'legacy-id' && (v.canonical === leaf.want || v.written === leaf.got))
  if (legacy !== undefined && leaf.parent?.legacyCmnd === legacy.written
    && /(^|\.)(personalId|legacyCmnd)$/.test(leaf.path.replace(/\[\d+\]/g, ''))) {
    return `legacy-id: ${department} names this person by CMND only; the ${miss.entity} keeps it as legacyCmnd`
  }

  // A hub defect, reported: a nested field written under its dotted path as a top-level key.
  const flat = leaf.path.slice(1)
  if (miss.kind === 'unexpected' && miss.field.includes('.'))
    return `defect: golden field named by a dotted path (${miss.field}), not nested`
  if (leaf.got === undefined && miss.kind !== 'no-record' && flat.includes('.')) {
    const golden = await ctx.store.get(goldenCollection[miss.entity as keyof typeof goldenCollection], miss.id)
    if (isGoldenRecord(golden) && JSON.stringify(golden.fields[flat]) === JSON.stringify(leaf.want)) {
      return `defect: ${flat} held as a top-level key, not nested`
    }
  }

  // The department disagrees with the authoritative source: its own record keeps what it typed.
  for (const c of mine.filter((e): e is SourceTruthConflict => e.type === 'source-conflict')) {
    // The truth ends an allowance on a registered death (allowanceTo, endReason) even when unreported.
    const fromDeath = c.values[c.winner]?.startsWith('died ') === true && leaf.got === undefined
      && ['allowanceTo', 'endReason'].includes(flat)
    if (!fromDeath && (conflictPath(c, miss.entity) !== pattern(flat) || leaf.got !== c.values[department])) continue
    // In a list (a permit's owners), only the item naming the conflict's person, by personal id or CMND.
    const named = leaf.parent?.personalId === c.entityKey ||
      variants.some(v => v.kind === 'legacy-id' && v.canonical === c.entityKey && v.written === leaf.parent?.legacyCmnd)
    if (flat !== pattern(flat) && !named) continue
    const holds = await winnerHolds(c, record, ctx)
    if (holds === undefined) continue
    return `source-conflict: the ${miss.entity} keeps ${department}'s ${c.field} as typed; ${c.winner} is ` +
      `authoritative (${holds})`
  }

  // Dialect: the export wrote the name without its marks (gplx: bare upper-case ASCII); the letters are all there.
  if (/fullName$/.test(flat) && typeof leaf.want === 'string' && typeof leaf.got === 'string'
    && leaf.got === foldDiacritics(leaf.want)) {
    return `${department} exported the text without diacritics; the ${miss.entity} keeps its letters`
  }

  // A field the truth states and the export does not carry (NOT_EXPORTED), so the mapping writes nothing to it.
  const notExported = NOT_EXPORTED[`${miss.entity}.${pattern(flat)}`]
  if (leaf.got === undefined && notExported !== undefined && connector !== undefined
    && !connector.mapping.streams.some(s => s.entities.some(e =>
    e.entity === miss.entity && e.fields.some(f => pattern(flat) === f.to || pattern(flat).startsWith(`${f.to}.`))))) {
    return `${connector.manifest.id} mapping writes no ${pattern(flat)}: ${notExported}`
  }
  return `unexplained: ${leaf.path} want ${JSON.stringify(leaf.want)} got ${JSON.stringify(leaf.got)}`
}

/** The reason for one field (every differing leaf of it explained), for compareSourceRecords. */
export async function explainSourceMiss (miss: Omit<SourceMiss, 'reason'>, record: SourceTruthRecord,
  ctx: SourceExplainContext): Promise<string> {
  const { department, key } = record
  if (miss.kind === 'no-record') {
    const invalid = ctx.sourceTruth.find(e => e.type === 'source-invalid'
      && e.department === department && e.key === key)
    if (invalid?.type === 'source-invalid')
      return `${department} record dead-lettered (${invalid.reason} in ${invalid.field}): no record`
    // Civil status is the source that shows a CMND with its personal id: when the person's record there
    // is dead-lettered, nothing links the CMND and the record waits in the unresolved set (checked there).
    const legacy = ctx.sourceTruth.filter((e): e is SourceTruthVariant =>
      e.type === 'source-variant' && e.kind === 'legacy-id' && e.department === department && e.key === key)
    const unlinked = legacy.map(v => ctx.truth.find(e => e.type === 'invalid' && e.department === 'civil-status'
      && e.entityKey === v.canonical))
      .find(e => e !== undefined)
    if (unlinked?.type === 'invalid' && ctx.waiting.has(`${miss.entity}:${miss.id}`)) {
      return `legacy-id: ${department} names a person by CMND only and that person's civil-status ` +
        `record is dead-lettered ` +
        `(${unlinked.reason} in ${unlinked.field}): the ${miss.entity} waits in the unresolved set`
    }
    const waiting = ctx.waiting.has(`${miss.entity}:${miss.id}`) ? 'waiting' : 'not waiting'
    const why = unlinked === undefined ? 'civil status holds the person' : 'civil-status record dead-lettered'
    return `unexplained: no record${legacy.length > 0 ? ` (legacy-id; ${why}; ${waiting})` : ''}`
  }
  const reasons = await Promise.all(differingLeaves(miss.want, miss.got, `.${miss.field}`)
    .map(async l => await explainLeaf(l, miss, record, ctx)))
  return reasons.find(r => r.startsWith('unexplained')) ?? reasons.find(r => r.startsWith('defect'))
    ?? [...new Set(reasons)].join('; ')
}
