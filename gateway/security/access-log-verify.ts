// Checks the per-citizen access log against the audit chain. The access log is a copy kept for
// "who read my data" (one line per entry and subject); only the chain is hash-protected, so a
// line deleted, edited or slipped in would otherwise go unseen. The check walks both in sequence
// order side by side: access-log ids are `<seqId>:<personalId>`, so the `_id` order is the chain's
// order, and each chain page pulls just the lines up to its last seq. Lines from before the ids
// were sequence-first (`<personalId>:<seq>`) sort after all others; they are looked up by id for
// the entries they belong to, and any left over at the end are unknown.
// Problems name the entry and a masked personal id, never a full one: the output goes to operators.
import type { Store } from '../../infra/ports/store.js'
import { maskIds } from '../../infra/logging/logger.js'
import { seqId, type AuditEntry } from './audit-chain.js'
import { accessLogId, type AccessLogDoc } from './audit-writer.js'

export type AccessLogProblemKind = 'missing' | 'edited' | 'unknown'

export interface AccessLogProblem {
  seq: number
  kind: AccessLogProblemKind
  /** The personal id masked (e.g. 092******001). */
  subject: string
  message: string
}

export interface AccessLogReport {
  /** Lines that match the chain. */
  checked: number
  /** The first `maxProblems` problems, in sequence order. */
  problems: AccessLogProblem[]
  /** Problems beyond those listed. */
  more: number
}

const CONTENT = ['at', 'clientId', 'purpose', 'entity', 'requestId'] as const
const KEYS = new Set(['_id', 'version', 'personalId', 'seq', 'fields', ...CONTENT])
const legacyId = (personalId: string, seq: number): string => `${personalId}:${seq}`
const NEW_ID = /^(\d{16}):(.+)$/
const LEGACY_ID = /^(.+):(\d+)$/

/** Why a line differs from the entry it copies, or undefined when it is a faithful copy. */
function difference (doc: AccessLogDoc, entry: AuditEntry, personalId: string): string | undefined {
  if (doc.personalId !== personalId || doc.seq !== entry.seq) return 'its personalId or seq was changed'
  const changed = CONTENT.filter(k => doc[k] !== entry[k])
  if (!Array.isArray(doc.fields) || doc.fields.length !== entry.fields.length ||
    doc.fields.some((f, i) => f !== entry.fields[i])) changed.push('fields' as never)
  if (changed.length > 0) return `${changed.join(', ')} differ${changed.length === 1 ? 's' : ''} from the audit entry`
  const added = Object.keys(doc).filter(k => !KEYS.has(k))
  return added.length > 0
    ? `it holds field${added.length === 1 ? '' : 's'} the audit entry does not (${added.join(', ')})`
    : undefined
}

export interface AccessLogChecker {
  /** Checks the lines of these verified, consecutive chain entries (call in sequence order). */
  check: (entries: AuditEntry[]) => Promise<void>
  /**
   * Reports the lines no entry accounts for. `chainIntact` false: lines past the verified part are
   * left alone (the chain is broken there; that is reported already). `currentHead`: lines of
   * entries appended while the check ran are not unknown.
   */
  finish: (verifiedSeq: number, chainIntact: boolean, currentHead: () => Promise<number>) => Promise<AccessLogReport>
}

export function createAccessLogChecker (store: Store, { pageSize = 500, maxProblems = 1000 } = {}): AccessLogChecker {
  const problems: AccessLogProblem[] = []
  let more = 0
  let checked = 0
  let buffer: AccessLogDoc[] = []
  let after: string | undefined
  let exhausted = false
  const matchedLegacy = new Set<string>()
  const deferred: AccessLogDoc[] = []

  const report = (seq: number, kind: AccessLogProblemKind, personalId: string, message: string): void => {
    if (problems.length < maxProblems) {
      problems.push({ seq, kind, subject: maskIds(personalId), message: maskIds(message) })
    } else {
      more++
    }
  }

  /** Takes from the `_id`-ordered access log every line whose id sorts below `bound`. */
  async function takeBelow (bound: string): Promise<AccessLogDoc[]> {
    const taken: AccessLogDoc[] = []
    for (;;) {
      const i = buffer.findIndex(d => d._id >= bound)
      if (i >= 0) { taken.push(...buffer.splice(0, i)); return taken }
      taken.push(...buffer)
      buffer = []
      if (!await fill()) return taken
    }
  }

  /** Reads the next page of the access log into the buffer; false when there is none. */
  async function fill (): Promise<boolean> {
    if (exhausted) return false
    const page = await store.find('access_log', {
      orderBy: { field: '_id' },
      limit: pageSize,
      ...(after !== undefined ? { after: { value: after, id: after } } : {})
    }) as AccessLogDoc[]
    if (page.length < pageSize) exhausted = true
    if (page.length > 0) after = page[page.length - 1]._id
    buffer = page
    return page.length > 0
  }

  function unknown (doc: AccessLogDoc): void {
    const m = NEW_ID.exec(doc._id) ?? LEGACY_ID.exec(doc._id)
    const seq = m === null ? 0 : Number(NEW_ID.test(doc._id) ? m[1] : m[2])
    const personalId = typeof doc.personalId === 'string'
      ? doc.personalId
      : (m === null ? '' : NEW_ID.test(doc._id) ? m[2] : m[1])
    const which = m === null
      ? `access-log line ${doc._id}`
      : `the access-log line of entry ${seq} for citizen ${personalId}`
    report(seq, 'unknown', personalId, `${which} matches no audit entry (added, or moved to another entry or citizen)`)
  }

  return {
    async check (entries) {
      if (entries.length === 0) return
      const last = entries[entries.length - 1].seq
      const lines = new Map((await takeBelow(seqId(last + 1))).map(d => [d._id, d]))
      const wanted = entries.flatMap(entry => [...new Set(entry.subjects)].map(personalId => ({ entry, personalId })))
      const absent = wanted.filter(w => !lines.has(accessLogId(w.personalId, w.entry.seq)))
      const legacy = absent.length > 0
        ? await store.getMany('access_log', absent.map(w => legacyId(w.personalId, w.entry.seq)))
        : new Map()
      for (const { entry, personalId } of wanted) {
        const id = accessLogId(personalId, entry.seq)
        let doc = lines.get(id) as AccessLogDoc | undefined
        lines.delete(id)
        if (doc === undefined) {
          doc = legacy.get(legacyId(personalId, entry.seq)) as AccessLogDoc | undefined
          if (doc !== undefined) matchedLegacy.add(doc._id)
        }
        if (doc === undefined) {
          report(entry.seq, 'missing', personalId,
            `entry ${entry.seq} has no access-log line for citizen ${personalId} (deleted)`)
          continue
        }
        const why = difference(doc, entry, personalId)
        if (why === undefined) {
          checked++
        } else {
          report(entry.seq, 'edited', personalId,
            `the access-log line of entry ${entry.seq} for citizen ${personalId} was edited: ${why}`)
        }
      }
      // A line with an old-style id may belong to a later entry: judged at the end.
      for (const doc of lines.values()) {
        if (NEW_ID.test(doc._id)) unknown(doc)
        else deferred.push(doc)
      }
    },
    async finish (verifiedSeq, chainIntact, currentHead) {
      let head: number | undefined
      const judge = async (doc: AccessLogDoc): Promise<void> => {
        if (matchedLegacy.has(doc._id)) return
        const m = NEW_ID.exec(doc._id)
        const legacy = m === null ? LEGACY_ID.exec(doc._id) : null
        const seq = m !== null ? Number(m[1]) : legacy !== null ? Number(legacy[2]) : 0
        if (seq > verifiedSeq) {
          if (!chainIntact) return
          head ??= await currentHead()
          if (seq <= head) return // appended while this check ran
        }
        unknown(doc)
      }
      for (const doc of deferred) await judge(doc)
      // Page by page: what is left is mostly old-style lines, possibly many.
      do {
        for (const doc of buffer) await judge(doc)
        buffer = []
      } while (await fill())
      return { checked, problems, more }
    }
  }
}
