// The merge is a function of the SET of events: any permutation, duplication and batching of the
// same canonical events gives the same golden records and the same open conflicts. Only what
// records the path taken (version numbers, history, resolved conflicts) may differ.
import t from 'tap'
import fc from 'fast-check'
import { canonicalJson } from '../../../infra/shared/canonical-json.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import type { ConflictDoc, GoldenRecord } from '../../../records/golden-record.js'
import { canonicalEvent, harness, type Harness } from './fixtures.js'

// Above tap's 180 s default: 26 s on CI of property runs, pure CPU, which other work slows in proportion.
t.setTimeout(600000)

const ids = ['092085001234', '092085001235']
const systems = ['ho-tich', 'cu-tru', 'bhyt']
const pools = {
  fullName: ['Nguyễn Văn An', 'Nguyễn Văn Ân', null],
  phone: ['0912000001', '0912000002'],
  permanentAddress: [{ line: '12 Hòa Bình', wardCode: '31135' }, { line: '14 Hòa Bình', wardCode: '31135' }],
  householdId: ['HO-31135-000123', 'HO-31135-000124']
}

const eventSpec = fc.record({
  entityId: fc.constantFrom(...ids),
  system: fc.constantFrom(...systems),
  op: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'upsert', 'upsert', 'delete'),
  // Few distinct times, so equal source times (ties) are common.
  at: fc.integer({ min: 0, max: 4 }),
  ingestAfter: fc.integer({ min: 1, max: 600 }),
  fields: fc.record({
    fullName: fc.constantFrom(...pools.fullName),
    phone: fc.constantFrom(...pools.phone),
    permanentAddress: fc.constantFrom(...pools.permanentAddress),
    householdId: fc.constantFrom(...pools.householdId)
  }, { requiredKeys: [] })
})

/**
 * What must not depend on the order: everything but version numbers, write times and validFrom.
 * validFrom is when the current version appeared, i.e. the ingest time of the last event that
 * changed something: an older event arriving after a newer one changes nothing (a re-sent event
 * must not make a version), so it records the path taken, like the version number.
 */
async function orderFree (h: Harness): Promise<string> {
  const records = [...(await h.store.getMany('persons', ids)).values()] as GoldenRecord[]
  const open = await h.store.find('conflicts', { where: { status: 'open' }, limit: 100 }) as ConflictDoc[]
  return canonicalJson({
    records: records.map(({ version: _v, appliedAt: _a, validFrom: _f, ...rest }) => rest),
    open: open.map(({ version: _v, detectedAt: _d, recordVersion: _r, ...rest }) => rest)
  })
}

async function applyInBatches (h: Harness, events: CanonicalEvent[], sizes: number[]): Promise<void> {
  let i = 0
  for (let b = 0; i < events.length; b++) {
    const size = sizes[b % sizes.length]
    await h.apply(events.slice(i, i + size))
    i += size
  }
}

t.test('any permutation, duplication and batching gives the same records', async t => {
  await fc.assert(fc.asyncProperty(
    fc.array(eventSpec, { minLength: 1, maxLength: 14 }).chain(specs => {
      const events = specs.map((s, i) => canonicalEvent({ ...s, position: String(i % 3), id: `e${i}` }))
      return fc.tuple(
        fc.constant(events),
        fc.subarray(events)
          .chain(dups => fc.shuffledSubarray([...events, ...dups], { minLength: events.length + dups.length })),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })
      )
    }),
    async ([events, reordered, sizes]) => {
      const a = harness()
      const b = harness()
      await a.apply(events)
      await applyInBatches(b, reordered, sizes)
      const [left, right] = [await orderFree(a), await orderFree(b)]
      await a.store.close()
      await b.store.close()
      return left === right
    }
  ), { numRuns: 150 })
  t.pass('150 random event sets merged to the same records in every order')
})

t.test('delivering a batch again changes nothing, not even the version', async t => {
  await fc.assert(fc.asyncProperty(fc.array(eventSpec, { minLength: 1, maxLength: 10 }), async specs => {
    const events = specs.map((s, i) => canonicalEvent({ ...s, id: `e${i}` }))
    const h = harness()
    await h.apply(events)
    const before =
      canonicalJson([...(await h.store.getMany('persons', ids)).values()].map(({ appliedAt: _a, ...d }) => d))
    const history = (await h.store.find('history', { limit: 1000 })).length
    await h.apply(events)
    await h.apply([...events].reverse())
    const after =
      canonicalJson([...(await h.store.getMany('persons', ids)).values()].map(({ appliedAt: _a, ...d }) => d))
    const historyAfter = (await h.store.find('history', { limit: 1000 })).length
    await h.store.close()
    return before === after && history === historyAfter
  }), { numRuns: 60 })
  t.pass('redelivered events left records and history unchanged')
})

t.test('the same events sent again later (new ingest time) change nothing, not even the version', async t => {
  // A connector killed before saving its cursor, or a poll re-run from an empty cursor, re-sends
  // events the hub already applied: same ids and contents, only the ingest time is later.
  const later = (e: CanonicalEvent): CanonicalEvent =>
    ({ ...e, source: { ...e.source, ingestTime: new Date(Date.parse(e.source.ingestTime) + 86400_000).toISOString() } })
  await fc.assert(fc.asyncProperty(fc.array(eventSpec, { minLength: 1, maxLength: 10 }), async specs => {
    const events = specs.map((s, i) => canonicalEvent({ ...s, id: `e${i}` }))
    const h = harness()
    await h.apply(events)
    const snapshot = async (): Promise<string> => canonicalJson({
      records: [...(await h.store.getMany('persons', ids)).values()].map(({ appliedAt: _a, ...d }) => d),
      history: (await h.store.find('history',
        { orderBy: { field: '_id' }, limit: 1000 })).map(({ appliedAt: _a, ...d }) => d)
    })
    const before = await snapshot()
    await h.apply(events.map(later))
    await h.apply([...events].reverse().map(later))
    const after = await snapshot()
    await h.store.close()
    return before === after
  }), { numRuns: 60 })
  t.pass('re-sent events left records and history byte-identical')
})

t.test('the property can fail: a different set of events gives a different record', async t => {
  const a = harness()
  const b = harness()
  const e1 = canonicalEvent({ system: 'bhyt', at: 1, fields: { phone: '0912000001' }, id: 'x1' })
  const e2 = canonicalEvent({ system: 'bhyt', at: 2, fields: { phone: '0912000002' }, id: 'x2' })
  await a.apply([e1, e2])
  await b.apply([e1])
  t.not(await orderFree(a), await orderFree(b))
})
