// Walks the audit chain from the first entry and reports the first place it breaks: an entry
// whose content no longer matches its hash (edited), a gap in the sequence (deleted), an entry
// out of sequence (reordered or duplicated), or an entry whose prevHash is not the hash of the
// entry before it (that entry was rewritten and re-hashed). A chain rewritten from some point on,
// or cut at its end, still links up; anchors (seq and hash recorded elsewhere, e.g. the head this
// command prints, kept by a second party, or the head published to <dataDir>/audit-heads.jsonl)
// catch that too. The per-citizen access log is checked against the verified part of the chain
// (access-log-verify.ts): every missing, edited or unknown line is listed, not just the first.
import type { Store } from '../../infra/ports/store.js'
import {
  AUDIT, GENESIS, entryHash, readHead, seqId, type AuditBlock, type AuditEntry, type ChainHead
} from './audit-chain.js'
import { createAccessLogChecker, type AccessLogReport } from './access-log-verify.js'

export type AuditProblemKind = 'edited' | 'missing' | 'out-of-order' | 'broken-link' | 'malformed' | 'anchor-mismatch'

export interface AuditProblem {
  /** Where the chain breaks: the sequence number the broken position should hold. */
  seq: number
  kind: AuditProblemKind
  message: string
}

/** `ok` only when the chain is intact and the access log matches it. */
export interface VerifyResult {
  ok: boolean, entries: number, head: ChainHead, problem?: AuditProblem, accessLog: AccessLogReport
}

export interface VerifyOptions {
  pageSize?: number
  anchors?: ChainHead[]
  /** Access-log lines read per page. */
  accessLogPageSize?: number
  /** Access-log problems listed (the rest are counted). */
  maxAccessLogProblems?: number
}

export async function verifyAuditChain (
  store: Store, { pageSize = 100, anchors = [], accessLogPageSize, maxAccessLogProblems }: VerifyOptions = {}
): Promise<VerifyResult> {
  const pending = new Map(anchors.map(a => [a.seq, a.hash]))
  const accessLog = createAccessLogChecker(store, { pageSize: accessLogPageSize, maxProblems: maxAccessLogProblems })
  let prev: ChainHead = GENESIS
  let after: string | undefined
  /** Entries of the current page that verified, not yet checked against the access log. */
  let verified: AuditEntry[] = []
  const finish = async (problem?: AuditProblem): Promise<VerifyResult> => {
    await accessLog.check(verified)
    const report = await accessLog.finish(prev.seq, problem === undefined, async () => (await readHead(store)).seq)
    const ok = problem === undefined && report.problems.length === 0
    return { ok, entries: prev.seq, head: prev, ...(problem !== undefined ? { problem } : {}), accessLog: report }
  }

  for (;;) {
    const blocks = await store.find(AUDIT, {
      orderBy: { field: '_id' },
      limit: pageSize,
      ...(after !== undefined ? { after: { value: after, id: after } } : {})
    }) as AuditBlock[]
    if (blocks.length === 0) break
    after = blocks[blocks.length - 1]._id
    const entries: AuditEntry[] = []
    for (const block of blocks) {
      if (!Array.isArray(block.entries) || block.entries.length === 0) {
        return await finish({
          seq: prev.seq + 1,
          kind: 'malformed',
          message: `audit block ${block._id} holds no entries`
        })
      }
      entries.push(...block.entries)
    }
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as unknown as Record<string, unknown>
      const expected = prev.seq + 1
      if (typeof e.seq !== 'number' || typeof e.hash !== 'string' || typeof e.prevHash !== 'string') {
        return await finish({
          seq: expected,
          kind: 'malformed',
          message: `the entry after entry ${prev.seq} lacks seq, hash or prevHash`
        })
      }
      if (e.seq !== expected) {
        // Looking ahead tells a deleted entry (never seen again) from a moved one. Only on the
        // failure path, so reading the rest of the log here costs nothing when all is well.
        const later = entries.slice(i + 1).some(x => x.seq === expected) ||
          await appearsAfter(store, after, expected, pageSize)
        if (e.seq > expected && !later) {
          const range = e.seq - 1 === expected ? `entry ${expected} is` : `entries ${expected}–${e.seq - 1} are`
          return await finish({
            seq: expected,
            kind: 'missing',
            message: `${range} missing (deleted): entry ${e.seq} follows entry ${prev.seq}`
          })
        }
        return await finish({
          seq: expected,
          kind: 'out-of-order',
          message: `entry ${e.seq} stands where entry ${expected} belongs (entries reordered or duplicated)`
        })
      }
      if (entryHash(e) !== e.hash) {
        return await finish({
          seq: expected,
          kind: 'edited',
          message: `entry ${expected} was edited: its content no longer matches its hash`
        })
      }
      if (e.prevHash !== prev.hash) {
        return await finish({
          seq: expected,
          kind: 'broken-link',
          message: `entry ${expected} does not link to entry ${prev.seq}: its prevHash is not that entry's hash ` +
            `(entry ${prev.seq} was rewritten and re-hashed, or replaced)`
        })
      }
      const anchored = pending.get(expected)
      if (anchored !== undefined && anchored !== e.hash) {
        return await finish({
          seq: expected,
          kind: 'anchor-mismatch',
          message: `entry ${expected} does not have the anchored hash: ` +
            `the chain was rewritten from entry ${expected} or earlier`
        })
      }
      pending.delete(expected)
      prev = { seq: expected, hash: e.hash }
      verified.push(entries[i])
    }
    await accessLog.check(verified)
    verified = []
  }
  const beyond = [...pending.keys()].sort((a, b) => a - b)[0]
  if (beyond !== undefined) {
    return await finish({
      seq: prev.seq + 1,
      kind: 'missing',
      message: `the chain ends at entry ${prev.seq} but anchored entry ${beyond} existed: ` +
        `entries ${prev.seq + 1}–${beyond} or more were cut off (block ${seqId(prev.seq + 1)} onwards)`
    })
  }
  return await finish()
}

async function appearsAfter (store: Store, afterId: string, seq: number, pageSize: number): Promise<boolean> {
  let after = afterId
  for (;;) {
    const blocks = await store.find(AUDIT, {
      orderBy: { field: '_id' },
      limit: pageSize,
      after: { value: after, id: after }
    }) as AuditBlock[]
    if (blocks.length === 0) return false
    if (blocks.some(b => Array.isArray(b.entries) && b.entries.some(e => e?.seq === seq))) return true
    after = blocks[blocks.length - 1]._id
  }
}
