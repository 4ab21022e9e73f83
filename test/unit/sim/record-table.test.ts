import t from 'tap'
import { streamSpec } from '../../../sim/city/departments.js'
import { createStreamTable, type SourceRecord, type TableChange } from '../../../sim/server/record-table.js'

const spec = streamSpec('residence', 'residents')

function table (n: number, distinctTimes: number): { tbl: ReturnType<typeof createStreamTable>,
  changes: TableChange[] } {
  const records: SourceRecord[] = []
  for (let i = 0; i < n; i++) {
    records.push({ personalId: `k${String((i * 7919) % n).padStart(5, '0')}`,
      updatedAt: new Date(Date.UTC(2024, 0, 1 + (i % distinctTimes))).toISOString() })
  }
  let clock = Date.UTC(2025, 0, 1)
  const changes: TableChange[] = []
  const tbl = createStreamTable(spec, records, () => new Date(++clock).toISOString(), c => changes.push(c))
  return { tbl, changes }
}

function readAll (tbl: ReturnType<typeof createStreamTable>, limit: number,
  from: { updatedSince?: string, afterKey?: string } = {}): SourceRecord[] {
  const out: SourceRecord[] = []
  let cursor = from
  for (let guard = 0; guard < 10000; guard++) {
    const page = tbl.page(cursor, limit)
    out.push(...page.data)
    if (page.next === null) return out
    cursor = page.next
  }
  throw new Error('paging did not end')
}

t.test('pages in (update time, key) order lose and repeat nothing, even when many records share a time', async t => {
  const { tbl } = table(503, 4)
  for (const limit of [1, 7, 100, 503, 1000]) {
    const all = readAll(tbl, limit)
    t.equal(all.length, 503, `limit ${limit}: every record once`)
    t.equal(new Set(all.map(r => r.personalId)).size, 503)
    const order = all.map(r => `${String(r.updatedAt)}|${String(r.personalId)}`)
    t.same(order, [...order].sort(), `limit ${limit}: ordered by (time, key)`)
  }
})

t.test('a cursor in the middle of a tie continues after its key', async t => {
  const { tbl } = table(50, 1)
  const first = tbl.page({}, 10)
  t.equal(first.data.length, 10)
  const rest = readAll(tbl, 10, first.next ?? {})
  t.equal(rest.length, 40)
  t.notOk(rest.some(r => first.data.includes(r)))
  const since = tbl.page({ updatedSince: String(first.data[0].updatedAt) }, 1000)
  t.equal(since.data.length, 50, 'updatedSince without afterKey includes records at that exact time')
})

t.test('an update moves the record after everything else; remove leaves a tombstone', async t => {
  const { tbl, changes } = table(30, 3)
  const end = tbl.page({}, 1000).data.at(-1) as SourceRecord
  const cursor = { updatedSince: String(end.updatedAt), afterKey: String(end.personalId) }
  t.same(tbl.page(cursor, 10).data, [], 'nothing after the end')
  tbl.update('k00003', { fullName: 'Trần Thị Mai' })
  tbl.remove('k00004')
  const added = tbl.add({ personalId: 'k99999', fullName: 'Lê Văn Nam' })
  t.equal(added.createdAt, added.updatedAt, 'a new record is created and updated at once')
  const after = tbl.page(cursor, 10).data
  t.same(after.map(r => r.personalId), ['k00003', 'k00004', 'k99999'])
  t.equal(after[1].deleted, true)
  t.same(changes.map(c => c.op), ['u', 'd', 'c'])
  t.equal(readAll(tbl, 4).length, 31, 'old versions are not served again')
  t.throws(() => tbl.update('nobody', {}), /no record nobody/)
})
