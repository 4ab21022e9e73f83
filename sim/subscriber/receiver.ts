// A department's reference webhook receiver: verifies each Standard Webhooks signature (refuses a
// bad one with 401 and counts it), dedupes by webhook-id (delivery is at least once), applies the
// change to its own copy of the records only when the golden version is newer than what it holds,
// and logs what it applied (ids shortened). Tests drive its behaviour: answer normally, fail, be
// slow, or be stopped and started again on the same port, keeping what it had applied.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Logger } from 'pino'

/**
 * Standard Webhooks verification as a department would write it, independently of the hub's signing
 * code: HMAC-SHA256 with the base64 key after `whsec_`, over `<id>.<timestamp>.<body>`, against any
 * of the space-separated `v1,` signatures; timestamps more than five minutes off are refused.
 */
export function verifySignature (
  secret: string, headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()
): boolean {
  const one = (name: string): string | undefined => { const v = headers[name]; return Array.isArray(v) ? v[0] : v }
  const id = one('webhook-id')
  const timestamp = one('webhook-timestamp')
  const signatures = one('webhook-signature')
  if (id === undefined || timestamp === undefined || signatures === undefined) return false
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 300) return false
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`)
  return signatures.split(' ').some(s => {
    const got = Buffer.from(s)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}

export interface ReceivedChange {
  webhookId: string
  type: string
  entityId: string
  version: number
  data: Record<string, unknown>
  /** ms since the epoch */
  at: number
}

/** `hold`: every request waits, unanswered, until the mode changes. */
export type ReceiverMode =
  { kind: 'ok' } | { kind: 'fail', status: number } | { kind: 'slow', delayMs: number } | { kind: 'hold' }

export interface Receiver {
  url: string
  /** Every accepted delivery, in arrival order, duplicates included. */
  received: ReceivedChange[]
  /** Deliveries applied once (first time their webhook-id was seen). */
  applied: ReceivedChange[]
  /** Each record as the receiver holds it now: the newest version applied. */
  records: Map<string, { version: number, data: Record<string, unknown> }>
  /** Deliveries whose signature did not verify. */
  rejected: number
  /** Requests answered with the failure of `fail` mode. */
  failed: number
  setMode: (mode: ReceiverMode) => void
  /** The secrets that verify (the current one, plus a rotated one during its overlap). */
  setSecrets: (secrets: string[]) => void
  /** Stops listening (connections refused) until start(); what was applied stays. */
  kill: () => Promise<void>
  start: () => Promise<void>
  close: () => Promise<void>
}

const short = (id: string): string => id.length > 6 ? `…${id.slice(-4)}` : id

export interface ReceiverOptions { secrets: string[], port?: number, host?: string, logger?: Logger }

export async function startReceiver (
  { secrets: initial, port = 0, host = '127.0.0.1', logger }: ReceiverOptions
): Promise<Receiver> {
  let secrets = initial
  let mode: ReceiverMode = { kind: 'ok' }
  let release = (): void => {}
  let held = Promise.resolve()
  const seen = new Set<string>()
  const receiver: Omit<Receiver, 'url' | 'kill' | 'start' | 'close'> & { url: string } = {
    url: '', received: [], applied: [], records: new Map(), rejected: 0, failed: 0,
    setMode: m => {
      if (m.kind === 'hold' && mode.kind !== 'hold') held = new Promise(resolve => { release = resolve })
      if (m.kind !== 'hold') release()
      mode = m
    },
    setSecrets: s => { secrets = s }
  }

  // A killed receiver is gone: requests it was in the middle of leave no trace (as a dead process would).
  let generation = 0
  async function handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const born = generation
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    if (!secrets.some(s => verifySignature(s, req.headers, body))) {
      receiver.rejected++
      logger?.warn({ webhookId: req.headers['webhook-id'] }, 'webhook refused: signature does not verify')
      res.writeHead(401).end()
      return
    }
    if (mode.kind === 'hold') await held
    if (mode.kind === 'fail') { receiver.failed++; res.writeHead(mode.status).end(); return }
    if (mode.kind === 'slow') await new Promise(resolve => setTimeout(resolve, (mode as { delayMs: number }).delayMs))
    if (born !== generation) return
    const event = JSON.parse(body) as { type: string, subject: string,
      data: Record<string, unknown> & { version: number } }
    const change: ReceivedChange = {
      webhookId: String(req.headers['webhook-id']), type: event.type, entityId: event.subject,
      version: event.data.version, data: event.data, at: Date.now()
    }
    receiver.received.push(change)
    if (!seen.has(change.webhookId)) {
      seen.add(change.webhookId)
      receiver.applied.push(change)
      const held = receiver.records.get(change.entityId)
      // Older than what is held (a replayed dead letter): already superseded, not applied.
      if (held === undefined || held.version < change.version) {
        receiver.records.set(change.entityId,
          { version: change.version, data: (event.data.after ?? {}) as Record<string, unknown> })
        const { type, version } = change
        logger?.info({ type, subject: short(change.entityId), version, changed: event.data.changed }, 'change applied')
      }
    }
    res.writeHead(204).end()
  }

  let server: Server | undefined
  let boundPort = port
  async function start (): Promise<void> {
    const s = createServer((req, res) => {
      handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(500); res.end() })
    })
    await new Promise<void>((resolve, reject) => { s.once('error', reject);
      s.listen(boundPort, host, () => resolve()) })
    boundPort = (s.address() as AddressInfo).port
    server = s
  }
  async function kill (): Promise<void> {
    const s = server
    server = undefined
    generation++
    if (s === undefined) return
    s.closeAllConnections()
    await new Promise<void>(resolve => s.close(() => resolve()))
  }
  await start()
  return Object.assign(receiver, { url: `http://${host}:${boundPort}/webhooks/lienthong`, kill, start, close: kill })
}
