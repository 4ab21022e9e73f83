// A simulated civil-status department system on loopback. It serves its records with paging and an
// `updatedSince` cursor (records ordered by update time, then id, so a cursor of both is exact),
// and lets tests and the demo change records the way the real office would.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateCivilStatusRecords, type CivilStatusRecord } from './records.js'

export interface CivilStatusSource {
  url: string
  records: () => CivilStatusRecord[]
  get: (id: string) => CivilStatusRecord | undefined
  update: (id: string, patch: Partial<Omit<CivilStatusRecord, 'so_dinh_danh' | 'ngay_cap_nhat'>>) => CivilStatusRecord
  add: (record: Omit<CivilStatusRecord, 'ngay_cap_nhat'>) => CivilStatusRecord
  remove: (id: string) => void
  close: () => Promise<void>
}

export interface CivilStatusSourceOptions { host?: string, port?: number, citizens?: number, seed?: number }

const MAX_LIMIT = 1000

export async function startCivilStatusSource ({ host = '127.0.0.1', port = 0, citizens = 200, seed = 47 }: CivilStatusSourceOptions = {}): Promise<CivilStatusSource> {
  let clock = Date.now()
  // Update times strictly increase, as a database sequence would.
  const tick = (): string => { clock = Math.max(clock + 1, Date.now()); return new Date(clock).toISOString() }
  const byId = new Map<string, CivilStatusRecord>()
  for (const r of generateCivilStatusRecords(citizens, seed, new Date(clock))) byId.set(r.so_dinh_danh, r)

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method !== 'GET' || url.pathname !== '/api/v1/cong-dan') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
      return
    }
    const since = url.searchParams.get('updatedSince') ?? ''
    const afterKey = url.searchParams.get('afterKey') ?? ''
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, MAX_LIMIT)
    const page = [...byId.values()]
      .filter(r => r.ngay_cap_nhat > since || (r.ngay_cap_nhat === since && r.so_dinh_danh > afterKey))
      .sort((a, b) => a.ngay_cap_nhat.localeCompare(b.ngay_cap_nhat) || a.so_dinh_danh.localeCompare(b.so_dinh_danh))
      .slice(0, limit)
    const last = page[page.length - 1]
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ data: page, next: page.length === limit ? { updatedSince: last.ngay_cap_nhat, afterKey: last.so_dinh_danh } : null }))
  })
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve) })
  const address = server.address() as AddressInfo

  const mustGet = (id: string): CivilStatusRecord => {
    const r = byId.get(id)
    if (r === undefined) throw new Error(`no record ${id}`)
    return r
  }
  return {
    url: `http://${host}:${address.port}`,
    records: () => [...byId.values()],
    get: id => byId.get(id),
    update: (id, patch) => {
      const next = { ...mustGet(id), ...patch, ngay_cap_nhat: tick() }
      byId.set(id, next)
      return next
    },
    add: record => {
      const next = { ...record, ngay_cap_nhat: tick() }
      byId.set(record.so_dinh_danh, next)
      return next
    },
    remove: id => { byId.set(id, { ...mustGet(id), da_xoa: true, ngay_cap_nhat: tick() }) },
    close: async () => { server.closeAllConnections(); await new Promise<void>(resolve => server.close(() => resolve())) }
  }
}
