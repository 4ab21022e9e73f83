// Cross-source signal (issue 19): a death registered in civil status ends a social allowance
// (chinh-sach) and an unemployment benefit (viec-lam). When a person's golden record has a date of
// death and a benefit record naming them is still `active`, the hub opens a conflict on the benefit's
// `status` for the owning department: civil status says the benefit has ended, the department still
// pays it. The department sees it through GET /v1/conflicts (entity, sourceSystem=<its system>,
// status=open); it resolves itself once the department ends the benefit (or the death is withdrawn).
// The golden record keeps the department's status: the hub does not end an allowance, the department
// does, with its own decision (and a funeral allowance where the law grants one).
//
// Evaluated for every person and benefit key a merge batch touched, after the batch's golden records
// are stored (or held back), reading the other side as it is then: whichever arrives first, the later
// one sees it, and two merger instances writing the two sides at once each read after their own write,
// so at least one sees both. Idempotent: a batch delivered again recomputes the same documents.
import type { CollectionName, StoredDoc, Store, VersionedWrite } from '../../infra/ports/store.js'
import type { CanonicalEntity } from '../../schemas/canonical-event.js'
import { conflictId, goldenCollection, personSlot, type ConflictDoc, type RecordView } from '../golden-record.js'
import { viewOf } from '../reader.js'

/** The entities a registered death ends, each with the field that names the person. */
export const BENEFIT_ENTITIES_ENDED_BY_DEATH = [
  'social-beneficiary', 'unemployment-benefit'
] as const satisfies readonly CanonicalEntity[]
type BenefitEntity = typeof BENEFIT_ENTITIES_ENDED_BY_DEATH[number]

/** What the conflict document says the signal is, so a department can tell it from a disagreement of values. */
export const DEATH_SIGNAL = 'death-registered'
const CIVIL_STATUS = 'ho-tich'
const FIELD = 'status'
// The benefit's person link: `links.person0` in the store (personSlot), `person0` in the record's links.
const LINK = 'person0'

export interface SignalReads {
  store: Store
  /** Golden records as the merger now holds them (held back ones first, else the store's). */
  current: (collection: CollectionName, ids: string[]) => Promise<Map<string, StoredDoc>>
  /** Records held back (not yet in the store) of a collection that name this person. */
  heldNaming?: (collection: CollectionName, personalId: string) => StoredDoc[]
}

const isBenefit = (entity: string): entity is BenefitEntity => (
  BENEFIT_ENTITIES_ENDED_BY_DEATH as readonly string[]
).includes(entity)

/** The conflict writes the touched keys call for: opened, updated or resolved; none when nothing changes. */
export async function deathSignalWrites (
  reads: SignalReads, touched: Array<{ entity: CanonicalEntity, entityId: string }>
): Promise<VersionedWrite[]> {
  const pairs = new Map<string, { benefit: RecordView, personalId: string }>()
  const personIds = new Set<string>()
  for (const { entity, entityId } of touched) {
    if (entity === 'person') {
      personIds.add(entityId)
      for (const benefit of await benefitsNaming(reads, entityId)) {
        pairs.set(conflictId(benefit.entity, benefit.entityId, FIELD), { benefit, personalId: entityId })
      }
    } else if (isBenefit(entity)) {
      const benefit = viewOf((await reads.current(goldenCollection[entity], [entityId])).get(entityId) as StoredDoc)
      const personalId = benefit?.links[LINK]
      if (benefit === undefined || typeof personalId !== 'string') continue
      personIds.add(personalId)
      pairs.set(conflictId(entity, entityId, FIELD), { benefit, personalId })
    }
  }
  if (pairs.size === 0) return []
  const persons = await reads.current(goldenCollection.person, [...personIds])
  const existing = await reads.store.getMany('conflicts', [...pairs.keys()])
  const writes: VersionedWrite[] = []
  for (const [id, { benefit, personalId }] of pairs) {
    const person = viewOf(persons.get(personalId) as StoredDoc)
    const before = existing.get(id) as ConflictDoc | undefined
    const doc = signalDoc(id, benefit, person, before)
    if (doc !== undefined) writes.push({ doc, expectedVersion: before?.version ?? null })
  }
  return writes
}

/** Live benefit records naming the person, in the store or held back by the merger. */
async function benefitsNaming (reads: SignalReads, personalId: string): Promise<RecordView[]> {
  const out = new Map<string, RecordView>()
  for (const entity of BENEFIT_ENTITIES_ENDED_BY_DEATH) {
    const collection = goldenCollection[entity]
    const stored = await reads.store.find(
      collection, { where: { [personSlot(0)]: personalId }, orderBy: { field: '_id' }, limit: 100 }
    )
    // A held-back version is newer than the stored one: it replaces it.
    const ids = [...new Set([...stored, ...(reads.heldNaming?.(collection, personalId) ?? [])].map(d => d._id))]
    for (const doc of (await reads.current(collection, ids)).values()) {
      const view = viewOf(doc)
      if (view !== undefined && view.links[LINK] === personalId) out.set(`${entity}:${view.entityId}`, view)
    }
  }
  return [...out.values()]
}

/** The document the pair calls for, or undefined when the stored one already says it (or none is needed). */
function signalDoc (
  id: string, benefit: RecordView, person: RecordView | undefined, before: ConflictDoc | undefined
): ConflictDoc | undefined {
  // When the hub learned it: the newer of the two records' versions, not the clock, so a rebuild from the
  // log (lienthong rebuild compares store hashes) writes the same document.
  const at = [benefit.validFrom, person?.validFrom ?? ''].sort().at(-1) as string
  const died = person !== undefined && !person.deleted && typeof person.fields.dateOfDeath === 'string'
  const paid = !benefit.deleted && benefit.fields.status === 'active'
  const version = (before?.version ?? 0) + 1
  if (!(died && paid)) {
    if (before?.status !== 'open') return undefined
    return { ...before, version, status: 'resolved', resolvedAt: at, recordVersion: benefit.version }
  }
  const death = person.provenance.dateOfDeath
  const status = benefit.provenance.status
  const owner = status?.sourceSystem ?? Object.keys(benefit.sources)[0] ?? 'unknown'
  const values = [
    { sourceSystem: death?.sourceSystem ?? CIVIL_STATUS, value: 'ended', since: death?.sourceTime ?? person.validFrom },
    { sourceSystem: owner, value: 'active', since: status?.sourceTime ?? benefit.validFrom }
  ]
  if (before?.status === 'open' && JSON.stringify(before.values) === JSON.stringify(values)) return undefined
  const sourceSystems = values.map(v => v.sourceSystem)
  return {
    _id: id,
    version,
    entity: benefit.entity,
    entityId: benefit.entityId,
    field: FIELD,
    status: 'open',
    signal: DEATH_SIGNAL,
    values,
    sourceSystems,
    involves: Object.fromEntries(sourceSystems.map(s => [s.replace(/-/g, '_'), true])),
    since: values.map(v => v.since).sort().at(-1) as string,
    // The department's status stands in the golden record until the department ends the benefit.
    chosenSourceSystem: owner,
    detectedAt: before?.status === 'open' ? before.detectedAt : at,
    recordVersion: benefit.version
  }
}

/**
 * Whether a merged key needs the signal looked at: every benefit, and a person whose record has (or
 * had, before the batch) a date of death. Other people cannot open or close one.
 */
export function touchesDeathSignal (entity: CanonicalEntity, docs: Array<StoredDoc | undefined>): boolean {
  if (isBenefit(entity)) return true
  return entity === 'person' &&
    docs.some(d => typeof (d as { fields?: Record<string, unknown> } | undefined)?.fields?.dateOfDeath === 'string')
}
