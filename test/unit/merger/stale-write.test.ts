// Optimistic concurrency: when another writer moved a record during a batch, the batch throws and
// is delivered again; the second delivery merges on top of the other writer's version, and history
// snapshots the first attempt wrote do no harm.
import t from 'tap'
import type { Store } from '../../../infra/ports/store.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { GoldenRecord } from '../../../records/golden-record.js'
import { readVersions } from '../../../records/reader.js'
import { asMessage, canonicalEvent, harness } from './fixtures.js'

const id = '092085001234'

/** A store whose getMany lets another writer apply its batch first, once. */
function racingStore (inner: Store, race: () => Promise<void>): Store {
  let raced = false
  return {
    ...inner,
    async getMany (collection, ids) {
      const found = await inner.getMany(collection, ids)
      if (!raced && collection === 'persons') { raced = true; await race() }
      return found
    }
  }
}

t.test('a stale golden write throws; redelivery converges to the same record', async t => {
  const backing = openEmbeddedStore({ file: ':memory:' })
  const other = harness(undefined, backing)
  const mine = [canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'Nguyễn Văn An' } })]
  const theirs = [canonicalEvent({ system: 'cu-tru', at: 2, fields: { householdId: 'HO-31135-000123' } })]
  const me = harness(undefined, racingStore(backing, async () => { await other.apply(theirs) }))

  await t.rejects(me.merge(mine.map(asMessage)), { code: 'LT_ERR_STALE_WRITE' }, 'the first delivery is refused')
  const afterRace = await backing.get('persons', id) as GoldenRecord
  t.same(Object.keys(afterRace.sources), ['cu-tru'], 'the other writer\'s version stands')

  await me.merge(mine.map(asMessage))
  const doc = await backing.get('persons', id) as GoldenRecord
  // maritalStatus: civil status holds the person and no marriage: single, derived (survivorship.json absentMeans).
  t.same(doc.fields, { fullName: 'Nguyễn Văn An', householdId: 'HO-31135-000123', maritalStatus: 'single' },
    'both contributions after redelivery')
  t.equal(doc.version, 2)

  const reference = harness()
  await reference.apply([...theirs, ...mine])
  const expected = await reference.store.get('persons', id) as GoldenRecord
  t.same({ ...doc, appliedAt: '' }, { ...expected, appliedAt: '' },
    'same record as one writer applying both in that order')
  const history = await backing.find('history',
    { where: { recordKey: `person:${id}` }, orderBy: { field: '_id' }, limit: 10 })
  t.same(history.map(x => x.recordVersion), [1, 2], 'one history entry per version, none left over')
  t.same((await readVersions(backing, 'person', id))[1].fields, doc.fields)
})

t.test('events that cannot be merged go to dead letters with the reason; the rest is applied', async t => {
  const h = harness()
  const good = canonicalEvent({ system: 'ho-tich', at: 1, fields: { fullName: 'A' } })
  const wrongKey = { ...asMessage(canonicalEvent({ system: 'ho-tich', at: 1 })), key: '092085009999' }
  const wrongTopic = { ...asMessage(canonicalEvent({ system: 'ho-tich', at: 1 })), topic: 'canonical.household' }
  const notJson = { ...asMessage(good), value: '{' }
  const invalid = { ...asMessage(good), value: JSON.stringify({ ...good, op: 'merge' }) }
  const stats = await h.merge([wrongKey, asMessage(good), wrongTopic, notJson, invalid])
  t.same(h.dead.map(d => d.code),
    ['LT_ERR_CANONICAL_KEY', 'LT_ERR_CANONICAL_TOPIC', 'LT_ERR_EVENT_PARSE', 'LT_ERR_EVENT_SCHEMA'])
  t.match(h.dead[3].reason, /\/op/)
  t.equal(stats.rejected, 4)
  t.equal(stats.records, 1)
  t.equal((await h.store.get('persons', id) as GoldenRecord).fields.fullName, 'A')
})
