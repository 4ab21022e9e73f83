// History holds events (issue 14): asOf folds them. A store written before then holds a view
// snapshot per version; its records go on from there, and every version reads as the hub knew it.
import t from 'tap'
import type { GoldenRecord, HistoryDoc } from '../../../records/golden-record.js'
import { readAsOf, readCurrent, readVersions } from '../../../records/reader.js'
import { SNAPSHOT_EVERY } from '../../../records/merge/history-fold.js'
import { canonicalEvent, harness } from '../merger/fixtures.js'

const id = '092085001234'
const entries = async (h: ReturnType<typeof harness>): Promise<HistoryDoc[]> =>
  await h.store.find('history',
    { where: { recordKey: `person:${id}` }, orderBy: { field: '_id' }, limit: 1000 }) as HistoryDoc[]

t.test('an entry holds the event, not the record; asOf answers every version as it was written', async t => {
  const h = harness()
  t.teardown(async () => await h.store.close())
  const seen: Array<GoldenRecord | undefined> = []
  for (let at = 1; at <= 5; at++) {
    await h.apply([canonicalEvent({ system: at % 2 === 0 ? 'cu-tru' : 'ho-tich', at,
      fields: { fullName: `Nguyễn Văn ${'ABCDE'[at - 1]}`, phone: `091200000${at}` } })])
    seen.push(await h.store.get('persons', id) as GoldenRecord)
  }
  const history = await entries(h)
  t.same(history.map(e => e.recordVersion), [1, 2, 3, 4, 5])
  t.ok(history.every(e => e.record === undefined && e.event !== undefined), 'no snapshot written')
  t.ok(history.every(e => e.event?.id === e.eventId), 'each entry holds its own event')
  for (const [i, golden] of seen.entries()) {
    const asOf = await readAsOf(h.store, 'person', id, golden?.validFrom as string)
    const { state: _s, appliedAt: _a, historyForm: _f, _id: _i, ...view } = golden as GoldenRecord
    t.same(asOf, await readCurrentAs(view), `version ${i + 1} folds back to the record then`)
  }
  t.same((await readVersions(h.store, 'person', id)).map(v => v.version), [1, 2, 3, 4, 5])
})

/** The expanded view of a stored view, as readCurrent gives it. */
async function readCurrentAs (view: Omit<GoldenRecord, 'state' | 'appliedAt' | '_id'>): Promise<unknown> {
  const h = harness()
  await h.store.bulkUpsert('persons', [{ doc: { _id: id, ...view, state: {}, appliedAt: '' }, expectedVersion: null }])
  const out = await readCurrent(h.store, 'person', id)
  await h.store.close()
  return out
}

t.test(`every ${SNAPSHOT_EVERY} versions an entry holds the merge state, and asOf folds from the nearest`, async t => {
  const h = harness()
  t.teardown(async () => await h.store.close())
  for (let at = 1; at <= SNAPSHOT_EVERY + 3; at++) {
    await h.apply([canonicalEvent({ system: 'ho-tich', at, fields: { phone: `09120${String(at).padStart(5, '0')}` } })])
  }
  const history = await entries(h)
  t.same(history.filter(e => e.state !== undefined).map(e => e.recordVersion), [SNAPSHOT_EVERY])
  // Break every entry before the snapshot: a fold that read them would fail or answer differently.
  const before = await readAsOf(h.store, 'person', id, '2030-01-01T00:00:00.000Z')
  await h.store.bulkUpsert('history', history.filter(e => e.recordVersion < SNAPSHOT_EVERY)
    .map(e => ({ doc: { ...e, version: e.version + 1, event: { ...e.event, fields: { phone: 'broken' } } },
      expectedVersion: e.version })))
  const after = await readAsOf(h.store, 'person', id, '2030-01-01T00:00:00.000Z')
  t.same(after, before, 'the newest version read from the snapshot on')
  t.equal(after?.fields.phone, `09120${String(SNAPSHOT_EVERY + 3).padStart(5, '0')}`)
})

t.test('a record whose history holds snapshots (before issue 14) goes on with events', async t => {
  const h = harness()
  t.teardown(async () => await h.store.close())
  await h.apply([canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An' } })])
  await h.apply([canonicalEvent({ system: 'cu-tru', at: 2, fields: { householdId: 'HO-31135-000123' } })])
  const golden = await h.store.get('persons', id) as GoldenRecord
  // As an earlier hub left it: each version a view snapshot, the record without historyForm.
  const views = await readVersions(h.store, 'person', id)
  const legacy = (await entries(h)).map((e, i) => {
    const { event: _e, state: _s, ...rest } = e
    return { doc: { ...rest, version: e.version + 1, record: views[i] }, expectedVersion: e.version }
  })
  await h.store.bulkUpsert('history', legacy)
  const { historyForm: _f, ...old } = golden
  await h.store.deleteMany('persons', [id])
  await h.store.bulkUpsert('persons', [{ doc: old, expectedVersion: null }])

  await h.apply([canonicalEvent({ system: 'ho-tich', at: 3, fields: { fullName: 'Nguyễn Văn Anh' } })])
  const third = (await entries(h))[2]
  t.ok(third.event !== undefined && third.state !== undefined, 'the first event entry holds the merge state')
  t.same((await readAsOf(h.store, 'person', id, golden.validFrom))?.fields, views[1].fields,
    'a snapshot version reads as written')
  const now = await readCurrent(h.store, 'person', id)
  t.same(await readAsOf(h.store, 'person', id, '2030-01-01T00:00:00.000Z'), now,
    'the new version folds from its own state')
  t.same((await readVersions(h.store, 'person', id)).map(v => v.fields.fullName),
    ['Nguyễn Văn An', 'Nguyễn Văn An', 'Nguyễn Văn Anh'])
})
