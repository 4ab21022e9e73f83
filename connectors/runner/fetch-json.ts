// Every HTTP call a connector makes goes through here: a timeout on headers and body, bounded
// retries with backoff and jitter, and 429 / 503 Retry-After honoured (capped). Redirects are
// followed by hand, a bounded number of hops, so a guard can check every hop's URL. A redirect to
// another origin (scheme, host or port) is refused by default: the request carries the connector's
// secret headers, and a source must not be able to send them on to a host of its choosing.
import { request, type Dispatcher } from 'undici'
import { backoffDelay, sleep } from '../../infra/shared/retry.js'
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '../../infra/shared/json-depth.js'
import { HubError } from '../../infra/shared/hub-error.js'

/** A department's system failed or answered something unusable; `retriable` says if asking again may help. */
export class SourceError extends HubError {
  constructor (message: string, code: string, retriable: boolean, options?: { cause?: unknown }) {
    super(message, { code, status: 502, retriable, cause: options?.cause })
  }
}

/** Checks outbound URLs (the SSRF guard for registered connectors); built-ins run without one. */
export interface OutboundGuard {
  /** Rejects with an error carrying `code` and `retriable` when the URL may not be called. */
  checkUrl: (url: string) => Promise<unknown>
  /** Connects only to checked addresses (re-resolves inside the connection). */
  dispatcher: Dispatcher
}

export interface FetchOptions {
  timeoutMs: number
  maxAttempts?: number
  maxRetryAfterMs?: number
  signal?: AbortSignal
  headers?: Record<string, string>
  guard?: OutboundGuard
  maxRedirects?: number
  /** Follow redirects to another origin, dropping every caller header on the way; default false (refused). */
  followCrossOrigin?: boolean
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export async function fetchJson (url: string, options: FetchOptions): Promise<unknown> {
  const { maxAttempts = 4, maxRetryAfterMs = 30000, signal } = options
  let lastError: SourceError | undefined
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let waitMs = backoffDelay(attempt, 200, 10000)
    try {
      return await fetchFollowing(url, options)
    } catch (err) {
      lastError = asSourceError(err)
      if (!lastError.retriable || signal?.aborted === true) throw lastError
      const retryAfter = (lastError.cause as { retryAfterMs?: number } | undefined)?.retryAfterMs
      if (retryAfter !== undefined) waitMs = Math.min(retryAfter, maxRetryAfterMs)
    }
    if (attempt < maxAttempts) await sleep(waitMs, signal)
  }
  throw lastError ?? new SourceError('source fetch failed', 'LT_ERR_SOURCE_UNREACHABLE', true)
}

/** The hub's own errors (the guard's, thrown or wrapped by undici as a cause) keep their code and retriable flag. */
function asSourceError (err: unknown): SourceError {
  if (err instanceof SourceError) return err
  const e = err as Error & { cause?: unknown }
  const coded = [e, e.cause].find((x): x is HubError => x instanceof HubError)
  if (coded !== undefined) return new SourceError(coded.message, coded.code, coded.retriable, { cause: err })
  return new SourceError(`source unreachable: ${e.message}`, 'LT_ERR_SOURCE_UNREACHABLE', true, { cause: err })
}

async function fetchFollowing (url: string, options: FetchOptions): Promise<unknown> {
  const { maxRedirects = 3, followCrossOrigin = false } = options
  const origin = new URL(url).origin
  let target = url
  let headers = options.headers
  for (let hop = 0; ; hop++) {
    await options.guard?.checkUrl(target)
    const outcome = await fetchOnce(target, { ...options, headers })
    if (!('redirect' in outcome)) return outcome.body
    if (hop >= maxRedirects) {
      throw new SourceError(`more than ${maxRedirects} redirects`, 'LT_ERR_SOURCE_REDIRECT', false)
    }
    const next = new URL(outcome.redirect)
    if (next.origin !== origin) {
      // Checked before any lookup of the new host: refusing costs no DNS query towards it.
      if (!followCrossOrigin) {
        throw new SourceError(
          `source redirected to another origin (${next.origin}); cross-origin redirects are refused`,
          'LT_ERR_SOURCE_REDIRECT',
          false
        )
      }
      headers = undefined
    }
    target = next.toString()
  }
}

async function fetchOnce (
  url: string, { timeoutMs, signal, headers, guard }: FetchOptions
): Promise<{ body: unknown } | { redirect: string }> {
  const res = await request(url, {
    method: 'GET',
    headers: { ...headers, accept: 'application/json' },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal,
    ...(guard !== undefined ? { dispatcher: guard.dispatcher } : {})
  })
  if (REDIRECTS.has(res.statusCode)) {
    await res.body.dump()
    const location = Array.isArray(res.headers.location) ? res.headers.location[0] : res.headers.location
    if (location === undefined) {
      throw new SourceError(`source answered ${res.statusCode} without a Location`, 'LT_ERR_SOURCE_REDIRECT', false)
    }
    return { redirect: new URL(location, url).toString() }
  }
  if (res.statusCode === 429 || res.statusCode >= 500) {
    await res.body.dump()
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'])
    throw new SourceError(
      `source answered ${res.statusCode}`,
      res.statusCode === 429 ? 'LT_ERR_SOURCE_RATE_LIMITED' : 'LT_ERR_SOURCE_5XX',
      true,
      { cause: { retryAfterMs } }
    )
  }
  if (res.statusCode >= 400) {
    await res.body.dump()
    throw new SourceError(`source answered ${res.statusCode}`, 'LT_ERR_SOURCE_4XX', false)
  }
  const text = await res.body.text()
  // Checked before parsing: a deep value would overflow what reads it later (ajv, the stores).
  if (jsonTooDeepAt(text) !== undefined) {
    throw new SourceError(
      `source answered JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 'LT_ERR_SOURCE_TOO_DEEP', false
    )
  }
  try {
    return { body: JSON.parse(text) }
  } catch (err) {
    throw new SourceError(
      'source answered with something that is not JSON', 'LT_ERR_SOURCE_GARBAGE', true, { cause: err }
    )
  }
}

function parseRetryAfter (header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
