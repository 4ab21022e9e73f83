// One simulated department on loopback: a node:http server answering GET <stream path> with a
// page of records ordered by (update time, key), in the department's own field names, under
// {"data": [...], "next": {"updatedSince", "afterKey"} | null}. Can be told to misbehave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DepartmentId } from '../city/departments.js'
import { FaultSwitch, type Fault } from './faults.js'
import type { StreamTable } from './record-table.js'

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000

export interface DepartmentServer {
  id: DepartmentId
  url: string
  streams: Record<string, StreamTable>
  setFault: (fault: Fault) => void
  fault: () => Fault
  requests: () => number
  close: () => Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
}

export async function startDepartmentServer (id: DepartmentId, streams: readonly StreamTable[], host: string,
  port: number): Promise<DepartmentServer> {
  const byPath = new Map(streams.map(s => [s.spec.path, s]))
  const faults = new FaultSwitch()
  let requests = 0
  const timers = new Set<NodeJS.Timeout>()

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && url.pathname === '/health') { json(res, 200, { status: 'ok', department: id }); return }
    const table = byPath.get(url.pathname)
    if (req.method !== 'GET' || table === undefined) {
      json(res, 404, { error: 'not found', path: url.pathname })
      return
    }
    const sizeParam = table.spec.pageSizeParam
    const raw = url.searchParams.get(sizeParam)
    const size = raw === null ? DEFAULT_PAGE_SIZE : Number(raw)
    if (!Number.isInteger(size) || size < 1) {
      json(res, 400, { error: `${sizeParam} must be a whole number >= 1`, got: raw })
      return
    }
    const page = table.page({
      updatedSince: url.searchParams.get('updatedSince') ?? '',
      afterKey: url.searchParams.get('afterKey') ?? ''
    }, Math.min(size, MAX_PAGE_SIZE))
    json(res, 200, page)
  }

  const server: Server = createServer((req, res) => {
    requests++
    const fault = faults.take()
    switch (fault.kind) {
      case '500': json(res, 500, { error: 'internal error (simulated)' }); return
      case '429': json(res, 429, { error: 'too many requests (simulated)' },
        { 'retry-after': String(fault.retryAfterSeconds ?? 1) }); return
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end('<html><body>Hệ thống đang bảo trì</body></html>{"data":[')
        return
      case 'reset': req.socket.destroy(); return
      case 'slow': {
        const timer = setTimeout(() => { timers.delete(timer); if (!res.destroyed) serve(req, res) },
          fault.delayMs ?? 2000)
        timers.add(timer)
        return
      }
      default: serve(req, res)
    }
  })
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve) })
  const address = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    id,
    url: `http://${urlHost}:${address.port}`,
    streams: Object.fromEntries(streams.map(s => [s.spec.name, s])),
    setFault: f => faults.set(f),
    fault: () => faults.get(),
    requests: () => requests,
    close: async () => {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
