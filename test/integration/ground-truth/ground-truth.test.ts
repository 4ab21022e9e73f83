// Issue 5 item 6: a synthetic city loaded through the whole pipeline (five connectors, event log,
// normalizer, merger; embedded adapters) reproduces its ground truth. Reports the share of
// fields that match, per entity, per source (all thirteen: source-report.ts) and overall, with
// every miss classified by the injection that causes it; asserts that no miss is unexplained, that
// every injected conflict is found with the expected winner, and that every invalid record is in
// the dead letters with a reason.
//
// Measured (seed 47, default rates): 99.37 % of 7994 fields; (seed 11, 20 % conflicts, 2 %
// invalid): 98.82 % of 8128. The floors sit just below. (Seed 47 measured 99.56 % of 7475 before
// the city spread over all 103 units of 2025, which drew different injections: a dead-lettered
// parcel alone now costs 15 fields; every miss is still explained.) The known misses, all classified per
// field in the test output (explain-miss.ts):
// - an invalid record is dead-lettered, so the record is missing (cards) or its fields come from
//   other sources only (civil status: religion, nationality, birthplace, CMND are missing; the
//   residence's value, with its injected conflict if any, stands); a household is not derived
//   without its head's residence record, and lists no member whose record is invalid; a
//   dead-lettered marriage leaves both spouses without a marital status;
// - legacy ids: a card or parcel whose holder is named by the 9-digit CMND only is linked once a
//   source shows that CMND with the personal id (civil status does); when the holder's
//   civil-status record is dead-lettered, it waits in the unresolved set (asserted below).
// Injected conflicts the hub cannot see (reported, not asserted found): a BHYT name misspelt only in
// its diacritics when the export dropped them all, and conflicts whose winner's own record is
// dead-lettered. Everything else is found: 7 of 7 at the default rates, 56 of 58 at ten times them.
import t from 'tap'
import type { Test } from 'tap'
import type { SimulatedCityOptions } from '../../../sim/server/city.js'
import type { TruthConflict, TruthEntry } from '../../../sim/city/truth.js'
import { conflictId, goldenCollection, isGoldenRecord, type ConflictDoc } from '../../../records/golden-record.js'
import { builtInConnector, builtIns } from '../../../connectors/built-in.js'
import { loadCity, type LoadedCity } from './load-city.js'
import type { SourceTruthConflict, SourceTruthEntry } from '../../../sim/sources/truth.js'
import { foldDiacritics } from '../../../schemas/vietnam/names.js'
import { expectedRecords } from './expected.js'
import { compareWithTruth, injections } from './compare.js'
import { explainMiss } from './explain-miss.js'
import { reportPerSource } from './source-report.js'

// The truth names departments; golden records name source systems; dead letters name connectors.
const SYSTEM: Record<string, string> = { 'civil-status': 'ho-tich', residence: 'cu-tru', land: 'dat-dai', bhyt: 'bhyt',
  business: 'dang-ky-kinh-doanh' }
const CONNECTOR: Record<string, string> = { 'civil-status': 'civil-status', residence: 'residence', land: 'land',
  bhyt: 'health-insurance', business: 'business-household' }
// A truth conflict's field, as the golden person record holds it (the ward lives in the address).
const CONFLICT_FIELD: Record<TruthConflict['field'], string> = { fullName: 'fullName', birthDate: 'birthDate',
  sex: 'sex', wardCode: 'permanentAddress' }

/**
 * Why an injected conflict cannot show up in the hub, or undefined when it must. Two reasons, both
 * read from the code and the truth rather than listed by hand, so mapping a field later makes the
 * test demand its conflicts: the disagreeing source's mapping does not carry the field to the
 * person (BHYT leaves the name out on purpose, land holders' names are not mapped at all), or the
 * winner's own record is dead-lettered, so there is only one value left and nothing to disagree.
 */
function unfindableConflict (c: TruthConflict, truth: TruthEntry[]): string | undefined {
  const mapping = builtInConnector(CONNECTOR[c.department])?.mapping
  const field = c.field === 'wardCode' ? 'permanentAddress.wardCode' : c.field
  const mapped = mapping?.streams.some(s => s.entities.some(e => e.entity === 'person'
    && e.fields.some(f => f.to === field))) === true
  if (!mapped) return `${c.department} mapping does not carry person.${field}`
  const dead = truth.find(e => e.type === 'invalid' && e.department === c.winner && e.entityKey === c.entityKey)
  if (dead !== undefined) return `the winner's (${c.winner}) record is dead-lettered`
  return undefined
}

/**
 * A misspelt name that differs from the true one only in its diacritics cannot be told apart when
 * the source's export dropped every diacritic (BHYT writes 40 % of names in bare ASCII): the hub
 * holds the bare spelling, which agrees with both. Read from what the source actually delivered.
 */
function markOnlyDifference (c: TruthConflict, delivered: unknown): string | undefined {
  if (c.field !== 'fullName' || typeof delivered !== 'string') return undefined
  const bare = foldDiacritics(delivered) === delivered
  const sameLetters = foldDiacritics(c.values[c.department] ?? '')
    .toLowerCase() === foldDiacritics(c.values[c.winner] ?? '').toLowerCase()
  return bare && sameLetters
    ? `${c.department} delivered the name without diacritics and the misspelling is only in its marks` : undefined
}

interface Run { city: SimulatedCityOptions, floor: number }

async function groundTruth (t: Test, { city, floor }: Run): Promise<void> {
  const loaded = await loadCity(t.testdir({}), city)
  t.teardown(loaded.close)
  const { store, truth } = loaded

  // Fields.
  const expected = expectedRecords(truth)
  const ix = injections(truth)
  const comparison = await compareWithTruth(store, expected, (miss, record) => explainMiss(miss, record, ix,
    truth, loaded.sourceTruth))
  const byReason: Record<string, { count: number, examples: string[] }> = {}
  for (const m of comparison.misses) {
    const r = byReason[m.reason] ??= { count: 0, examples: [] }
    r.count++
    if (r.examples.length < 3) r.examples.push(`${m.entity} ${m.id} ${m.field}: got ${JSON.stringify(m.got)}, ` +
      `want ${JSON.stringify(m.want)}${m.from !== undefined ? ` (from ${m.from})` : ''}`)
  }
  t.comment(JSON.stringify({ city, counts: loaded.counts, overall: comparison.overall, perEntity: comparison.perEntity,
    missesByReason: byReason }, null, 2))
  t.ok(comparison.overall.share >= floor, `share of fields matching the truth ${comparison.overall.share} >= ${floor}`)
  const unexplained = comparison.misses.filter(m => m.reason.startsWith('unexplained'))
  t.same(unexplained, [], 'every miss is explained by an injection in the truth')
  // Records explained as waiting for a CMND link really are in the unresolved set, not lost.
  const waitingMisses = comparison.misses.filter(m => m.reason.endsWith('waits in the unresolved set'))
  const groups = await store.find('unresolved', { limit: 1000 }) as Array<{
    entries: Array<{ entity: string, entityId?: string }> }>
  const held = new Set(groups.flatMap(g => g.entries.map(e => `${e.entity}:${e.entityId ?? ''}`)))
  t.same(waitingMisses.filter(m => !held.has(`${m.entity}:${m.id}`)).map(m => `${m.entity}:${m.id}`), [],
    'every record waiting for a link is in the unresolved set')
  // Per source, all thirteen: the share of fields matched and every miss explained (source-report.ts).
  await reportPerSource(t, loaded, comparison)

  // Conflicts.
  const conflicts = truth.filter((e): e is TruthConflict => e.type === 'conflict')
  t.ok(conflicts.length > 0, 'the city has injected conflicts')
  const notFound: string[] = []
  const unfindable: Record<string, string[]> = {}
  for (const c of conflicts) {
    const why = unfindableConflict(c, truth)
    if (why !== undefined) { (unfindable[why] ??= []).push(
      `${c.field} of ${c.entityKey}: ${c.department} says ${c.values[c.department] ?? '?'}`); continue }
    const field = CONFLICT_FIELD[c.field]
    const [doc, golden] = await Promise.all([
      store.get('conflicts', conflictId('person', c.entityKey, field)) as Promise<ConflictDoc | undefined>,
      store.get(goldenCollection.person, c.entityKey)
    ])
    const open = doc?.status === 'open' && doc.values.some(v => v.sourceSystem === SYSTEM[c.department])
    const flagged = isGoldenRecord(golden)
      && golden.conflicts[field]?.sourceSystems.includes(SYSTEM[c.department]) === true
    const value = isGoldenRecord(golden) ? (c.field === 'wardCode' ? (
      golden.fields.permanentAddress as { wardCode?: string } | undefined)?.wardCode : golden.fields[field]) : undefined
    const wins = value === c.values[c.winner] && (doc === undefined || doc.chosenSourceSystem === SYSTEM[c.winner])
    const lostMarks = markOnlyDifference(c, isGoldenRecord(golden)
      ? golden.state[SYSTEM[c.department]]?.fields[field]?.value : undefined)
    if (lostMarks !== undefined && !open) { (unfindable[lostMarks] ??= []).push(
      `${c.field} of ${c.entityKey}: ${c.department} says ${c.values[c.department] ?? '?'}`); continue }
    if (!(open && flagged && wins)) notFound.push(`${c.field} of ${c.entityKey} (${c.department} ` +
      `says ${c.values[c.department] ?? '?'}, ${c.winner} wins with ${c.values[c.winner] ?? '?'}): conflict ` +
      `doc ${doc?.status ?? 'none'}, flag ${String(flagged)}, golden ${String(value)}`)
  }
  const cannot = Object.values(unfindable).reduce((n, l) => n + l.length, 0)
  t.comment(JSON.stringify({ conflicts: { injected: conflicts.length, findable: conflicts.length - cannot,
    found: conflicts.length - cannot - notFound.length, notFound, unfindable } }, null, 2))
  t.same(notFound, [], `every findable injected conflict is found with the expected winner ` +
    `(${conflicts.length - cannot} of ${conflicts.length})`)

  // Dead letters.
  const invalid = truth.filter(e => e.type === 'invalid') as Array<Extract<TruthEntry, { type: 'invalid' }>>
  t.ok(invalid.length > 0, 'the city has invalid records')
  const missingLetters = invalid.filter(e => !loaded.deadLetters.some(d =>
    d.topic === `dlq.connector.${CONNECTOR[e.department]}` && d.key === e.key
      && (d.headers['lt-dlq-reason'] ?? '').length > 0 && (d.headers['lt-dlq-code'] ?? '').startsWith('LT_ERR_')))
  t.same(missingLetters, [], `every invalid record is dead-lettered with a code and a reason (${invalid.length})`)
  // The served issue-19 departments (gplx, polled by driver-licence; viec-lam, by unemployment-benefit;
  // …) list theirs in their own truth; which connector polls which department is the built-in list's.
  const sourceConnector: Record<string, string> = Object.fromEntries(builtIns.entries
    .filter(e => e.simulatedDepartment !== undefined).map(e => [e.simulatedDepartment, e.connector.manifest.id]))
  const sourceInvalid = loaded.sourceTruth.filter(e => e.type === 'source-invalid')
  const missingSourceLetters = sourceInvalid.filter(e => !loaded.deadLetters.some(d =>
    d.topic === `dlq.connector.${sourceConnector[e.department]}` && d.key === e.key
      && (d.headers['lt-dlq-code'] ?? '').startsWith('LT_ERR_')))
  t.same(missingSourceLetters, [],
    `every invalid record of the issue-19 departments is dead-lettered (${sourceInvalid.length})`)
  t.equal(loaded.deadLetters.length, invalid.length + sourceInvalid.length, 'and nothing else is')

  await schoolAddressesLoseToResidence(t, loaded.store, truth, loaded.sourceTruth)
  await civilServantsStayApart(t, loaded.store, loaded.sourceTruth)
}

/**
 * Civil servants (noi-vu): every valid staff record is a golden civil servant as the truth lists it,
 * or waits in the unresolved set for its CMND link. The personnel database feeds no person record,
 * so its birth dates typed with day and month swapped are explained, not found: the servant's record
 * keeps the typed date and no conflict anywhere names noi-vu (who works for the city stays unseen).
 */
async function civilServantsStayApart (t: Test, store: LoadedCity['store'],
  sourceTruth: SourceTruthEntry[]): Promise<void> {
  const servants = sourceTruth.flatMap(e => e.type === 'source-record' && e.department === 'noi-vu' ? [e.record] : [])
  const swapped = new Map(sourceTruth.flatMap(e => e.type === 'source-conflict' && e.department === 'noi-vu'
    ? [[e.key, e.values['noi-vu']]] : []))
  const groups = await store.find('unresolved', { limit: 1000 }) as Array<{
    entries: Array<{ entity: string, entityId?: string }> }>
  const waiting = new Set(groups.flatMap(g => g.entries.flatMap(e => e.entity === 'civil-servant' ? [e.entityId] : [])))
  const wrong: string[] = []
  let held = 0
  for (const want of servants) {
    const code = String(want.staffCode)
    const golden = await store.get(goldenCollection['civil-servant'], code)
    if (!isGoldenRecord(golden)) { if (!waiting.has(code)) wrong.push(
      `${code}: no golden record and not waiting for a link`); continue }
    held++
    const expected = { ...want, birthDate: swapped.get(code) ?? want.birthDate }
    for (const field of ['category', 'unit', 'position', 'rank', 'salaryStep', 'salaryCoefficient',
      'status', 'birthDate']) {
      if (JSON.stringify(golden.fields[field]) !== JSON.stringify(expected[field]))
        wrong.push(`${code} ${field}: ${JSON.stringify(golden.fields[field])}`)
    }
  }
  const naming = (await store.find('conflicts', { where: { 'involves.noi_vu': true }, limit: 1000 })).map(c => c._id)
  t.comment(JSON.stringify({ civilServants: { servants: servants.length, held, waiting: waiting.size,
    swappedBirthDates: swapped.size, wrong } }))
  t.ok(servants.length > 0 && held > 0, 'the city has civil servants, loaded')
  t.same(wrong, [],
    'every civil servant is held as the truth lists it (a swapped birth date as typed) or waits for a link')
  t.same(naming, [], 'no conflict names noi-vu: the personnel database feeds no person record')
}

/**
 * A school's address against residence (giao-duc's injected disagreement): the pupil's golden person
 * keeps cu-tru's ward and the disagreement is an open conflict naming giao-duc, unless the pupil's
 * residence record is dead-lettered (then the school's is the only value). A school that agrees
 * with residence disagrees on no ward.
 */
async function schoolAddressesLoseToResidence (t: Test, store: LoadedCity['store'], truth: TruthEntry[],
  sourceTruth: SourceTruthEntry[]): Promise<void> {
  const disagreements = sourceTruth.filter((e): e is SourceTruthConflict => e.type === 'source-conflict'
    && e.department === 'giao-duc')
  const pupils = new Set(sourceTruth.flatMap(e => e.type === 'source-record' && e.department === 'giao-duc'
    ? [String(e.record.studentPersonalId)] : []))
  const residenceDead = (id: string): boolean => truth.some(e => e.type === 'invalid'
    && e.department === 'residence' && e.entityKey === id)
  const lost: string[] = []
  for (const c of disagreements) {
    if (residenceDead(c.entityKey)) continue
    const [doc, golden] = await Promise.all([
      store.get('conflicts', conflictId('person', c.entityKey, 'permanentAddress')) as Promise<ConflictDoc | undefined>,
      store.get(goldenCollection.person, c.entityKey)
    ])
    const ward = isGoldenRecord(golden) ? (golden.fields.permanentAddress as { wardCode?: string }
      | undefined)?.wardCode : undefined
    const open = doc?.status === 'open' && doc.values.some(v => v.sourceSystem === 'giao-duc')
      && doc.chosenSourceSystem === 'cu-tru'
    if (!(open && ward === c.values['cu-tru'])) lost.push(
      `${c.entityKey}: conflict ${doc?.status ?? 'none'}, golden ward ${String(ward)}, want ${c.values['cu-tru']}`)
  }
  const spurious: string[] = []
  for (const id of pupils) {
    if (residenceDead(id)) continue
    if (disagreements.some(c => c.entityKey === id)) continue
    const doc = await store.get('conflicts', conflictId('person', id, 'permanentAddress')) as ConflictDoc | undefined
    // Another source's disagreement (a BHYT ward) opens the same conflict; the school's value must agree.
    const ward = (system: string): unknown => (doc?.values.find(v => v.sourceSystem === system)
      ?.value as { wardCode?: string } | undefined)?.wardCode
    if (doc?.status === 'open' && ward('giao-duc') !== undefined
      && ward('giao-duc') !== ward('cu-tru')) spurious.push(id)
  }
  t.comment(JSON.stringify({ schoolAddresses: { pupils: pupils.size,
    disagreements: disagreements.length, lost, spurious } }))
  t.ok(pupils.size > 0, 'the city has pupils')
  t.same(lost, [], `every school address against residence loses to cu-tru (${disagreements.length})`)
  t.same(spurious, [], 'a school that agrees with residence disagrees on no ward')
}

t.test('a 300-citizen city at the default injection rates matches its ground truth', async t => {
  await groundTruth(t, { city: { citizens: 300, seed: 47 }, floor: 0.993 })
})

t.test('a 300-citizen city with ten times the conflicts and four times the invalid records', async t => {
  await groundTruth(t, {
    // The issue-19 departments too: about seven times their conflicts, four times their invalid records,
    // three times the CMNDs.
    city: { citizens: 300, seed: 11, rates: { conflict: 0.2, invalid: 0.02 },
      sourceRates: { conflict: 0.2, invalid: 0.04, legacyId: 0.3 } },
    floor: 0.985
  })
})
