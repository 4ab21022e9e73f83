// Every HTTP call a connector makes goes through here: a timeout on headers and body, bounded
// retries with backoff and jitter, and 429 / 503 Retry-After honoured (capped).
import { request } from 'undici'
import { backoffDelay, sleep } from '../../infra/shared/retry.js'

export class SourceError extends Error {
  constructor (message: string, readonly code: string, readonly retriable: boolean, options?: ErrorOptions) {
    super(message, options)
    this.name = 'SourceError'
  }
}

export interface FetchOptions {
  timeoutMs: number
  maxAttempts?: number
  maxRetryAfterMs?: number
  signal?: AbortSignal
}

export async function fetchJson (url: string, { timeoutMs, maxAttempts = 4, maxRetryAfterMs = 30000, signal }: FetchOptions): Promise<unknown> {
  let lastError: SourceError | undefined
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let waitMs = backoffDelay(attempt, 200, 10000)
    try {
      return await fetchOnce(url, timeoutMs, signal)
    } catch (err) {
      lastError = err instanceof SourceError ? err : new SourceError(`source unreachable: ${(err as Error).message}`, 'LT_ERR_SOURCE_UNREACHABLE', true, { cause: err })
      if (!lastError.retriable || signal?.aborted === true) throw lastError
      const retryAfter = (lastError.cause as { retryAfterMs?: number } | undefined)?.retryAfterMs
      if (retryAfter !== undefined) waitMs = Math.min(retryAfter, maxRetryAfterMs)
    }
    if (attempt < maxAttempts) await sleep(waitMs, signal)
  }
  throw lastError ?? new SourceError('source fetch failed', 'LT_ERR_SOURCE_UNREACHABLE', true)
}

async function fetchOnce (url: string, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
  const res = await request(url, {
    method: 'GET',
    headers: { accept: 'application/json' },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal
  })
  if (res.statusCode === 429 || res.statusCode >= 500) {
    await res.body.dump()
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'])
    throw new SourceError(`source answered ${res.statusCode}`, res.statusCode === 429 ? 'LT_ERR_SOURCE_RATE_LIMITED' : 'LT_ERR_SOURCE_5XX', true, { cause: { retryAfterMs } })
  }
  if (res.statusCode >= 400) {
    await res.body.dump()
    throw new SourceError(`source answered ${res.statusCode}`, 'LT_ERR_SOURCE_4XX', false)
  }
  const text = await res.body.text()
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new SourceError('source answered with something that is not JSON', 'LT_ERR_SOURCE_GARBAGE', true, { cause: err })
  }
}

function parseRetryAfter (header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
