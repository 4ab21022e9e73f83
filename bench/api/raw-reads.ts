// Ceilings measured on the store itself, with no HTTP, no access control and no audit: a get by
// id on random persons, and the reads a prefill of 2.000986 makes (mother, father, household,
// the mother's health-insurance cards) issued all at once with Promise.all, through the same
// records reader functions the prefill route's readers call.
import type { Store } from '../../infra/ports/store.js'
import { linkedRecords, readCurrent } from '../../records/reader.js'
import { closedLoop, type LatencySummary } from './latency.js'
import { uniformKeys } from './keys.js'
import type { PrefillSubject } from './subjects.js'

export interface LoopSettings { concurrency: number, durationMs: number, warmupMs: number }

export async function rawGetLoop (store: Store, ids: string[], settings: LoopSettings,
  seed: number): Promise<LatencySummary> {
  const pick = uniformKeys(ids, seed)
  return await closedLoop(async () => {
    if (await store.get('persons', pick()) === undefined) throw new Error('missing person')
  }, settings)
}

/** The reads a prefill of 2.000986 makes for one subject, all at once. */
export async function prefillReads (store: Store, s: PrefillSubject): Promise<void> {
  const [mother, , household, cards] = await Promise.all([
    readCurrent(store, 'person', s.mother),
    readCurrent(store, 'person', s.father),
    readCurrent(store, 'household', s.householdId),
    linkedRecords(store, 'health-insurance-card', s.mother)
  ])
  if (mother === undefined || household === undefined || cards.length === 0) {
    throw new Error('prefill subject lost its data')
  }
}

export async function rawPrefillReadsLoop (store: Store, subjects: PrefillSubject[],
  settings: LoopSettings): Promise<LatencySummary> {
  let next = 0
  return await closedLoop(async () => { await prefillReads(store, subjects[next++ % subjects.length]) }, settings)
}
