// Standard Webhooks signing (https://www.standardwebhooks.com): secrets are `whsec_` + base64 of
// random bytes; the signature is `v1,` + base64 HMAC-SHA256 over `<webhook-id>.<timestamp>.<body>`
// with the decoded secret. While a rotated secret overlaps, one header carries one signature per
// live secret, space-separated, and a receiver accepts the message when any of them verifies.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const SECRET_PREFIX = 'whsec_'

export const newSecret = (): string => `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`

const keyOf = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')

export function sign (secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

export interface WebhookHeaders { 'webhook-id': string, 'webhook-timestamp': string, 'webhook-signature': string }

export function signedHeaders (
  secrets: readonly string[], id: string, timestamp: number, body: string
): WebhookHeaders {
  const signatures = secrets.map(s => sign(s, id, timestamp, body)).join(' ')
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures }
}

export type VerifyResult = { ok: true } | { ok: false, reason: 'missing-headers' | 'timestamp' | 'signature' }

/** A receiver's check: headers present, timestamp within the tolerance, one signature matches. */
export function verify (secret: string, headers: Record<string, string | string[] | undefined>, body: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number, now?: number } = {}): VerifyResult {
  const one = (name: string): string | undefined => { const v = headers[name]; return Array.isArray(v) ? v[0] : v }
  const id = one('webhook-id')
  const ts = one('webhook-timestamp')
  const sigs = one('webhook-signature')
  if (id === undefined || ts === undefined || sigs === undefined) return { ok: false, reason: 'missing-headers' }
  const seconds = Number(ts)
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp' }
  }
  const expected = Buffer.from(sign(secret, id, seconds, body))
  const match = sigs.split(' ').some(s => {
    const got = Buffer.from(s)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
  return match ? { ok: true } : { ok: false, reason: 'signature' }
}
