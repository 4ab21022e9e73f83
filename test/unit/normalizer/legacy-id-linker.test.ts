// The legacy-id linker on a real (in-memory) store: records naming people by CMND only wait in the
// unresolved set and come out once every CMND they name is linked, never dropped, never twice.
import t from 'tap'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { linkLegacyIds, type UnresolvedDoc } from '../../../consumers/normalizer/legacy-id-linker.js'
import type { PendingEntity, PendingEvent } from '../../../consumers/normalizer/to-canonical.js'

const source = (system: string): CanonicalEvent['source'] => ({
  system, connector: system, connectorVersion: '1.0.0', sourceKey: 'k', sourceTime: '2026-01-01T00:00:00.000Z',
  ingestTime: '2026-01-01T00:00:01.000Z', position: '1'
})

/** A civil-status person that shows a CMND next to its personal id: the link. */
const linking = (personalId: string, cmnd: string): CanonicalEvent => ({
  id: `cs:${personalId}#person:${personalId}`, entity: 'person', entityId: personalId, op: 'upsert',
  source: source('ho-tich'),
  fields: { personalId, legacyCmnd: cmnd }, rawEventId: `cs:${personalId}`
})

/** A person known by CMND only (a BHYT record). */
const cmndOnlyPerson = (cmnd: string): PendingEntity => ({
  event: { entity: 'person', op: 'upsert', source: source('bhyt'), fields: { legacyCmnd: cmnd },
    rawEventId: `bhyt:${cmnd}` },
  legacyKey: { kind: 'cmnd', value: cmnd }
})

/** A parcel naming its holders by CMND only. */
const parcel = (id: string, cmnds: string[]): PendingEntity => {
  const event: PendingEvent = {
    entity: 'land-parcel', entityId: id, op: 'upsert', source: source('dat-dai'),
    fields: { parcelId: id, holderPersonalIds: ['092185000001'] }, rawEventId: `land:${id}`,
    legacyRefs: cmnds.map(value => ({ field: 'holderPersonalIds', kind: 'cmnd' as const, value, list: true as const }))
  }
  return { event, legacyKey: { kind: 'cmnd', value: cmnds[0] } }
}

t.test('a record naming two unlinked people waits for each in turn, sharing groups with others', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  t.teardown(async () => await store.close())
  const groupOf = async (cmnd: string): Promise<UnresolvedDoc | undefined> =>
    await store.get('unresolved', `cmnd:${cmnd}`) as UnresolvedDoc | undefined

  // A BHYT person waits for CMND B; then a parcel names A and B, both unknown: it waits under A.
  let plan = await linkLegacyIds(store, [], [cmndOnlyPerson('361000222')])
  t.same(plan.events, [])
  plan = await linkLegacyIds(store, [], [parcel('31135-1-1', ['361000111', '361000222'])])
  t.same(plan.events, [], 'nothing comes out while a holder is unknown')
  t.same((await groupOf('361000111'))?.entries.map(e => e.entity), ['land-parcel'])

  // A is linked: the parcel still needs B, whose group already holds the BHYT person.
  plan = await linkLegacyIds(store, [linking('092185000111', '361000111')], [])
  t.same(plan.events, [], 'still waiting for the second holder')
  t.same(plan.releasedGroups, ['cmnd:361000111'])
  await store.deleteMany('unresolved', plan.releasedGroups)
  t.same((await groupOf('361000222'))?.entries.map(e => e.entity).sort(), ['land-parcel', 'person'],
    'the parcel joined the group of its next unknown holder')

  // B is linked: both come out, the parcel with every holder, each once.
  plan = await linkLegacyIds(store, [linking('092185000222', '361000222')], [])
  await store.deleteMany('unresolved', plan.releasedGroups)
  const byEntity = Object.fromEntries(plan.events.map(e => [e.entity, e]))
  t.same(plan.events.map(e => e.entity).sort(), ['land-parcel', 'person'])
  t.same(byEntity['land-parcel'].fields.holderPersonalIds, ['092185000001', '092185000111', '092185000222'],
    'the holders named by id, then the linked ones')
  t.equal(byEntity['land-parcel'].id, 'land:31135-1-1#land-parcel:31135-1-1',
    'the event id a parcel published at once would have had')
  t.equal(byEntity.person.entityId, '092185000222')
  t.notOk('legacyRefs' in byEntity['land-parcel'], 'the waiting state does not leak')
  t.ok(byEntity['land-parcel'].warnings?.every(w => !/361000(111|222)/.test(w.message)),
    'CMNDs are masked in the warnings')
  t.equal(await groupOf('361000222'), undefined)
  t.equal(await groupOf('361000111'), undefined)
})

t.test('a record whose people are all known comes out at once', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  t.teardown(async () => await store.close())
  await linkLegacyIds(store, [linking('092185000333', '361000333')], [])
  const plan = await linkLegacyIds(store, [], [parcel('31135-1-2', ['361000333'])])
  t.same(plan.events.map(e => e.fields.holderPersonalIds), [['092185000001', '092185000333']])
  t.equal(plan.parked, 0)
})

t.test('a nested field named by CMND (an enrolment\'s guardian) gets the personal id inside its object', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  t.teardown(async () => await store.close())
  const guardian = { name: 'Lê Văn Ba', relation: 'father' }
  const enrolment: PendingEntity = {
    event: {
      entity: 'student-enrolment', entityId: 'HS1-2025-2026', op: 'upsert', source: source('giao-duc'),
      rawEventId: 'gd:HS1',
      fields: { enrolmentId: 'HS1-2025-2026', guardian },
      legacyRefs: [{ field: 'guardian.personalId', kind: 'cmnd', value: '361000333' }]
    },
    legacyKey: { kind: 'cmnd', value: '361000333' }
  }
  await linkLegacyIds(store, [], [enrolment])
  const plan = await linkLegacyIds(store, [linking('092185000333', '361000333')], [])
  const out = plan.events.find(e => e.entity === 'student-enrolment')
  t.same(out?.fields.guardian, { ...guardian, personalId: '092185000333' }, 'inside the guardian object')
  t.notOk(out !== undefined && 'guardian.personalId' in out.fields, 'no flat key with a dot in its name')
  t.same(guardian, { name: 'Lê Văn Ba', relation: 'father' }, 'the waiting event\'s own object is untouched')
})
