// The load generator: keep-alive HTTP over an undici Pool with one connection per worker, a
// closed loop per worker (each sends its next request when the previous answer has been read).
import { Pool } from 'undici'
import { closedLoop, type LatencySummary } from './latency.js'

export interface HttpRequestSpec { method: 'GET' | 'POST', path: string, headers: Record<string, string>,
  body?: string }

export async function httpLoad (url: string, next: () => HttpRequestSpec,
  settings: { concurrency: number, durationMs: number,
  warmupMs: number }): Promise<LatencySummary & { statuses: Record<string, number> }> {
  const pool = new Pool(url,
    { connections: settings.concurrency, pipelining: 1, headersTimeout: 30000, bodyTimeout: 30000 })
  const statuses: Record<string, number> = {}
  try {
    const summary = await closedLoop(async () => {
      const spec = next()
      const res = await pool.request({ method: spec.method, path: spec.path, headers: spec.headers, body: spec.body })
      await res.body.dump()
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`)
    }, settings)
    return { ...summary, statuses }
  } finally {
    await pool.close()
  }
}

/** One request, read whole: to check a scenario answers what it should before loading it. */
export async function httpOnce (url: string, spec: HttpRequestSpec): Promise<{ status: number, body: unknown }> {
  const pool = new Pool(url, { connections: 1 })
  try {
    const res = await pool.request({ method: spec.method, path: spec.path, headers: spec.headers, body: spec.body })
    return { status: res.statusCode, body: await res.body.json() }
  } finally {
    await pool.close()
  }
}
