// Hashes of what the merger and the dead-letter archiver stored, read from store.sqlite directly.
// - asStored: every document byte for byte (canonical JSON), for "nothing changed" within one run,
//   as the repeats scenario (test/integration/merger/repeats.scenario.ts) does through the port;
// - acrossRuns: the same without what only a wall clock or a log position decides (ingest and
//   detection times, a dead letter's log offset, a conflict's store version counting batches), so a
//   faulted run can be compared with a clean run of the same seeded city. Golden records keep
//   their version; history is compared as the set of events that made each record's versions:
//   which source's event came first depends on how the connectors' polls interleaved (a restarted
//   connector reads later), so the order of versions may differ, their number and causes may not.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { readDb } from './fault-hub.js'

const collections = ['persons', 'households', 'land_parcels', 'land_certificates', 'health_cards',
  'business_households', 'conflicts', 'history', 'dead_letters']
const wallClock = new Set([
  'ingestTime', 'newestIngestTime', 'validFrom', 'appliedAt', 'deadAt', 'detectedAt', 'recordVersion'
])

function stripRun (value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map(v => stripRun(v))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (wallClock.has(k)) continue
    if (key === 'dlq' && (k === 'offset' || k === 'partition')) continue
    out[k] = stripRun(v, k)
  }
  return out
}

export interface StoreHash { hash: string, documents: Record<string, number> }

export function storeHash (dataDir: string, mode: 'asStored' | 'acrossRuns'): StoreHash {
  return readDb(dataDir, 'store.sqlite', db => {
    const sha = createHash('sha256')
    const documents: Record<string, number> = {}
    const rows = db.prepare('SELECT id, version, body FROM documents WHERE collection = ? ORDER BY id')
    for (const collection of collections) {
      let n = 0
      const causes = new Map<string, string[]>()
      for (const row of rows.iterate(collection) as Iterable<{ id: string, version: number, body: string }>) {
        n++
        const doc = JSON.parse(row.body) as Record<string, unknown>
        if (mode === 'asStored') {
          sha.update(`${collection}\n${row.id}\n${row.version}\n${canonicalJson(doc)}\n`)
          continue
        }
        if (collection === 'history') {
          const key = String(doc.recordKey)
          causes.set(key, [...causes.get(key) ?? [], String(doc.eventId)])
          continue
        }
        const { version: _storeVersion, ...unversioned } = doc
        sha.update(
          `${collection}\n${row.id}\n${canonicalJson(stripRun(collection === 'conflicts' ? unversioned : doc))}\n`
        )
      }
      for (const [key, events] of [...causes].sort(([a], [b]) => a < b ? -1 : 1)) {
        sha.update(`history\n${key}\n${events.sort().join('\n')}\n`)
      }
      documents[collection] = n
    }
    return { hash: sha.digest('hex'), documents }
  })
}
