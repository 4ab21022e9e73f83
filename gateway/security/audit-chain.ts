// The audit log's shape and hashing. Entries form one chain: each carries its sequence number,
// the hash of the entry before it and its own hash, SHA-256 over the canonical JSON of everything
// else it holds. A group of entries appended together is stored as one block document (`_id` =
// the zero-padded seq of its first entry): one document is the unit a store writes atomically
// without transactions, so a block lands whole or not at all, and two writers that extend the same
// head collide on the same `_id` instead of interleaving a forked chain.
import { createHash } from 'node:crypto'
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import type { Disclosure } from '../../records/disclosure.js'

/** One read of personal data, as the route reports it (the shape every disclosure has). */
export type AuditRead = Disclosure

export interface AuditEntry extends AuditRead { seq: number, prevHash: string, hash: string }

export interface AuditBlock extends StoredDoc { firstSeq: number, lastSeq: number, entries: AuditEntry[] }

export interface ChainHead { seq: number, hash: string }

export const AUDIT = 'audit'
export const GENESIS: ChainHead = { seq: 0, hash: '0'.repeat(64) }
export const seqId = (seq: number): string => String(seq).padStart(16, '0')

/** The hash an entry must carry: over all its fields but `hash` itself (so an added field shows too). */
export function entryHash (entry: Record<string, unknown>): string {
  const { hash: _ignored, ...rest } = entry
  return createHash('sha256').update(canonicalJson(rest)).digest('hex')
}

/** Chains reads onto a head. */
export function chainEntries (head: ChainHead, reads: AuditRead[]): AuditEntry[] {
  let prev = head
  return reads.map(read => {
    const body = { ...read, seq: prev.seq + 1, prevHash: prev.hash }
    const entry = { ...body, hash: entryHash(body) }
    prev = entry
    return entry
  })
}

export function toBlock (entries: AuditEntry[]): AuditBlock {
  return {
    _id: seqId(entries[0].seq),
    version: 1,
    firstSeq: entries[0].seq,
    lastSeq: entries[entries.length - 1].seq,
    entries
  }
}

/** The last entry of the last block, or the genesis head of an empty log. */
export async function readHead (store: Store): Promise<ChainHead> {
  const [last] = await store.find(AUDIT, { orderBy: { field: '_id', direction: 'desc' }, limit: 1 }) as AuditBlock[]
  const entry = last?.entries[last.entries.length - 1]
  return entry === undefined ? GENESIS : { seq: entry.seq, hash: entry.hash }
}
