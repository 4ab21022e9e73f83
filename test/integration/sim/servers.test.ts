import t, { type Test } from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEPARTMENTS } from '../../../sim/city/departments.js'
import { isSourceDepartment } from '../../../sim/sources/served.js'
import { writeCityFiles } from '../../../sim/city/write-files.js'
import { startSimulatedCity, type SimulatedCity } from '../../../sim/server/city.js'
import { startCivilStatusSource } from '../../../sim/civil-status/server.js'
import { civilStatusConnector } from '../../../connectors/civil-status/connector.js'
import type { CityEvent } from '../../../sim/server/webhook.js'
import { waitFor } from '../../helpers/wait-for.js'

type Rec = Record<string, any>

async function getJson (url: string): Promise<{ status: number, headers: Headers, body: any, text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10000) })
  const text = await res.text()
  let body: unknown
  try { body = JSON.parse(text) } catch { body = undefined }
  return { status: res.status, headers: res.headers, body, text }
}

async function readStream (base: string, path: string, sizeParam: string, size: number,
  from: { updatedSince?: string, afterKey?: string } = {}): Promise<Rec[]> {
  const out: Rec[] = []
  let cursor = from
  for (let guard = 0; guard < 10000; guard++) {
    const url = new URL(path, base)
    url.searchParams.set(sizeParam, String(size))
    if (cursor.updatedSince !== undefined) url.searchParams.set('updatedSince', cursor.updatedSince)
    if (cursor.afterKey !== undefined) url.searchParams.set('afterKey', cursor.afterKey)
    const { status, body } = await getJson(url.toString())
    if (status !== 200) throw new Error(`${url.toString()} answered ${status}`)
    out.push(...body.data)
    if (body.next === null) return out
    cursor = body.next
  }
  throw new Error('paging did not end')
}

async function city (t: Test, citizens = 300): Promise<SimulatedCity> {
  const c = await startSimulatedCity({ citizens, seed: 47 })
  t.teardown(async () => await c.close())
  return c
}

t.test('every department pages through all its records once, in (update time, key) order, with ties', async t => {
  const c = await city(t)
  for (const d of DEPARTMENTS) {
    const server = c.departments[d.handle]
    for (const s of d.streams) {
      const table = server.streams[s.name]
      const records = await readStream(server.url, s.path, s.pageSizeParam, 23)
      t.equal(records.length, table.size(), `${s.path}: every record`)
      t.equal(new Set(records.map(r => r[s.keyField])).size, records.length, `${s.path}: no repeats`)
      const order = records.map(r => `${String(r[s.updatedField])}|${String(r[s.keyField])}`)
      t.same(order, [...order].sort(), `${s.path}: ordered`)
      const times = records.map(r => r[s.updatedField])
      // The first five's generator makes ties on purpose; sim/sources/ departments stamp each record apart.
      if (!isSourceDepartment(d.id)) t.ok(new Set(times).size < times.length,
        `${s.path}: some records share an update time`)
    }
  }
  const bad = await getJson(`${c.departments.residence.url}/api/residents?pageSize=abc`)
  t.equal(bad.status, 400)
  t.equal((await getJson(`${c.departments.land.url}/nope`)).status, 404)
})

t.test('the civil-status contract still serves the existing connector', async t => {
  const source = await startCivilStatusSource({ citizens: 40, seed: 7 })
  t.teardown(async () => await source.close())
  const seen: Rec[] = []
  let cursor: { updatedSince: string, afterKey: string } | undefined
  for (let guard = 0; guard < 100; guard++) {
    const { body } = await getJson(civilStatusConnector.pageUrl(source.url, 'persons', cursor, 15))
    const page = civilStatusConnector.parsePage(body)
    seen.push(...page.records)
    if (page.next === null) break
    cursor = page.next
  }
  t.equal(seen.length, 40)
  t.same(new Set(seen.map(r => r.so_dinh_danh)), new Set(source.records().map(r => r.so_dinh_danh)))
  const first = source.records()[0]
  const changed = source.update(first.so_dinh_danh, { ho_va_ten: 'TRẦN THỊ MINH THƯ' })
  source.remove(source.records()[1].so_dinh_danh)
  const after = (await getJson(civilStatusConnector.pageUrl(source.url, 'persons',
    civilStatusConnector.cursorAfter(seen[seen.length - 1] as never), 15))).body.data
  t.equal(after.length, 2)
  t.equal(after[0].ngay_cap_nhat, changed.ngay_cap_nhat)
  t.equal(after[1].da_xoa, true, 'a deleted record comes back as a tombstone')
  t.equal(civilStatusConnector.toChange(after[1]).op, 'd')
})

t.test('faults: 500, 429 with Retry-After, garbage, slow, reset, and back to normal', async t => {
  const c = await city(t, 60)
  const land = c.departments.land
  const url = `${land.url}/dat-dai/thua-dat?limit=5`
  land.setFault({ kind: '500', times: 2 })
  t.equal((await getJson(url)).status, 500)
  t.equal((await getJson(url)).status, 500)
  t.equal((await getJson(url)).status, 200, 'times ran out')
  land.setFault({ kind: '429', retryAfterSeconds: 7 })
  const limited = await getJson(url)
  t.equal(limited.status, 429)
  t.equal(limited.headers.get('retry-after'), '7')
  land.setFault({ kind: 'garbage' })
  const garbage = await getJson(url)
  t.equal(garbage.status, 200)
  t.equal(garbage.body, undefined, 'the body is not JSON')
  land.setFault({ kind: 'slow', delayMs: 300 })
  const started = Date.now()
  t.equal((await getJson(url)).status, 200)
  t.ok(Date.now() - started >= 250, 'the slow answer waited')
  land.setFault({ kind: 'reset', times: 1 })
  await t.rejects(getJson(url))
  land.setFault({ kind: 'none' })
  t.equal((await getJson(url)).body.data.length, 5)
  t.equal((await getJson(`${c.departments.bhyt.url}/bhyt/the?limit=5`)).status, 200, 'other departments are unaffected')
  t.throws(() => land.setFault({ kind: 'boom' as never }), /fault kind/)
})

t.test('the change stream advances update times and shows up after the cursor', async t => {
  const c = await city(t)
  const ends: Record<string, { updatedSince: string, afterKey: string }> = {}
  for (const d of DEPARTMENTS) {
    for (const s of d.streams) {
      const last = c.departments[d.handle].streams[s.name].page({}, 100000).data.at(-1) as Rec
      ends[`${d.id}.${s.name}`] = { updatedSince: last[s.updatedField], afterKey: last[s.keyField] }
    }
  }
  for (const kind of ['birth', 'move', 'death', 'card-renewal', 'land-transfer'] as const)
    t.ok(c.applyChanges(3, kind) > 0, `${kind} changes apply`)
  const changed = (dept: string, stream: string): Rec[] => {
    const d = DEPARTMENTS.find(x => x.id === dept) as typeof DEPARTMENTS[number]
    return c.departments[d.handle].streams[stream].page(ends[`${dept}.${stream}`], 1000).data
  }
  const people = changed('civil-status', 'cong-dan')
  t.ok(people.some(r => r.ngay_tao === r.ngay_cap_nhat), 'a birth creates a civil-status record')
  t.ok(people.some(r => r.ngay_mat !== undefined), 'a death sets ngay_mat')
  t.ok(changed('residence', 'residents').some(r => r.status === 'deceased'))
  t.ok(changed('bhyt', 'the').some(r => r.MA_DOI_TUONG === 'TE'), 'a newborn gets a TE card')
  t.ok(changed('land', 'thua-dat').length > 0, 'land transfers are served')
  for (const r of people) t.ok(r.ngay_cap_nhat > ends['civil-status.cong-dan'].updatedSince)

  const before = c.departments.residence.streams.residents.size() + c.departments.bhyt.streams.the.size()
  const events: CityEvent[] = []
  const off = c.onChange(e => events.push(e))
  c.startChanges({ perSecond: 100 })
  await waitFor(async () => events.length >= 20 ? true : undefined,
    { timeoutMs: 10000, what: 'changes from the stream' })
  c.stopChanges()
  off()
  t.ok(events.every((e, i) => i === 0 || e.occurredAt > events[i - 1].occurredAt), 'change times strictly increase')
  t.ok(c.departments.residence.streams.residents.size() + c.departments.bhyt.streams.the.size() >= before)
})

t.test('webhook push delivers batches with an event id per record, retrying a failed POST', async t => {
  const c = await city(t, 100)
  const received: any[] = []
  let calls = 0
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => { body += d.toString() })
    req.on('end', () => {
      calls++
      if (calls === 1) { res.writeHead(500).end(); return }
      received.push(JSON.parse(body))
      res.writeHead(204).end()
    })
  })
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => { receiver.closeAllConnections(); await new Promise(resolve => receiver.close(resolve)) })
  const pusher = c.pushTo({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, batchSize: 10,
    flushIntervalMs: 20, backoffMs: 20, timeoutMs: 2000 })
  const done = c.applyChanges(15)
  await pusher.flush(10000)
  const events = received.flatMap(b => b.events as CityEvent[])
  t.ok(done > 0)
  t.ok(events.length >= done, `${events.length} events for ${done} changes`)
  t.equal(pusher.delivered(), events.length)
  t.equal(pusher.failed(), 0)
  t.equal(new Set(events.map(e => e.eventId)).size, events.length, 'event ids are unique')
  t.ok(received.every(b => b.events.length <= 10), 'batches respect the batch size')
  t.ok(calls > received.length, 'the first POST failed and was retried')
  await pusher.stop()
})

t.test('a webhook that never answers well ends in a bounded number of attempts', async t => {
  const c = await city(t, 60)
  let calls = 0
  const receiver = createServer((_req, res) => { calls++; res.writeHead(503).end() })
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => { receiver.closeAllConnections(); await new Promise(resolve => receiver.close(resolve)) })
  const pusher = c.pushTo({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, batchSize: 1000,
    flushIntervalMs: 10, backoffMs: 5, maxAttempts: 3 })
  c.applyChanges(2, 'move')
  await pusher.flush(10000)
  t.equal(calls, 3)
  t.equal(pusher.failed(), 2)
  t.equal(pusher.deadLetters().length, 1)
})

t.test('a generated directory is served as written, and exports to CSV and NDJSON', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-sim-serve-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const manifest = writeCityFiles({ citizens: 200, seed: 5 }, dir)
  const c = await startSimulatedCity({ dir })
  t.teardown(async () => await c.close())
  const bhyt = await readStream(c.departments.bhyt.url, '/bhyt/the', 'limit', 50)
  t.equal(bhyt.length, manifest.records['bhyt.the'])
  const fileKeys = readFileSync(join(dir, 'bhyt.the.ndjson'), 'utf8').trim().split('\n')
    .map(l => JSON.parse(l).MA_SO_BHXH).sort()
  t.same(bhyt.map(r => r.MA_SO_BHXH).sort(), fileKeys)
  const files = await c.exportFiles({ format: 'csv', dir: join(dir, 'export') })
  t.equal(files.length, DEPARTMENTS.flatMap(d => d.streams).length, 'one file per stream, gplx\'s too')
  const land = readFileSync(files.find(f => f.endsWith('land.thua-dat.csv')) as string, 'utf8').trim().split('\r\n')
  t.match(land[0], /^MaThua,.*GiayChungNhan\.SoPhatHanh/)
  t.equal(land.length, manifest.records['land.thua-dat'] + 1, 'a header and one row per parcel')
  const nd = await c.exportFiles({ format: 'ndjson', dir: join(dir, 'export') })
  t.equal(readFileSync(nd[0], 'utf8').trim().split('\n').length, manifest.records['civil-status.cong-dan'])
  await t.rejects(startSimulatedCity({ dir: join(dir, 'missing') }), /not a generated city/)
})
