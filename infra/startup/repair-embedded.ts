// `lienthong repair`: acts on what check-embedded.ts found, rebuilding what can be rebuilt from
// what is left, and says each thing it did. Nothing is deleted: a damaged file is set aside next
// to the original (…sqlite.damaged-<time>) for a later look.
import { existsSync, renameSync } from 'node:fs'
import { hasTable, logEnd, withFile, type EmbeddedFiles } from './embedded-files.js'
import { clearWatermark, writeWatermark } from './log-watermark.js'
import { READ_MODEL_GROUP, type Finding } from './check-embedded.js'

function setAside (file: string, stamp: string): string {
  const aside = `${file}.damaged-${stamp}`
  renameSync(file, aside)
  // The WAL and its index belong to the damaged file; a new file must not pick them up.
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  return aside
}

/** Sources are read again from the start: what they still hold comes back into the log. */
function forgetCursors (store: string | undefined, done: string[]): void {
  if (store === undefined) return
  const n = withFile(store, db => hasTable(db, 'cursors') ? db.prepare('DELETE FROM cursors').run().changes : 0) ?? 0
  done.push(
    `reset ${n} connector cursor(s) in ${store}: connectors read their sources again from the start and publish what ` +
    `they still hold`
  )
}

/** The merger replays the log from the start into the store (golden records, history, conflicts). */
function replayReadModels (eventLog: string | undefined, done: string[]): void {
  if (eventLog === undefined) {
    done.push('the store is rebuilt from Kafka only by `lienthong rebuild`; nothing reset')
    return
  }
  const n = withFile(eventLog, db => hasTable(db, 'group_offsets')
    ? db.prepare('DELETE FROM group_offsets WHERE grp = ?').run(READ_MODEL_GROUP).changes
    : 0) ?? 0
  done.push(
    `reset the merger's ${n} position(s) in ${eventLog}: golden records are rebuilt from the log at the next start`
  )
}

export function repairEmbedded (files: EmbeddedFiles, findings: Finding[], now = new Date()): string[] {
  const done: string[] = []
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const kinds = new Set(findings.map(f => f.kind))
  const damaged = findings.filter(f => f.kind === 'unreadable' || f.kind === 'corrupt')
  for (const f of damaged) {
    done.push(`set ${f.file} aside as ${setAside(f.file, stamp)}; a new, empty one is created at the next start`)
  }
  const logDamaged = damaged.some(f => f.file === files.eventLog)
  const storeDamaged = damaged.some(f => f.file === files.store)
  if (storeDamaged) {
    done.push(
      'not rebuildable from the log: API clients, grants, registered connectors and the access log of the old store; ' +
      'restore them from a backup'
    )
    if (!logDamaged) replayReadModels(files.eventLog, done)
  }
  if (logDamaged || kinds.has('log-behind-store')) {
    done.push(
      `the events missing from ${files.eventLog ?? 'the log'} are lost; what the sources still hold is read again`
    )
    if (!storeDamaged) forgetCursors(files.store, done)
  }
  if (kinds.has('store-lost') && !storeDamaged) replayReadModels(files.eventLog, done)
  if (kinds.has('offset-ahead') || kinds.has('log-behind-store')) {
    const moved = withFile(files.eventLog as string, db => !hasTable(db, 'group_offsets')
      ? 0
      : db.prepare(`UPDATE group_offsets SET seq =
      COALESCE((SELECT MAX(seq) FROM messages m WHERE m.topic = group_offsets.topic), 0)
      WHERE seq > ` + 'COALESCE((SELECT MAX(seq) FROM messages m WHERE m.topic = group_offsets.topic), 0)')
        .run().changes) ?? 0
    if (moved > 0) {
      done.push(
        `moved ${moved} consumer position(s) past the end of their topic back to the end in ${files.eventLog as string}`
      )
    }
  }
  // The store's record of the log now describes the log as it is.
  if (files.store !== undefined && !storeDamaged) {
    const end = files.eventLog !== undefined && !logDamaged ? withFile(files.eventLog, logEnd) : undefined
    withFile(files.store, db => { if (end === undefined) clearWatermark(db); else writeWatermark(db, end) })
    done.push(`recorded the log's end (${end ?? 0}) in ${files.store}`)
  }
  return done
}
