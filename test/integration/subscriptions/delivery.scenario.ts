// Issue 16's delivery scenario, on any adapters (embedded: delivery.test.ts; Kafka and FerretDB:
// test/engines/subscriptions.test.ts): a receiver that fails, is slow, and is killed and
// restarted gets every change of a granted field at least once, in per-record order, and nothing
// outside the grant; each delivery is in the audit chain and the citizen's access log; a paused
// subscription misses nothing.
import type { Test } from 'tap'
import { canonicalEvent } from '../../unit/merger/fixtures.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import type { Store } from '../../../infra/ports/store.js'
import { readVersions } from '../../../records/reader.js'
import { readAccessLog } from '../../../gateway/security/access-log.js'
import { verifyAuditChain } from '../../../gateway/security/audit-verify.js'
import { waitFor } from '../../helpers/wait-for.js'
import { fastDelivery, openWorld, type Adapters, type World } from './world.js'

const people = ['092085000101', '092085000102', '092085000103', '092085000104', '092085000105']

/** Round r of changes for person i; round 3 touches only the phone, which the grant does not cover. */
function round (r: number, id: string, i: number): CanonicalEvent {
  switch (r) {
    case 0: return canonicalEvent({ entityId: id, system: 'ho-tich', at: 1,
      fields: { personalId: id, fullName: `Lê Văn An ${i}`, birthDate: '1985-01-02', sex: 'male' } })
    case 1: return canonicalEvent({ entityId: id, system: 'ho-tich', at: 2,
      fields: { personalId: id, fullName: `Lê Văn Bình ${i}`, birthDate: '1985-01-02', sex: 'male' } })
    case 2: return canonicalEvent({ entityId: id, system: 'cu-tru', at: 3,
      fields: { permanentAddress: { line: `${i} Hòa Bình`, wardCode: '31117' } } })
    case 3: return canonicalEvent({ entityId: id, system: 'bhyt', at: 4, fields: { phone: `09120000${10 + i}` } })
    case 4: return canonicalEvent({ entityId: id, system: 'cu-tru', at: 5,
      fields: { permanentAddress: { line: `${i} Trần Phú`, wardCode: '31120' } } })
    default: return canonicalEvent({ entityId: id, system: 'ho-tich', at: 6,
      fields: { personalId: id, fullName: `Lê Văn Cường ${i}`, birthDate: '1985-01-02', sex: 'male' } })
  }
}
const publishRound = async (world: World, r: number): Promise<void> =>
  await world.publish(people.map((id, i) => round(r, id, i)))

/** What the grant lets the department see of a record version (the oracle, written out by hand). */
function granted (fields: Record<string, any> | null): string {
  if (fields === null) return 'null'
  return JSON.stringify({ fullName: fields.fullName ?? null, ward: fields.permanentAddress?.wardCode ?? null })
}

/** The versions of a person whose granted view differs from the version before: what must be delivered. */
async function expectedVersions (store: Store, id: string): Promise<number[]> {
  const history = await readVersions(store, 'person', id)
  const out: number[] = []
  let previous = 'null'
  for (const h of history) {
    const view = granted(h.deleted ? null : h.fields)
    if (view !== previous) out.push(h.version)
    previous = view
  }
  return out
}

const appliedVersions = (world: World, id: string): number[] => world.receiver.applied.filter(c =>
  c.entityId === id).map(c => c.version)

export function deliveryScenario (t: Test, adapters: Adapters, { timeoutMs = 60000 } = {}): void {
  t.test('failing, slow, killed and restarted receiver: every granted change at least once, in per-record ' +
    'order, nothing else', async t => {
    const world = await openWorld(t, fastDelivery, adapters)
    const { receiver, store } = world
    const sub = await world.subscribe()

    await publishRound(world, 0)
    await waitFor(() => receiver.applied.length >= people.length, { timeoutMs, what: 'the creations' })

    receiver.setMode({ kind: 'fail', status: 503 })
    await publishRound(world, 1)
    await waitFor(() => receiver.failed >= 3, { timeoutMs, what: 'failed attempts' })
    receiver.setMode({ kind: 'slow', delayMs: 150 })
    await publishRound(world, 2)
    await publishRound(world, 3)
    const before = receiver.received.length
    await waitFor(() => receiver.received.length > before, { timeoutMs, what: 'a slow delivery' })

    await receiver.kill()
    await publishRound(world, 4)
    await waitFor(async () => (await world.call('GET', `/v1/subscriptions/${sub.id}`)).body.pending > 0,
      { timeoutMs, what: 'deliveries queued while the receiver is down' })
    await receiver.start()
    receiver.setMode({ kind: 'ok' })
    await publishRound(world, 5)

    const expected = new Map<string, number[]>()
    await waitFor(async () => {
      for (const id of people) {
        const want = await expectedVersions(store, id)
        // Round 5 merged (the last name) and every version that changed a granted field applied.
        if (want.length < 5 || appliedVersions(world, id).join() !== want.join()) return false
        expected.set(id, want)
      }
      return true
    }, { timeoutMs, what: 'every granted change applied' })

    for (const id of people) {
      // Five granted changes: created, two names, two wards; the phone-only version is not among them.
      t.equal(expected.get(id)?.length, 5, `${id}: five versions changed granted fields`)
      const arrivals = receiver.received.filter(c => c.entityId === id).map(c => c.version)
      t.same(arrivals, [...arrivals].sort((a, b) => a - b), `${id}: arrivals in version order (duplicates allowed)`)
      t.match(receiver.records.get(id)?.data, { fullName: /^Lê Văn Cường/, permanentAddress: { wardCode: '31120' } })
    }
    t.ok(receiver.failed >= 3, 'the failures were exercised')
    t.equal(receiver.rejected, 0, 'every signature verified')

    const allowed = new Set(['fullName', 'permanentAddress', 'permanentAddress.wardCode'])
    for (const c of receiver.received) {
      for (const side of [c.data.before, c.data.after] as Array<Record<string, any> | null>) {
        if (side === null) continue
        t.same(Object.keys(side).filter(k => !allowed.has(k)), [], `${c.webhookId}: only granted fields`)
        if (side.permanentAddress !== undefined) t.same(Object.keys(side.permanentAddress), ['wardCode'],
          'the street is not granted')
      }
      t.same((c.data.changed as string[]).filter(p => !allowed.has(p)), [], 'changed names granted paths only')
      t.same(Object.keys(c.data.provenance as object).filter(p => !allowed.has(p)), [],
        'provenance of granted fields only')
    }
    const types = receiver.applied.filter(c => c.entityId === people[0]).map(c => c.type)
    t.same(types, ['vn.lienthong.person.created', 'vn.lienthong.person.updated', 'vn.lienthong.person.updated',
      'vn.lienthong.person.moved', 'vn.lienthong.person.updated'], 'a first address is no move; a new one is')

    // Every delivery is a disclosure: in the citizen's access log, under the subscription's purpose.
    const log = await readAccessLog(store, people[0], { limit: 100 })
    const disclosed = new Set(log.filter(l => l.clientId === world.client.id
      && l.purpose === '1.004222').map(l => l.requestId))
    for (const c of receiver.applied.filter(c => c.entityId === people[0])) t.ok(disclosed.has(c.webhookId),
      `delivery ${c.version} is in the access log`)
    const chain = await verifyAuditChain(store)
    t.ok(chain.ok, 'audit verify: the chain and the access log agree')
    t.ok(chain.entries >= 25, 'one entry per delivery at least')
    t.equal((await world.call('GET', `/v1/subscriptions/${sub.id}`)).body.status, 'active')
  })

  t.test('a paused subscription keeps queuing and its resume delivers everything, in order', async t => {
    const world = await openWorld(t, fastDelivery, adapters)
    const { receiver } = world
    const id = '092085000201'
    const named = (at: number, name: string) => canonicalEvent({ entityId: id, system: 'ho-tich', at,
      fields: { personalId: id, fullName: name } })
    const sub = await world.subscribe()
    await world.publish([named(1, 'Phạm Thị Hoa')])
    await waitFor(() => receiver.applied.length === 1, { timeoutMs, what: 'the first change' })

    const paused = await world.call('POST', `/v1/subscriptions/${sub.id}/pause`)
    t.match(paused.body, { status: 'paused', pausedBy: 'client' })
    await world.publish([named(2, 'Phạm Thị Hồng'), named(3, 'Phạm Thị Huệ')])
    const queued = await waitFor(async () => { const s =
      (await world.call('GET', `/v1/subscriptions/${sub.id}`)).body; return s.pending >= 2 ? s : undefined },
      { timeoutMs, what: 'two changes queued while paused' })
    t.equal(queued.status, 'paused')
    // At least once: a batch the fan-out handles again may queue a change twice (same webhook-id).
    t.equal(receiver.received.length, 1, 'nothing delivered while paused')

    const resumed = await world.call('POST', `/v1/subscriptions/${sub.id}/resume`)
    t.equal(resumed.body.status, 'active')
    t.notOk('pauseReason' in resumed.body, 'the reason is cleared')
    await waitFor(() => receiver.applied.length === 3, { timeoutMs, what: 'the queued changes' })
    t.same(receiver.applied.map(c => c.version), [1, 2, 3])
    t.equal(receiver.records.get(id)?.data.fullName, 'Phạm Thị Huệ')
  })
}
