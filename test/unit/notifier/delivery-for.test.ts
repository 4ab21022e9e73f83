// What one subscription may receive of one change: only granted fields, and neither the event type
// nor the ward filter reveals a field outside the grant. Plus the Standard Webhooks test vector.
import t from 'tap'
import { deliveryFor as deliver } from '../../../consumers/notifier/delivery-for.js'
import { projectFields } from '../../../gateway/security/projection.js'
import { changedPaths, type RecordChange } from '../../../records/subscriptions/change-event.js'
import { sign, verify } from '../../../records/subscriptions/standard-webhooks.js'
import type { SubscriptionDoc } from '../../../records/subscriptions/subscription-store.js'

const before = { fullName: 'Lê Thị Lan', phone: '0912000001',
  permanentAddress: { line: '1 Hòa Bình', wardCode: '31117' } }
const after = { fullName: 'Lê Thị Lan', phone: '0912000002',
  permanentAddress: { line: '9 Trần Phú', wardCode: '31120' } }
const move: RecordChange = {
  entity: 'person', entityId: '092085000301', version: 4, previousVersion: 3, kinds: ['moved', 'updated'],
  changed: changedPaths(before, after), before, after, provenance: {}, validFrom: '2026-03-01T08:00:00.000Z',
  eventId: 'e1'
}
/** With the projection reads use, as the hub wires it. */
const deliveryFor = (s: SubscriptionDoc, c: RecordChange, granted: readonly string[] | undefined) =>
  deliver(s, c, granted, projectFields)
const sub = (extra: Partial<SubscriptionDoc> = {}): SubscriptionDoc => ({
  _id: 'sub_aaaaaaaaaaaaaaaaaaaa', version: 1, clientId: 'so-tu-phap', entity: 'person', purpose: 'P', url: 'http://x',
  filter: {},
  status: 'active', secrets: [], createdAt: '', updatedAt: '', ...extra
})

t.test('changed paths name objects and their members', async t => {
  t.same(move.changed, ['permanentAddress', 'permanentAddress.line', 'permanentAddress.wardCode', 'phone'])
})

t.test('a move is delivered with the granted fields only', async t => {
  const d = deliveryFor(sub(), move, ['fullName', 'permanentAddress.wardCode'])
  t.same(d?.event.data, {
    entity: 'person', entityId: '092085000301', version: 4, previousVersion: 3, kinds: ['moved', 'updated'],
    changed: ['permanentAddress.wardCode'], before: { fullName: 'Lê Thị Lan', permanentAddress: { wardCode: '31117' } },
    after: { fullName: 'Lê Thị Lan', permanentAddress: { wardCode: '31120' } }, provenance: {}, purpose: 'P'
  })
  t.equal(d?.event.type, 'vn.lienthong.person.moved')
  t.same(d?.fields, ['fullName', 'permanentAddress.wardCode'])
  t.same(d?.subjects, ['092085000301'])
})

t.test('a change of no granted field is not sent, and an ungranted address does not make it a move', async t => {
  t.equal(deliveryFor(sub(), move, ['fullName']), undefined, 'only ungranted fields changed')
  const named = { ...move, changed: [...move.changed, 'fullName'], after: { ...after, fullName: 'Lê Thị Lành' } }
  const d = deliveryFor(sub(), named, ['fullName'])
  t.equal(d?.event.type, 'vn.lienthong.person.updated', 'the type does not reveal the move')
  t.same(d?.event.data, { ...d?.event.data as object, kinds: ['updated'], changed: ['fullName'] })
  t.equal(deliveryFor(sub({ filter: { kinds: ['moved'] } }), named, ['fullName']), undefined,
    'nor does the kinds filter')
  t.equal(deliveryFor(sub(), move, undefined), undefined, 'no grant, nothing')
})

t.test('the ward filter sees granted data only, before or after the change', async t => {
  const granted = ['fullName', 'permanentAddress.wardCode']
  t.ok(deliveryFor(sub({ filter: { wardCode: '31117' } }), move, granted), 'moved out of the ward')
  t.ok(deliveryFor(sub({ filter: { wardCode: '31120' } }), move, granted), 'moved into the ward')
  t.equal(deliveryFor(sub({ filter: { wardCode: '31999' } }), move, granted), undefined)
  t.equal(deliveryFor(sub({ filter: { wardCode: '31120' } }), move, ['fullName', 'phone']), undefined,
    'ward not granted: nothing matches')
})

t.test('the subscription\'s own field list narrows the grant', async t => {
  const d = deliveryFor(sub({ fields: ['permanentAddress.wardCode', 'phone'] }), move,
    ['fullName', 'permanentAddress.wardCode'])
  t.same(d?.event.data, { ...d?.event.data as object, before: { permanentAddress: { wardCode: '31117' } },
    changed: ['permanentAddress.wardCode'] }, 'phone dropped: not granted any more')
})

t.test('signatures follow the Standard Webhooks test vector', async t => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = '{"test": 2432232314}'
  t.equal(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body),
    'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,bm9ub3RoZXJzaWc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }
  t.same(verify(secret, headers, body, { now: 1614265330 * 1000 }), { ok: true }, 'any of several signatures')
  t.same(verify(secret, headers, body, { now: (1614265330 + 600) * 1000 }), { ok: false, reason: 'timestamp' },
    'too old')
  t.same(verify(secret, { ...headers, 'webhook-id': 'msg_other' }, body, { now: 1614265330 * 1000 }),
    { ok: false, reason: 'signature' })
})
