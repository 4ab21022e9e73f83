// One webhook attempt: POST the CloudEvent, signed, through the SSRF-guarded dispatcher, within
// a hard time limit for the whole exchange. Redirects are never followed (no credentials or
// signatures travel to another origin). The answer decides: 2xx delivered; 400, 410, 413, 415
// and 422 are the receiver refusing this delivery for good (dead letter); anything else, and any
// network error or timeout, is retried.
import { request, type Dispatcher } from 'undici'
import { signedHeaders } from '../../records/subscriptions/standard-webhooks.js'
import { CLOUDEVENTS_JSON } from '../../infra/ports/cloud-event-message.js'

export type PostOutcome = { kind: 'delivered', status: number } | { kind: 'refused' | 'failed', reason: string }

const REFUSALS = new Set([400, 410, 413, 415, 422])

export interface PostOptions {
  url: string
  webhookId: string
  body: string
  secrets: readonly string[]
  dispatcher?: Dispatcher
  timeoutMs: number
  signal?: AbortSignal
  now?: number
}

export async function postWebhook (
  { url, webhookId, body, secrets, dispatcher, timeoutMs, signal, now = Date.now() }: PostOptions
): Promise<PostOutcome> {
  const signed = signedHeaders(secrets, webhookId, Math.floor(now / 1000), body)
  const headers = { ...signed, 'content-type': CLOUDEVENTS_JSON, 'user-agent': 'lienthong-notifier/1' }
  const limit = AbortSignal.timeout(timeoutMs)
  try {
    const res = await request(url, {
      method: 'POST', body, headers, dispatcher, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
      signal: signal === undefined ? limit : AbortSignal.any([signal, limit])
    })
    // Drain at most a little of the answer: a receiver's body is not ours to keep.
    await res.body.dump({ limit: 65536 }).catch(() => undefined)
    if (res.statusCode >= 200 && res.statusCode < 300) return { kind: 'delivered', status: res.statusCode }
    const reason = `receiver answered ${res.statusCode}`
    if (REFUSALS.has(res.statusCode)) return { kind: 'refused', reason }
    const redirect = res.statusCode >= 300 && res.statusCode < 400
    return { kind: 'failed', reason: redirect ? `${reason} (redirects are not followed)` : reason }
  } catch (err) {
    const e = err as Error & { code?: string }
    if (limit.aborted) return { kind: 'failed', reason: `no answer within ${timeoutMs} ms` }
    return { kind: 'failed', reason: `${e.code ?? e.name}: ${e.message}` }
  }
}
