// `lienthong load` as a real process on a small simulated city (embedded): killed with SIGKILL in
// the middle of the load, run again, it resumes and ends with the same city as a load that was never
// interrupted: the same summary counts, the same golden records, conflicts and links, and the same
// events in every record's history. What follows the order events arrived in (history versions, the
// record version a conflict names) is compared by what it must name, not by its number.
import t, { type Test } from 'tap'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../hub/config.js'
import { builtInConnectors } from '../../connectors/built-in.js'
import { openStore } from '../../infra/open-adapters.js'
import type { CollectionName } from '../../infra/ports/store.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { documentsOf, mergerCollections, stripVolatile } from '../../consumers/merger/store-hash.js'
import type { ConflictDoc, HistoryDoc } from '../../records/golden-record.js'
import { foldHistory } from '../../records/merge/history-fold.js'
import { loadSurvivorship, type SurvivorshipRules } from '../../records/merge/survivorship.js'
import { spawnHub, type HubProcess } from '../helpers/spawn-hub.js'

// Three loads in child processes on a 2-core machine: generous bounds, nothing timed is asserted.
t.setTimeout(900000)

interface Summary { citizens: number, events: number, canonicalEvents: number, resumedFrom: number, seconds: number,
  conflicts: number, unresolved: number, deadLetters: number }

const CITIZENS = '300'

function loadIn (dataDir: string): HubProcess {
  // Small pages, so the sources are read in many steps and a kill finds the load half done.
  const sources = Object.fromEntries(builtInConnectors.map(c => [c.manifest.id, { pageSize: 25 }]))
  const config = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'x'}-config.json`)
  writeFileSync(config, JSON.stringify({ sources }))
  return spawnHub(['load', '--json', '--progress-s', '0.2'], { LT_DATA_DIR: dataDir, LT_SIM_CITIZENS: CITIZENS,
    LT_SIM_PORT: '0', LT_CONFIG_FILE: config })
}

async function summaryOf (t: Test, p: HubProcess): Promise<Summary> {
  const [, json] = await p.waitForOutput(/^(\{"summary".*\})$/m, 600000)
  t.equal(await p.exited, 0, 'the load exits 0')
  return (JSON.parse(json) as { summary: Summary }).summary
}

/** Compared document for document: the golden records and what the merger keeps beside them. */
const exact: CollectionName[] = [...mergerCollections.filter(c => c !== 'history'), 'id_links', 'unresolved']

/**
 * Two loads of the same city differ only in when they ran: ingest times, the bitemporal validFrom,
 * appliedAt, detectedAt. Every date-time at or after the test's start is such a time, and is masked;
 * the source times (the city's, all in the past) and everything else must be equal.
 */
function maskIngestClock (value: unknown, since: number): unknown {
  if (Array.isArray(value)) return value.map(v => maskIngestClock(v, since))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value)
    .map(([k, v]) => [k, maskIngestClock(v, since)]))
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
    && Date.parse(value) >= since) return '<ingest clock>'
  return value
}

interface CityContents {
  hashes: Record<string, string>
  documents: Record<string, number>
  history: string[]
  /** Conflicts whose recordVersion is not a version of their record showing them as they are. */
  misplacedConflicts: string[]
}

/**
 * A conflict's recordVersion is the record version at which it took its present form. Versions
 * follow arrival order, which differs between two loads of the same city (the sources run
 * concurrently, and a resumed load interleaves them differently again): one load may apply a
 * person's second civil-status event before the residence event that opens a birthDate conflict, the
 * other after it, so the same conflict names version 3 in one store and 2 in the other. So it is left
 * out of the comparison between the stores, and checked within each: at that version the record's
 * history, folded, shows the conflict open with the same sources and since (or not open, if resolved).
 */
function withoutRecordVersion (collection: CollectionName, doc: Record<string, unknown>): Record<string, unknown> {
  if (collection !== 'conflicts') return doc
  const { recordVersion: _arrivalOrder, ...kept } = doc
  return kept
}

function misplaced (conflict: ConflictDoc, history: HistoryDoc[], rules: SurvivorshipRules): boolean {
  const upTo = history.filter(e => e.recordVersion <= conflict.recordVersion)
  if (upTo.at(-1)?.recordVersion !== conflict.recordVersion) return true
  const flag = foldHistory(upTo, rules, { lastOnly: true }).at(-1)?.conflicts?.[conflict.field]
  const { sourceSystems, since } = conflict
  const expected = conflict.status === 'open' ? { sourceSystems, since } : undefined
  return canonicalJson(flag ?? null) !== canonicalJson(expected ?? null)
}

/**
 * A hash of every document of `exact`, and each record's history as the sorted list of the events
 * applied to it. History versions follow the order events arrived in, which a resumed load changes
 * (its sources interleave differently): the same events, none lost or twice, is what must hold.
 */
async function cityContents (dataDir: string, since: number): Promise<CityContents> {
  const store = await openStore(loadConfig({ overrides: { dataDir } }))
  const hashes: Record<string, string> = {}
  const documents: Record<string, number> = {}
  try {
    for (const collection of exact) {
      // One hash per collection, so a difference names its collection.
      const sha = createHash('sha256')
      documents[collection] = 0
      for await (const doc of documentsOf(store, collection)) {
        const compared = withoutRecordVersion(collection, stripVolatile(collection, doc))
        sha.update(`${canonicalJson(maskIngestClock(compared, since))}\n`)
        documents[collection]++
      }
      hashes[collection] = sha.digest('hex')
    }
    const history: string[] = []
    const byRecord = new Map<string, HistoryDoc[]>()
    for await (const doc of documentsOf(store, 'history')) {
      const entry = doc as HistoryDoc
      history.push(`${entry.entity} ${entry.entityId} ${entry.eventId}`)
      byRecord.set(entry.recordKey, [...(byRecord.get(entry.recordKey) ?? []), entry])
    }
    // History _ids end with the zero-padded version, so each record's entries are in version order.
    const rules = loadSurvivorship()
    const misplacedConflicts: string[] = []
    for await (const doc of documentsOf(store, 'conflicts')) {
      const conflict = doc as ConflictDoc
      const entries = byRecord.get(`${conflict.entity}:${conflict.entityId}`) ?? []
      if (misplaced(conflict, entries, rules)) misplacedConflicts.push(`${conflict._id} v${conflict.recordVersion}`)
    }
    return { hashes, documents, history: history.sort(), misplacedConflicts }
  } finally { await store.close() }
}

t.test('a load killed half way resumes and ends as a load never killed', async t => {
  const since = Date.now()
  const root = t.testdir({ killed: {}, clean: {} })
  const killedDir = join(root, 'killed')
  const cleanDir = join(root, 'clean')

  const first = loadIn(killedDir)
  t.teardown(async () => { await first.stop('SIGKILL') })
  // Half way: the sources have published something and the merge has not caught up.
  await first.waitForOutput(/load: .*read civil-status [1-9]\d*.*\| merged (\d+)\/(\d+)/, 600000)
  first.child.kill('SIGKILL')
  await first.exited
  t.notMatch(first.output(), /"summary"/, 'killed before it finished')

  const resumed = await summaryOf(t, loadIn(killedDir))
  t.ok(resumed.resumedFrom > 0, 'the second run found the first run\'s events in the log')
  const clean = await summaryOf(t, loadIn(cleanDir))
  t.equal(clean.resumedFrom, 0, 'a first load starts from nothing')

  t.equal(resumed.citizens, clean.citizens, 'citizens')
  t.equal(resumed.citizens, Number(CITIZENS), 'every citizen of the city has a golden record')
  t.equal(resumed.conflicts, clean.conflicts, 'conflicts')
  t.equal(resumed.unresolved, clean.unresolved, 'unresolved')
  t.equal(resumed.deadLetters >= clean.deadLetters, true,
    'dead letters: none lost (a page published again repeats its own)')
  t.ok(resumed.events >= clean.events, 'events: none lost (a page published again before its cursor was saved repeats)')
  const [afterKill, neverKilled] = [await cityContents(killedDir, since), await cityContents(cleanDir, since)]
  t.ok(afterKill.documents.persons > 0 && afterKill.history.length > 0,
    'the comparison covers golden records and history')
  t.same(afterKill.documents, neverKilled.documents, 'as many documents in each collection')
  t.same(afterKill.hashes, neverKilled.hashes, 'golden records, conflicts, links and unresolved are the same documents')
  t.same(afterKill.history, neverKilled.history, 'each record\'s history holds the same events, none lost, none twice')
  t.ok(afterKill.documents.conflicts > 0, 'the city has conflicts, so their record versions are checked')
  const named = 'each conflict names the record version where it took its form'
  t.same(afterKill.misplacedConflicts, [], `after the kill, ${named}`)
  t.same(neverKilled.misplacedConflicts, [], `never killed, ${named}`)
})
