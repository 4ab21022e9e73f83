// The change feed the merger publishes: one change per new golden version with its kinds, and
// published before the golden record is written, so a failed publish leaves the batch to be
// delivered again instead of a golden change nobody is told about.
import t from 'tap'
import type { ValidateFunction } from 'ajv'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { createMergeBatch } from '../../../consumers/merger/merge-batch.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { deriveChanges, type AppliedVersions, type RecordChange } from '../../../records/subscriptions/change-event.js'
import { asMessage, canonicalEvent, quiet } from '../merger/fixtures.js'

const id = '092085000401'
const validate = createSchemaValidator()
  .validator<CanonicalEvent>('canonical-event') as ValidateFunction<CanonicalEvent>

function merger (onVersions: (applied: AppliedVersions[]) => Promise<void>) {
  const store = openEmbeddedStore({ file: ':memory:' })
  const merge = createMergeBatch({ store, rules: loadSurvivorship(), logger: quiet, validate,
    deadLetter: async () => {}, onVersions })
  return { store, apply: async (events: CanonicalEvent[]) => await merge(events.map(asMessage)) }
}

t.test('each new version becomes a change with its kinds; a version changing nothing is left out', async t => {
  const changes: RecordChange[] = []
  const { store, apply } = merger(async applied => { changes.push(...applied.flatMap(deriveChanges)) })
  t.teardown(async () => { await store.close() })
  await apply([canonicalEvent({ entityId: id, system: 'ho-tich', at: 1,
    fields: { personalId: id, fullName: 'Trương Văn Nam' } })])
  await apply([
    canonicalEvent({ entityId: id, system: 'cu-tru', at: 2,
      fields: { permanentAddress: { line: '3 Lý Tự Trọng', wardCode: '31117' } } }),
    canonicalEvent({ entityId: id, system: 'ho-tich', at: 3,
      fields: { personalId: id, fullName: 'Trương Văn Nam', dateOfDeath: '2026-02-01' } })
  ])
  await apply([canonicalEvent({ entityId: id, system: 'ho-tich', at: 4, op: 'delete' }),
    canonicalEvent({ entityId: id, system: 'cu-tru', at: 5, op: 'delete' })])
  t.same(changes.map(c => [c.version, c.kinds]),
    [[1, ['created']], [2, ['updated']], [3, ['died', 'updated']], [4, ['updated']], [5, ['deleted']]])
  // The first address the hub learns is not a move (the delivery scenario shows a real one).
  t.same(changes[1].changed, ['permanentAddress', 'permanentAddress.line', 'permanentAddress.wardCode'])
  t.notOk('fullName' in (changes[3].after ?? {}), 'civil status withdrew its fields; residence still holds the record')
  t.equal(changes[4].after, null, 'deleted once no source holds it')
  t.equal(changes[4].previousVersion, 4)
  t.match(changes[2].provenance.dateOfDeath, { sourceSystem: 'ho-tich' })
})

t.test('a failed publish fails the batch before the golden record moves', async t => {
  let fail = true
  const published: number[] = []
  const { store, apply } = merger(async applied => {
    if (fail) throw new Error('event log down')
    published.push(...applied.flatMap(deriveChanges).map(c => c.version))
  })
  t.teardown(async () => { await store.close() })
  const event =
    canonicalEvent({ entityId: id, system: 'ho-tich', at: 1, fields: { personalId: id, fullName: 'Trương Văn Nam' } })
  await t.rejects(apply([event]), /event log down/)
  t.equal(await store.get('persons', id), undefined, 'no golden record without its change published')
  fail = false
  await apply([event])
  t.same(published, [1], 'the redelivered batch publishes the change')
  t.equal((await store.get('persons', id))?.version, 1)
})
