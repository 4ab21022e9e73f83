// Appends audit entries with group commit: reads that wait for the audit while a write is in
// flight are chained and written together in the next one, so under load many reads share one
// store round trip, and at low load a read waits for no timer. Each flush is one block insert
// (expectedVersion null); when another process extended the chain first, the insert is refused
// as stale, the head is read again and the block re-chained on it (bounded attempts). The
// per-citizen access log is written from the same entries right after; a read resolves only when
// both are stored. Lines whose write failed (the block is stored, the read answered 503) are kept
// and written again with the next block, so a passing store outage leaves no hole in a citizen's
// log (`audit verify` would report one as missing).
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import { backoffDelay, sleep, withTimeout } from '../../infra/shared/retry.js'
import {
  AUDIT, chainEntries, readHead, seqId, toBlock, type AuditEntry, type AuditRead, type ChainHead
} from './audit-chain.js'
import { HubError } from '../../infra/shared/hub-error.js'

/** The read is refused (503) rather than answered unlogged; the store may be back in a moment. */
export class AuditUnavailableError extends HubError {
  constructor (message: string, options?: { cause?: unknown }) {
    super(message, { code: 'LT_ERR_AUDIT_UNAVAILABLE', status: 503, retriable: true, cause: options?.cause })
  }
}

export interface AuditWriter {
  /** Resolves with the stored entry; rejects with AuditUnavailableError when it could not be written in time. */
  append: (read: AuditRead) => Promise<AuditEntry>
  /** Writes what is queued, then refuses new entries. */
  close: () => Promise<void>
}

export interface AccessLogDoc extends StoredDoc {
  personalId: string
  seq: number
  at: string
  clientId: string
  purpose: string
  entity: string
  fields: string[]
  requestId: string
}

/**
 * Sequence first: new lines go to the end of the key order, where the previous ones are, instead of
 * one random place per citizen in a log that only grows (a page read and a page written per line).
 * "Who read my data" finds a citizen's lines by the personalId field's index.
 */
export const accessLogId = (personalId: string, seq: number): string => `${seqId(seq)}:${personalId}`

/** Unwritten access-log lines kept for the next flush; beyond this the oldest are dropped (and show in verify). */
const MAX_UNWRITTEN_LINES = 10000

interface Waiting { read: AuditRead, resolve: (e: AuditEntry) => void, reject: (err: Error) => void }

export function createAuditWriter ({ store, batchMax, timeoutMs, maxAttempts = 12 }: {
  store: Store
  batchMax: number
  timeoutMs: number
  maxAttempts?: number
}): AuditWriter {
  const queue: Waiting[] = []
  let head: ChainHead | undefined
  let running: Promise<void> | undefined
  let closed = false
  let unwritten: AccessLogDoc[] = []

  async function commit (reads: AuditRead[]): Promise<AuditEntry[]> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        // Every store call is bounded, so one hung call cannot stall the reads queued behind it.
        // A write that lands after its timeout is harmless: the head is read again next time.
        head ??= await withTimeout(readHead(store), timeoutMs, 'audit head read')
        const entries = chainEntries(head, reads)
        const { applied } = await withTimeout(
          store.bulkUpsert(AUDIT, [{ doc: toBlock(entries), expectedVersion: null }]), timeoutMs, 'audit write')
        if (applied.length === 1) {
          head = entries[entries.length - 1]
          unwritten = [...unwritten, ...accessLogLines(entries)].slice(-MAX_UNWRITTEN_LINES)
          // Flushes run one at a time, so nothing else touches `unwritten` meanwhile.
          await withTimeout(writeAccessLog(unwritten), timeoutMs, 'access log write')
          unwritten = []
          return entries
        }
      } catch (err) {
        head = undefined
        throw new AuditUnavailableError('the audit log could not be written', { cause: err })
      }
      // Another writer took this seq: start again from the real head.
      head = undefined
      await sleep(backoffDelay(attempt, 2, 100))
    }
    throw new AuditUnavailableError(
      `the audit chain kept moving under concurrent writers; gave up after ${maxAttempts} attempts`)
  }

  function accessLogLines (entries: AuditEntry[]): AccessLogDoc[] {
    return entries.flatMap(e => [...new Set(e.subjects)].map(personalId => ({
      _id: accessLogId(personalId, e.seq),
      version: 1,
      personalId,
      seq: e.seq,
      at: e.at,
      clientId: e.clientId,
      purpose: e.purpose,
      entity: e.entity,
      fields: e.fields,
      requestId: e.requestId
    })))
  }

  async function writeAccessLog (docs: AccessLogDoc[]): Promise<void> {
    // A duplicate (stale) can only be this same line written before: nothing to do.
    if (docs.length > 0) await store.bulkUpsert('access_log', docs.map(doc => ({ doc, expectedVersion: null })))
  }

  async function drain (): Promise<void> {
    // Yield once so reads arriving in the same turn of the event loop share the first write.
    await new Promise(resolve => setImmediate(resolve))
    while (queue.length > 0) {
      const batch = queue.splice(0, batchMax)
      try {
        const entries = await commit(batch.map(w => w.read))
        batch.forEach((w, i) => w.resolve(entries[i]))
      } catch (err) {
        const failure = err instanceof AuditUnavailableError
          ? err
          : new AuditUnavailableError('the audit log could not be written', { cause: err })
        for (const w of batch) w.reject(failure)
      }
    }
    running = undefined
  }

  return {
    async append (read) {
      if (closed) throw new AuditUnavailableError('the audit writer is closed')
      const stored = new Promise<AuditEntry>((resolve, reject) => queue.push({ read, resolve, reject }))
      running ??= drain()
      try {
        return await withTimeout(stored, timeoutMs, 'audit append')
      } catch (err) {
        // A timed-out entry may still be written later: the log then says a read happened that
        // failed, which errs on the side of telling the citizen too much, never too little.
        throw err instanceof AuditUnavailableError
          ? err
          : new AuditUnavailableError((err as Error).message, { cause: err })
      }
    },
    async close () {
      closed = true
      await running
    }
  }
}
