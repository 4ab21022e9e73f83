// Pushes the city's changes to a webhook as POSTed JSON batches, in order, one batch in flight.
// Every event carries an id unique per record version, so a receiver can drop repeats after a
// retry. Each POST has a timeout; a failed batch is retried a bounded number of times with
// backoff (honouring Retry-After up to a cap), then counted as failed and kept as a dead letter.
import { randomUUID } from 'node:crypto'
import { request } from 'undici'
import type { DepartmentId } from '../city/departments.js'

export interface CityEvent {
  eventId: string
  department: DepartmentId
  stream: string
  key: string
  op: 'c' | 'u' | 'd'
  kind: string
  occurredAt: string
  record: Record<string, unknown>
}

export interface WebhookOptions {
  url: string
  batchSize?: number
  flushIntervalMs?: number
  timeoutMs?: number
  maxAttempts?: number
  backoffMs?: number
  maxQueue?: number
  departments?: DepartmentId[]
  headers?: Record<string, string>
}

export interface WebhookPusher {
  delivered: () => number
  failed: () => number
  pending: () => number
  deadLetters: () => CityEvent[][]
  flush: (timeoutMs?: number) => Promise<void>
  stop: () => Promise<void>
}

const MAX_RETRY_AFTER_MS = 10_000
const MAX_DEAD_LETTERS = 100
const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

export function createWebhookPusher (options: WebhookOptions,
  subscribe: (listener: (e: CityEvent) => void) => () => void): WebhookPusher {
  const { url, batchSize = 100, flushIntervalMs = 200, timeoutMs = 5000, maxAttempts = 5, backoffMs = 200,
    maxQueue = 100_000 } = options
  if (!/^https?:\/\//.test(url)) throw new Error(`webhook url must be http(s), got "${url}"`)
  if (!(maxAttempts >= 1 && maxAttempts <= 20)) throw new Error(`webhook maxAttempts must be 1-20, got ${maxAttempts}`)
  const only = options.departments === undefined ? undefined : new Set(options.departments)
  const queue: CityEvent[] = []
  const dead: CityEvent[][] = []
  let delivered = 0
  let failed = 0
  let sending: Promise<void> | undefined
  let stopped = false

  const unsubscribe = subscribe(e => {
    if (only !== undefined && !only.has(e.department)) return
    queue.push(e)
    // A receiver that is down must not make the simulator grow without bound.
    if (queue.length > maxQueue) { queue.shift(); failed++ }
  })

  // One POST; resolves true on 2xx, else the delay to wait before the next attempt.
  const post = async (batch: CityEvent[]): Promise<true | number> => {
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ batchId: randomUUID(), sentAt: new Date().toISOString(), events: batch }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs)
      })
      await res.body.dump()
      if (res.statusCode >= 200 && res.statusCode < 300) return true
      const retryAfter = Number(res.headers['retry-after'])
      return res.statusCode === 429 && retryAfter >= 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : -1
    } catch {
      return -1
    }
  }

  const sendOne = async (): Promise<void> => {
    const batch = queue.splice(0, batchSize)
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const r = await post(batch)
      if (r === true) { delivered += batch.length; return }
      if (attempt < maxAttempts && !stopped) await sleep(r >= 0 ? r : backoffMs * 2 ** (attempt - 1))
      if (stopped) break
    }
    failed += batch.length
    dead.push(batch)
    if (dead.length > MAX_DEAD_LETTERS) dead.shift()
  }

  const pump = (): void => {
    if (sending !== undefined || queue.length === 0 || stopped) return
    sending = (async () => { while (queue.length > 0 && !stopped) await sendOne() })()
      .finally(() => { sending = undefined })
  }
  const timer = setInterval(pump, flushIntervalMs)
  timer.unref()

  return {
    delivered: () => delivered,
    failed: () => failed,
    pending: () => queue.length,
    deadLetters: () => dead.map(b => [...b]),
    flush: async (flushTimeoutMs = 30_000) => {
      const deadline = Date.now() + flushTimeoutMs
      while (queue.length > 0 || sending !== undefined) {
        if (Date.now() > deadline) {
          throw new Error(`webhook flush timed out after ${flushTimeoutMs} ms with ${queue.length} events pending`)
        }
        pump()
        await (sending ?? sleep(10))
      }
    },
    stop: async () => {
      stopped = true
      clearInterval(timer)
      unsubscribe()
      await sending
    }
  }
}
