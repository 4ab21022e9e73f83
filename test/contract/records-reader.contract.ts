// One contract for the records reader (records/) on every store adapter: what the gateway asks of
// golden records by use (the record now, as the hub knew it then, the records linked to a person,
// the person behind a legacy key, the records waiting for one), on records the merger wrote.
// `open` returns a new adapter instance on the same data; ids are unique per run, so the engine
// variant can share its database with the other tests of its file.
import type { Test } from 'tap'
import type { Store } from '../../infra/ports/store.js'
import {
  deletedAt, historyStart, linkedRecords, liveRecords, lookupRecord, readAsOf, readCurrent, readMany, viewOf
} from '../../records/reader.js'
import { personOfCmnd, saveLegacyLinks, unresolvedGroups, type UnresolvedDoc } from '../../records/legacy-ids.js'
import { healthCardsByNumber, personsByNameDob } from '../../records/lookups.js'
import { linkedPage } from '../../records/linked-page.js'
import { findConflicts, type ConflictFilter } from '../../records/conflicts.js'
import { countIdMismatches } from '../../records/data-quality.js'
import { writeMerged } from '../../records/writer.js'
import { historyId } from '../../records/golden-record.js'
import { canonicalEvent, harness, type EventSpec } from '../unit/merger/fixtures.js'

const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('')
/** A 12-digit personal id no other test of the run uses. */
const personalId = (): string => `0920${digits(8)}`
/** A time on the fixtures' day, 2026-01-01 (UTC). */
const on1Jan = (time: string): string => `2026-01-01T${time}Z`

export function recordsReaderContract (t: Test, open: () => Promise<Store>): void {
  const opened = async (t: Test): Promise<{ store: Store, apply: (specs: EventSpec[]) => Promise<void> }> => {
    const store = await open()
    t.teardown(async () => await store.close())
    const h = harness(undefined, store)
    return { store, apply: async specs => { await h.apply(specs.map(canonicalEvent)) } }
  }

  t.test('current and asOf: the record now, or the version the hub knew at a time', async t => {
    const { store, apply } = await opened(t)
    const id = personalId()
    // Ingested at 00:01:05 and 00:10:05.
    const birthDate = '1985-02-03'
    await apply([{ entityId: id, system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An', birthDate } }])
    await apply([{ entityId: id, system: 'ho-tich', at: 10, fields: { fullName: 'Nguyễn Văn Anh', birthDate } }])

    const now = await readCurrent(store, 'person', id)
    t.equal(now?.version, 2)
    t.equal(now?.fields.fullName, 'Nguyễn Văn Anh')
    t.match(now?.provenance.fullName,
      { sourceSystem: 'ho-tich', rule: 'authoritative', sourceTime: on1Jan('00:10:00.000') },
      'provenance comes expanded, never in its stored form')
    t.equal(now?.links.nameDob, 'nguyen van anh|1985-02-03', 'link keys come with the view')

    t.equal(await readAsOf(store, 'person', id, on1Jan('00:01:04.999')), undefined, 'before the first version: nothing')
    const first = await readAsOf(store, 'person', id, on1Jan('00:01:05.000'))
    t.equal(first?.fields.fullName, 'Nguyễn Văn An', 'validFrom itself is included')
    t.equal((await readAsOf(store, 'person', id, on1Jan('00:10:04.999')))?.version, 1)
    const later = await readAsOf(store, 'person', id, '2026-02-01T00:00:00.000Z')
    t.same(later, now, 'after the last change, history answers what the record says now')
    t.equal(await readCurrent(store, 'person', personalId()), undefined, 'a record the hub never held')
    t.equal(await readAsOf(store, 'person', personalId(), on1Jan('23:00:00.000')), undefined, 'no other record in')

    const start = await historyStart(store)
    t.ok(start !== undefined && start <= on1Jan('00:01:05.000'), `starts by the first version: ${String(start)}`)
    t.equal(await historyStart(store), start, 'and stays put')
  })

  t.test('lookups tell a record, a tombstone and nothing apart, now and as of a time', async t => {
    const { store, apply } = await opened(t)
    const id = personalId()
    await apply([{ entityId: id, system: 'ho-tich', at: 1, fields: { fullName: 'Trần Thị Bích' } }])
    await apply([{ entityId: id, system: 'ho-tich', at: 30, op: 'delete' }])

    const gone = await lookupRecord(store, 'person', id)
    t.equal(gone.kind, 'deleted')
    if (gone.kind === 'deleted') t.equal(deletedAt(gone.view), on1Jan('00:30:00.000'), 'when its last source did')
    const before = await lookupRecord(store, 'person', id, on1Jan('00:10:00.000'))
    t.equal(before.kind, 'found', 'before the delete the record was there')
    if (before.kind === 'found') t.equal(before.view.fields.fullName, 'Trần Thị Bích')
    t.same(await lookupRecord(store, 'person', personalId()), { kind: 'missing' })
    t.same(await lookupRecord(store, 'person', id, '2025-12-31T00:00:00.000Z'), { kind: 'missing' }, 'before history')
  })

  t.test('linked records: live records of an entity naming a person, in id order', async t => {
    const { store, apply } = await opened(t)
    const [person, other] = [personalId(), personalId()]
    const ids = [`31147-12-${digits(6)}`, `31147-12-${digits(6)}`, `31147-12-${digits(6)}`].sort()
    const parcel = (id: string, holders: string[], at: number): EventSpec => ({
      entity: 'land-parcel', entityId: id, system: 'dat-dai', at, position: `${at}-${id}`,
      fields: { parcelId: id, holderPersonalIds: holders }
    })
    // Inserted out of id order; the third is later deleted; the other person's parcel never shows.
    await apply([parcel(ids[1], [other, person], 1), parcel(ids[0], [person], 2), parcel(ids[2], [person], 3)])
    await apply([{ entity: 'land-parcel', entityId: ids[2], system: 'dat-dai', at: 4, op: 'delete' }])
    await apply([parcel(`31147-13-${digits(6)}`, [other], 5)])

    const linked = await linkedRecords(store, 'land-parcel', person)
    t.same(linked.map(v => v.entityId), [ids[0], ids[1]], 'tombstones left out, id order')
    t.ok(linked.every(v => typeof v.provenance.parcelId?.sourceSystem === 'string'), 'as views, provenance expanded')
    t.same(await linkedRecords(store, 'land-parcel', personalId()), [])
    t.same(await linkedRecords(store, 'person', person), [], 'persons link to nobody by slot')

    const household = `HO-31147-${digits(6)}`
    await apply([{ entity: 'household', entityId: household, system: 'cu-tru', at: 6, fields: {
      householdId: household,
      headPersonalId: other,
      members: [{ personalId: other, relationToHead: '01' }, { personalId: person, relationToHead: '03' }]
    } }])
    const households = async (of: string): Promise<string[]> =>
      (await linkedRecords(store, 'household', of)).map(v => v.entityId)
    t.same(await households(person), [household], 'a member finds the household')
    t.same(await households(other), [household], 'and so does its head')
  })

  t.test('linked pages and many records: exact pages in id order, tombstones told apart', async t => {
    const { store, apply } = await opened(t)
    const person = personalId()
    const ids = Array.from({ length: 5 }, () => `31147-14-${digits(6)}`).sort()
    await apply(ids.map((id, i) => ({
      entity: 'land-parcel' as const, entityId: id, system: 'dat-dai', at: 1, position: `1-${i}`,
      // Each parcel names the person in a different slot: the page is the union of the slots.
      fields: { parcelId: id, holderPersonalIds: [...Array.from({ length: i }, () => personalId()), person] }
    })))
    await apply([{ entity: 'land-parcel', entityId: ids[1], system: 'dat-dai', at: 2, op: 'delete' }])
    const live = [ids[0], ids[2], ids[3], ids[4]]
    const page = async (after?: string): Promise<string[]> =>
      (await linkedPage(store, 'land-parcel', person, 2, after)).map(v => v.entityId)
    t.same(await page(), live.slice(0, 3), 'limit + 1, live only')
    t.same(await page(live[1]), live.slice(2), 'after a cursor')

    const many = await readMany(store, 'land-parcel', [ids[1], ids[0], ids[0], 'no-such-parcel'])
    t.same([...many.keys()].sort(), [ids[0], ids[1]], 'each held record once; unknown ids left out')
    t.equal(many.get(ids[1])?.deleted, true, 'a tombstone is read too')
    t.same((await liveRecords(store, 'land-parcel', [ids[3], ids[1], ids[0]])).map(v => v.entityId), [ids[3], ids[0]],
      'live records in the order asked')
  })

  t.test('lookups by other keys: a card by either number, persons by name and birth date in a ward', async t => {
    const { store, apply } = await opened(t)
    const [holder, other] = [personalId(), personalId()]
    const ssn = digits(10)
    const printed = `HS4${digits(2)}${ssn}`
    await apply([
      // One source keys the card by the social-insurance number, another by the printed number.
      { entity: 'health-insurance-card', entityId: ssn, system: 'bhyt', at: 1,
        fields: { cardNumber: printed, socialInsuranceNumber: ssn, holderPersonalId: holder } },
      { entity: 'health-insurance-card', entityId: printed, system: 'cu-tru', at: 1, position: 'b',
        fields: { cardNumber: printed, holderPersonalId: holder } }
    ])
    t.same((await healthCardsByNumber(store, printed, ssn)).map(v => v.entityId).sort(), [printed, ssn].sort())
    t.same((await healthCardsByNumber(store, ssn, ssn)).map(v => v.entityId), [ssn], 'by the insurance number alone')
    t.same(await healthCardsByNumber(store, `HS4${digits(12)}`, digits(10)), [])

    const ward = '31135'
    const address = (wardCode: string) => ({ permanentAddress: { wardCode, street: 'Đường 3/2' } })
    const fields = { fullName: 'Võ Thị Giang', birthDate: '1990-07-08', sex: 'female', ...address(ward) }
    await apply([
      { entityId: holder, system: 'ho-tich', at: 1, fields },
      { entityId: other, system: 'ho-tich', at: 1, fields: { ...fields, ...address('31147') } }
    ])
    const asked = { fullName: 'VÕ THỊ GIANG', birthDate: fields.birthDate, wardCode: ward }
    const found = await personsByNameDob(store, asked, 5)
    t.same(found.map(v => v.entityId), [holder], 'the name folded, the ward narrowing')
    t.same(await personsByNameDob(store, { ...fields, wardCode: ward, sex: 'male' }, 5), [], 'sex narrows too')
  })

  t.test('conflicts by entity, record, field, status and source; id warnings counted', async t => {
    const { store, apply } = await opened(t)
    const id = personalId()
    await apply([
      { entityId: id, system: 'ho-tich', at: 1, fields: { birthDate: '2001-01-01' } },
      { entityId: id, system: 'cu-tru', at: 2, fields: { birthDate: '2001-01-02' } }
    ])
    const [conflict] = await findConflicts(store, { entity: 'person', entityId: id }, { limit: 10 })
    t.match(conflict, { entityId: id, field: 'birthDate', status: 'open' })
    const count = async (filter: Omit<ConflictFilter, 'entity' | 'entityId'>, after?: string): Promise<number> =>
      (await findConflicts(store, { entity: 'person', entityId: id, ...filter }, { after, limit: 10 })).length
    t.equal(await count({ sourceSystem: 'cu-tru', status: 'open' }), 1)
    t.equal(await count({ sourceSystem: 'dat-dai' }), 0)
    t.equal(await count({ status: 'resolved' }), 0)
    t.equal(await count({}, conflict._id), 0, 'paged by id')

    const before = await countIdMismatches(store)
    // Century digit 0 (male, 1900s) against a birth date in 2001.
    const bornIn1900s = `092085${digits(6)}`
    await apply([{ entityId: bornIn1900s, system: 'ho-tich', at: 3, fields: { birthDate: '2001-05-05', sex: 'male' } }])
    t.equal(await countIdMismatches(store), before + 1, 'a person whose id contradicts the birth date counts')
  })

  t.test('legacy keys: the person behind a CMND, from the id links or the one person naming it', async t => {
    const { store, apply } = await opened(t)
    const [linked, named, twinA, twinB] = [personalId(), personalId(), personalId(), personalId()]
    const [cmndLinked, cmndNamed, cmndTwice] = [digits(9), digits(9), digits(9)]
    await saveLegacyLinks(store, new Map([[`cmnd:${cmndLinked}`, linked]]), new Map())
    await apply([
      { entityId: named, system: 'cu-tru', at: 1, fields: { fullName: 'Lê Văn Cường', legacyCmnd: cmndNamed } },
      { entityId: twinA, system: 'cu-tru', at: 1, fields: { fullName: 'Lê Văn Dũng', legacyCmnd: cmndTwice } },
      { entityId: twinB, system: 'cu-tru', at: 1, fields: { fullName: 'Lê Văn Dũng', legacyCmnd: cmndTwice } }
    ])
    t.equal(await personOfCmnd(store, cmndLinked), linked, 'an id link the normalizer learned')
    t.equal(await personOfCmnd(store, cmndNamed), named, 'else the one live person naming it')
    t.equal(await personOfCmnd(store, cmndTwice), undefined, 'two people naming it: no answer rather than a guess')
    t.equal(await personOfCmnd(store, digits(9)), undefined, 'an unknown CMND')
    await apply([{ entityId: named, system: 'cu-tru', at: 2, op: 'delete' }])
    t.equal(await personOfCmnd(store, cmndNamed), undefined, 'a tombstone names nobody')

    // A link learned again with the same id is not rewritten; a changed one is.
    const known = new Map([[`cmnd:${cmndLinked}`, { _id: `cmnd:${cmndLinked}`, version: 1, personalId: linked }]])
    await saveLegacyLinks(store, new Map([[`cmnd:${cmndLinked}`, linked]]), known)
    t.equal((await store.get('id_links', `cmnd:${cmndLinked}`))?.version, 1)
    await saveLegacyLinks(store, new Map([[`cmnd:${cmndLinked}`, named]]), known)
    t.equal(await personOfCmnd(store, cmndLinked), named)
  })

  t.test('records waiting for a legacy key: groups in id order, page by page', async t => {
    const { store } = await opened(t)
    const keys = [digits(9), digits(9), digits(9)].sort()
    const since = on1Jan('00:00:05.000')
    const group = (cmnd: string): UnresolvedDoc => ({
      _id: `cmnd:${cmnd}`, version: 1, kind: 'cmnd', value: cmnd, since,
      entries: [{ entity: 'health-insurance-card', rawEventId: `raw-${cmnd}`,
        source: { system: 'bhyt', ingestTime: since } }]
    })
    await store.bulkUpsert('unresolved', keys.map(k => ({ doc: group(k), expectedVersion: null })))
    // Only this test parks groups, and each store of the contract is its own (file or database).
    const first = await unresolvedGroups(store, { limit: 2 })
    t.same(first.map(g => g._id), keys.slice(0, 2).map(k => `cmnd:${k}`), 'in id order, a page at a time')
    const second = await unresolvedGroups(store, { after: first[1]._id, limit: 2 })
    t.same(second.map(g => g._id), [`cmnd:${keys[2]}`], 'the next page continues after the last id')
    t.same(second[0].entries[0].source, { system: 'bhyt', ingestTime: since }, 'with what the listing shows')
  })

  t.test('a merge batch lands history first; a stale golden write is returned, not applied', async t => {
    const { store, apply } = await opened(t)
    const id = personalId()
    await apply([{ entityId: id, system: 'ho-tich', at: 1, fields: { fullName: 'Đặng Văn Hùng' } }])
    const stored = await store.get('persons', id)
    // Another merger moved the record to version 2 after this one read version 1.
    await apply([{ entityId: id, system: 'cu-tru', at: 2, fields: { phone: '0912000002' } }])
    // A well-formed snapshot (a copy of the newest), so later reads of history stay sound.
    const [newest] = await store.find('history', {
      where: { recordKey: `person:${id}` }, orderBy: { field: '_id', direction: 'desc' }, limit: 1
    })
    const snapshot = { ...newest, _id: historyId('person', id, 9) }
    const stale = await writeMerged(store, {
      history: [{ doc: snapshot, expectedVersion: null }],
      conflicts: [],
      golden: new Map([['persons', [{
        doc: { ...stored, _id: id, version: 2, fields: { fullName: 'lost' } },
        expectedVersion: 1
      }]]])
    })
    t.same(stale, { collection: 'persons', ids: [id] })
    t.equal((await readCurrent(store, 'person', id))?.fields.fullName, 'Đặng Văn Hùng', 'the record is unchanged')
    t.ok(await store.get('history', snapshot._id) !== undefined, 'history was written before')
  })

  t.test('viewOf reads golden records only', async t => {
    const { store, apply } = await opened(t)
    const id = personalId()
    await apply([{ entityId: id, system: 'ho-tich', at: 1, fields: { fullName: 'Phạm Thị Em' } }])
    const doc = await store.get('persons', id)
    t.equal(doc === undefined ? undefined : viewOf(doc)?.entityId, id)
    t.equal(viewOf({ _id: 'x', version: 1, fields: {} }), undefined, 'a document without merge state is no record')
  })
}
