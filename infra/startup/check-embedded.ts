// At start, before the adapters open: are the embedded SQLite files whole, and do they agree?
// - each file passes SQLite's quick_check (a broken page, or a file that is not a database);
// - no consumer group's committed position is past the end of its topic;
// - the log is not shorter than the store recorded it (log-watermark.ts);
// - the store is not empty while the merger has already consumed part of the log.
// Each finding names the file; `lienthong repair` knows how to act on each kind (repair-embedded.ts).
import { statSync } from 'node:fs'
import { hasTable, logEnd, withFile, type EmbeddedFiles } from './embedded-files.js'
import { readWatermark } from './log-watermark.js'

export type FindingKind = 'unreadable' | 'corrupt' | 'offset-ahead' | 'log-behind-store' | 'store-lost'

export interface Finding { kind: FindingKind, file: string, detail: string }

/** The consumer group that builds the store's read models from the log (consumers/merger). */
export const READ_MODEL_GROUP = 'merger'

function quickCheck (file: string): Finding | undefined {
  try {
    if (statSync(file, { throwIfNoEntry: false }) === undefined) return undefined
    const rows = withFile(
      file, db => db.pragma('quick_check(5)', { simple: false }) as Array<Record<string, string>>
    ) ?? []
    const messages = rows.map(r => Object.values(r)[0]).filter(m => m !== 'ok')
    if (messages.length > 0) return { kind: 'corrupt', file, detail: `SQLite quick_check: ${messages.join('; ')}` }
  } catch (err) {
    return { kind: 'unreadable', file, detail: (err as Error).message }
  }
  return undefined
}

interface GroupRow { grp: string, topic: string, seq: number, topicEnd: number }

export function checkEmbeddedFiles (files: EmbeddedFiles): Finding[] {
  const broken = [files.eventLog, files.store].flatMap(f => f === undefined ? [] : [quickCheck(f)]).filter(
    f => f !== undefined
  )
  if (broken.length > 0) return broken
  const findings: Finding[] = []
  const log = files.eventLog === undefined ? undefined : withFile(files.eventLog, db => ({
    end: logEnd(db),
    groups: hasTable(db, 'group_offsets')
      ? db.prepare('SELECT g.grp, g.topic, g.seq, ' +
        `COALESCE((SELECT MAX(seq) FROM messages m WHERE m.topic = g.topic), 0) AS topicEnd
          FROM group_offsets g`).all() as GroupRow[]
      : []
  }))
  for (const g of log?.groups ?? []) {
    if (g.seq > g.topicEnd) {
      findings.push({
        kind: 'offset-ahead',
        file: files.eventLog as string,
        detail: `consumer group ${g.grp} is at ${g.seq} on ${g.topic}, which ends at ${g.topicEnd}`
      })
    }
  }
  if (files.eventLog === undefined || files.store === undefined) return findings
  const store = withFile(files.store, db => ({
    watermark: readWatermark(db),
    empty: !['documents', 'cursors'].some(t => hasTable(db, t) &&
      db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined)
  }))
  const end = log?.end ?? 0
  if (store?.watermark !== undefined && store.watermark > end) {
    findings.push({
      kind: 'log-behind-store',
      file: files.eventLog,
      detail: `${files.store} recorded the log at position ${store.watermark}, but the log ends at ${end}: events ` +
        `were lost (the file was truncated, replaced or deleted)`
    })
  }
  const consumed = (log?.groups ?? []).filter(g => g.grp === READ_MODEL_GROUP && g.seq > 0)
  if ((store === undefined || store.empty) && consumed.length > 0) {
    findings.push({
      kind: 'store-lost',
      file: files.store,
      detail: `the store is ${store === undefined ? 'missing' : 'empty'} while the merger already consumed the log ` +
        `up to ${Math.max(...consumed.map(g => g.seq))}: golden records were lost`
    })
  }
  return findings
}
