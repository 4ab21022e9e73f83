// Golden records as a materialized view (issue 14): while catching up the merger may hold records
// back and write each dirty key once later. Held back or not, the store ends the same (hashStore:
// golden records, history, conflicts), and a merger that dies holding records loses none of them.
import t from 'tap'
import type { ValidateFunction } from 'ajv'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import type { Store } from '../../../infra/ports/store.js'
import { createMergeBatch, type BatchStats } from '../../../consumers/merger/merge-batch.js'
import { createMaterializer } from '../../../consumers/merger/materializer.js'
import { catchingUp } from '../../../consumers/merger/catching-up.js'
import { recoverHeldRecords } from '../../../consumers/merger/recover-held.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { hashStore } from '../../../consumers/merger/store-hash.js'
import { materializationBehindSince } from '../../../records/materialization.js'
import { readCurrent, readMany } from '../../../records/reader.js'
import { asMessage, canonicalEvent, harness, quiet } from './fixtures.js'

const validate = createSchemaValidator()
  .validator<CanonicalEvent>('canonical-event') as ValidateFunction<CanonicalEvent>
const rules = loadSurvivorship()
const ids = ['092085001234', '092085001235', '092085001236']

/** Three batches touching the same three people from three sources, with a conflict on the way. */
function batches (): CanonicalEvent[][] {
  const sources = ['ho-tich', 'cu-tru', 'bhyt']
  return sources.map((system, b) => ids.map((entityId, i) => canonicalEvent({
    entityId, system, at: b * 10 + i, id: `${system}-${entityId}`,
    fields: { fullName: b === 2 && i === 0 ? 'Nguyễn Văn Ánh' : `Nguyễn Văn An ${i}`, phone: `09120000${b}${i}` }
  })))
}

function merger (store: Store, hold: () => boolean) {
  const materializer = createMaterializer(store)
  const merge =
    createMergeBatch({ store, rules, logger: quiet, validate, deadLetter: async () => {}, materializer, defer: hold })
  return { materializer,
    apply: async (events: CanonicalEvent[]): Promise<BatchStats> => await merge(events.map(asMessage)) }
}

async function reference (): Promise<Store> {
  const h = harness()
  for (const b of batches()) await h.apply(b)
  return h.store
}

t.test('held back while catching up, then each dirty key written once; the store ends as if never held', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  const expected = await reference()
  t.teardown(async () => { await store.close(); await expected.close() })
  let hold = true
  const m = merger(store, () => hold)
  const [first, second, third] = batches()
  const s1 = await m.apply(first)
  t.equal(s1.records, 0, 'no golden write while held back')
  t.equal(s1.held, 3)
  t.equal(await store.get('persons', ids[0]), undefined, 'the record is not in the store yet')
  t.equal((await store.find('history', { limit: 100 })).length, 3, 'its history is')
  t.ok(await materializationBehindSince(store) !== undefined, 'the store says the records are behind')
  const s2 = await m.apply(second)
  t.same([s2.records, s2.held], [0, 3], 'the same keys again: still three held')
  hold = false
  const s3 = await m.apply(third)
  t.same([s3.records, s3.held], [3, 0], 'caught up: each of the three written once, for nine versions')
  t.equal(s3.versions, 3)
  t.equal(await materializationBehindSince(store), undefined, 'and the store says so')
  t.same(await hashStore(store), await hashStore(expected),
    'golden records, history and conflicts as without holding back')
  t.equal((await readCurrent(store, 'person', ids[0]))?.version, 3)
})

t.test('a batch delivered again while its records are held back changes nothing', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  const expected = await reference()
  t.teardown(async () => { await store.close(); await expected.close() })
  let hold = true
  const m = merger(store, () => hold)
  const [first, second, third] = batches()
  await m.apply(first)
  await m.apply(second)
  const again = await m.apply(second)
  t.equal(again.versions, 0, 'the held record already has these events')
  hold = false
  await m.apply(third)
  t.same(await hashStore(store), await hashStore(expected))
})

t.test('a merger that dies holding records back: the next one writes them from history at start', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  const expected = await reference()
  t.teardown(async () => { await store.close(); await expected.close() })
  const dying = merger(store, () => true)
  const [first, second, third] = batches()
  await dying.apply(first)
  await dying.apply(second)
  await dying.apply(third)
  t.equal(dying.materializer.held(), 3)
  t.not((await hashStore(store)).hash, (await hashStore(expected)).hash, 'golden records are behind their history')
  // The process is gone with what it held; a new merger starts on the same store.
  t.equal(await recoverHeldRecords(store, rules, quiet), 3, 'three records written again')
  t.same(await hashStore(store), await hashStore(expected), 'nothing lost, nothing doubled')
  t.equal(await materializationBehindSince(store), undefined)
  t.equal(await recoverHeldRecords(store, rules, quiet), 0, 'a second start has nothing to do')
})

t.test('catching up is asked of the log: this batch\'s partitions still behind by more than the bound', async t => {
  const dir = t.testdir({})
  const log = openEmbeddedEventLog({ file: `${dir}/log.db` })
  t.teardown(async () => await log.close())
  const events = Array.from({ length: 10 },
    (_v, i) => canonicalEvent({ system: 'ho-tich', at: i, entityId: ids[i % 3] }))
  await log.publish('canonical.person', events.map(e => ({ key: e.entityId, value: JSON.stringify(e) })))
  const seen: boolean[][] = []
  let held = 0
  const defer = catchingUp(log, () => held, { aboveLag: 3, maxHeld: 2 })
  const sub = await log.subscribe({
    group: 'held-back-test', topics: ['canonical.person'], maxBatchSize: 3,
    handler: async messages => { seen.push([await defer(messages)]) }
  })
  const deadline = Date.now() + 30000
  while (seen.length < 4 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  await sub.stop()
  t.same(seen.flat(), [true, true, false, false], 'after each batch of three: 7 and 4 behind hold back, 1 and 0 do not')
  held = 2
  t.equal(await defer([{ topic: 'canonical.person', partition: 0, offset: '1', key: ids[0], value: '', headers: {},
    timestamp: 0 }]), false, 'never beyond maxHeld')
})

t.test('while records are held back, reads fold the history the store has not materialized yet', async t => {
  const store = openEmbeddedStore({ file: ':memory:' })
  const expected = await reference()
  t.teardown(async () => { await store.close(); await expected.close() })
  const m = merger(store, () => true)
  const [first, second] = batches()
  await m.apply(first)
  await m.apply(second)
  const partial = harness()
  await partial.apply(first)
  await partial.apply(second)
  t.same(await readCurrent(store, 'person', ids[1]), await readCurrent(partial.store, 'person', ids[1]),
    'a record never written reads as merged')
  const many = await readMany(store, 'person', ids)
  t.same([...many.keys()].sort(), ids)
  t.same(many.get(ids[0]), await readCurrent(partial.store, 'person', ids[0]))
  await partial.store.close()
})
