// A steward's decision folded by the merger: it wins the field while the sources hold the values it
// was made on (provenance rule steward, conflict resolved with the decision), in any order of the
// same events; a source changing the field voids it (conflict open again, survivorship chooses);
// a later withdrawal does the same; the steward holds no record and has no freshness.
import t from 'tap'
import type { ConflictDoc } from '../../../records/golden-record.js'
import { viewOf } from '../../../records/reader.js'
import { stewardEvent, type StewardDecision } from '../../../records/steward.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { canonicalEvent, harness } from './fixtures.js'

const id = '092085002468'
const civil =
  canonicalEvent({ entityId: id, system: 'ho-tich', at: 1, fields: { personalId: id, birthDate: '1980-01-01' } })
const residence = canonicalEvent({ entityId: id, system: 'cu-tru', at: 2, fields: { birthDate: '1980-01-02' } })
const seen = [{ sourceSystem: 'ho-tich', value: '1980-01-01' }, { sourceSystem: 'cu-tru', value: '1980-01-02' }]
const decide = (decision: Partial<StewardDecision>, minute: number, eventId: string): CanonicalEvent => stewardEvent({
  entity: 'person', entityId: id, field: 'birthDate', id: eventId, at: new Date(Date.UTC(2026, 0, 1, 1, minute)),
  decision: { steward: 'resolve', seen, legalBasis: 'Điều 6 NĐ 47/2024', by: 'steward-1', ...decision }
})
const resolve = decide({ value: '1980-01-02', chosenSourceSystem: 'cu-tru' }, 0, 'steward:a')

async function outcome (events: CanonicalEvent[]) {
  const h = harness()
  for (const e of events) await h.apply([e])
  t.same(h.dead, [], 'nothing dead-lettered')
  const view = viewOf(await h.store.get('persons', id) as never)
  const conflict = await h.store.get('conflicts', `person:${id}:birthDate`) as ConflictDoc | undefined
  return { value: view?.fields.birthDate, rule: view?.provenance.birthDate?.rule,
    sources: Object.keys(view?.sources ?? {}).sort(), deleted: view?.deleted, conflict }
}

t.test('the decision wins while the sources hold what it was made on', async t => {
  const o = await outcome([civil, residence, resolve])
  t.equal(o.value, '1980-01-02')
  t.equal(o.rule, 'steward')
  t.same(o.sources, ['cu-tru', 'ho-tich'], 'the steward is not a source of the record')
  t.equal(o.conflict?.status, 'resolved')
  t.match(o.conflict?.resolution,
    { by: 'steward-1', value: '1980-01-02', chosenSourceSystem: 'cu-tru', eventId: 'steward:a' })
})

t.test('the same events in another order give the same record', async t => {
  const a = await outcome([civil, residence, resolve])
  const b = await outcome([resolve, residence, civil])
  t.same([b.value, b.rule], [a.value, a.rule])
})

t.test('a source changing the field voids the decision', async t => {
  const changed = canonicalEvent({ entityId: id, system: 'cu-tru', at: 90, fields: { birthDate: '1980-01-03' } })
  const o = await outcome([civil, residence, resolve, changed])
  t.equal(o.value, '1980-01-01')
  t.equal(o.rule, 'authoritative')
  t.equal(o.conflict?.status, 'open')
  t.equal(o.conflict?.resolution, undefined)
})

t.test('a withdrawal reopens; a decision alone holds no record', async t => {
  const o = await outcome([civil, residence, resolve, decide({ steward: 'reopen', seen: [] }, 5, 'steward:b')])
  t.equal(o.rule, 'authoritative')
  t.equal(o.conflict?.status, 'open')
  const alone = await outcome([resolve])
  t.equal(alone.deleted, true, 'no source holds the record')
  t.equal(alone.value, undefined)
})
