// Test helper: the ground truth per source, all thirteen departments of the city. The first five's
// fields come from the entity comparison (compare.ts), each field counted for the department whose
// record makes it (authority.ts: a person's name for civil status, its address for
// residence, …; a person counts as a record of both). The eight issue-19 departments' source records
// are compared with their golden records (source-compare.ts). Prints one JSON comment and asserts
// that every miss is explained, listing unexplained ones by source; hub defects found this way are
// listed apart as a known failure (tap todo), so they stay visible without being explained away.
import type { Test } from 'tap'
import { builtIns } from '../../../connectors/built-in.js'
import type { Comparison } from './compare.js'
import { authority } from './authority.js'
import type { LoadedCity } from './load-city.js'
import { compareSourceRecords, round } from './source-compare.js'
import { explainSourceMiss } from './source-explain.js'


interface SourceLine {
  records: number
  fields: number
  match: number
  share: number
  /**
   * What the truth injected into this source (invalid, conflict, legacy-id, old-ward, …): what the hub had to
   * see through.
   */
  injected: Record<string, number>
  misses: Record<string, number>
}

/** The kind of an injection line of either truth, or undefined for a record line. */
function injectionKind (e: { type: string, kind?: string }): string | undefined {
  if (e.type === 'invalid' || e.type === 'source-invalid') return 'invalid'
  if (e.type === 'conflict' || e.type === 'source-conflict') return 'conflict'
  if (e.type === 'variant' || e.type === 'source-variant') return e.kind
  return undefined
}

export async function reportPerSource (t: Test, loaded: LoadedCity, comparison: Comparison): Promise<void> {
  const { store, truth, sourceTruth } = loaded
  const groups = await store.find('unresolved', { limit: 1000 }) as Array<{
    entries: Array<{ entity: string, entityId?: string }> }>
  const waiting = new Set(groups.flatMap(g => g.entries.map(e => `${e.entity}:${e.entityId ?? ''}`)))
  const issue19 = await compareSourceRecords(store, sourceTruth, async (miss, record) =>
    await explainSourceMiss(miss, record, { store, sourceTruth, truth, waiting }))

  // The simulated department behind each built-in connector: the first five, then the eight.
  const sources = builtIns.entries.flatMap(e => e.simulatedDepartment ?? [])
  const perSource: Record<string, SourceLine> = {}
  const unexplained: Record<string, string[]> = {}
  const defects: string[] = []
  const count = (source: string, reason: string, what: string): void => {
    const line = perSource[source]
    if (line !== undefined) line.misses[reason] = (line.misses[reason] ?? 0) + 1
    if (reason.startsWith('unexplained')) (unexplained[source] ??= []).push(`${what}: ${reason}`)
    if (reason.startsWith('defect')) defects.push(`${source} ${what}: ${reason}`)
  }
  for (const source of sources) {
    const tally = comparison.perSource[source] ?? issue19.perSource[source]
      ?? { records: 0, fields: 0, match: 0, share: 0 }
    perSource[source] = { records: tally.records, fields: tally.fields, match: tally.match, share: tally.share,
      injected: {}, misses: {} }
  }
  for (const e of [...truth, ...sourceTruth] as Array<{ type: string, kind?: string, department?: string }>) {
    const kind = injectionKind(e)
    const line = perSource[e.department ?? '']
    if (kind !== undefined && line !== undefined) line.injected[kind] = (line.injected[kind] ?? 0) + 1
  }
  for (const m of comparison.misses) count(authority(m), m.reason, `${m.entity} ${m.id} ${m.field}`)
  for (const m of issue19.misses) count(m.source, m.reason, `${m.entity} ${m.id} ${m.field}`)
  const fields = Object.values(perSource).reduce((n, l) => n + l.fields, 0)
  const match = Object.values(perSource).reduce((n, l) => n + l.match, 0)

  t.comment(JSON.stringify({ perSource, allSources: { fields, match, share: round(match / fields) },
    unexplained, defects }, null, 2))
  t.same(sources.filter(s => perSource[s].fields === 0), [],
    `each of the ${sources.length} sources has fields compared with its truth`)
  t.same(unexplained, {}, 'every miss of every source is explained by its truth (unexplained listed by source)')
  t.same(defects, [], 'no miss reveals a hub defect')
}
