// Automatic pause after a long failure, dead letters and their replay, a wrong
// signature, and secret rotation with overlap, on the embedded adapters.
import t from 'tap'
import { canonicalEvent } from '../../unit/merger/fixtures.js'
import { waitFor } from '../../helpers/wait-for.js'
import { openWorld, fastDelivery } from './world.js'
import { verify } from '../../../records/subscriptions/standard-webhooks.js'
import { startReceiver } from '../../../sim/subscriber/receiver.js'
import { PURPOSE } from './world.js'

const id = '092085000201'
const named = (at: number, name: string) => canonicalEvent({ entityId: id, system: 'ho-tich', at,
  fields: { personalId: id, fullName: name } })

t.test('a receiver failing too long pauses its subscription with the reason; the resume continues with ' +
  'the same delivery', async t => {
  const world = await openWorld(t, { ...fastDelivery, maxAttempts: 4 })
  const { receiver } = world
  const sub = await world.subscribe()
  receiver.setMode({ kind: 'fail', status: 500 })
  await world.publish([named(1, 'Võ Văn Tài')])
  const stopped = await waitFor(async () => { const s =
    (await world.call('GET', `/v1/subscriptions/${sub.id}`)).body; return s.status === 'paused' ? s : undefined },
    { what: 'the automatic pause' })
  t.equal(stopped.pausedBy, 'delivery')
  t.match(stopped.pauseReason, /failed 4 times since .*: receiver answered 500/)
  t.equal(stopped.pending, 1, 'the failed delivery is still queued')
  t.equal(receiver.failed, 4)

  receiver.setMode({ kind: 'ok' })
  await world.publish([named(2, 'Võ Văn Tâm')])
  await world.call('POST', `/v1/subscriptions/${sub.id}/resume`)
  await waitFor(() => receiver.applied.length === 2, { what: 'both changes after the resume' })
  t.same(receiver.applied.map(c => c.version), [1, 2])
})

t.test('a delivery the receiver refuses for good is dead-lettered, listed and replayed with the same webhook-id',
  async t => {
  const world = await openWorld(t)
  const { receiver } = world
  const sub = await world.subscribe()
  receiver.setMode({ kind: 'fail', status: 422 })
  await world.publish([named(1, 'Đỗ Minh Quân')])
  const dead = await waitFor(async () => { const d = (await world.call('GET',
    `/v1/subscriptions/${sub.id}/dead-letters`)).body.data; return d.length === 1 ? d[0] : undefined },
    { what: 'a dead letter' })
  t.match(dead, { seq: 1, entityId: id, type: 'vn.lienthong.person.created',
    reason: 'receiver answered 422', attempts: 1 })

  receiver.setMode({ kind: 'ok' })
  await world.publish([named(2, 'Đỗ Minh Quang')])
  await waitFor(() => receiver.applied.length === 1, { what: 'the next change, not held up by the dead one' })
  const replay = await world.call('POST', `/v1/subscriptions/${sub.id}/dead-letters/1/replay`)
  t.equal(replay.statusCode, 202)
  await waitFor(() => receiver.applied.length === 2, { what: 'the replayed delivery' })
  t.equal(receiver.applied[1].webhookId, dead.webhookId)
  t.equal(receiver.records.get(id)?.version, 2, 'the older replayed version does not overwrite the newer one')
  t.same((await world.call('GET', `/v1/subscriptions/${sub.id}/dead-letters`)).body.data, [])
  t.equal((await world.call('POST', `/v1/subscriptions/${sub.id}/dead-letters/1/replay`)).body.code,
    'LT_ERR_DEAD_DELIVERY_NOT_FOUND')
})

t.test('a receiver holding the wrong secret detects every delivery as forged; rotation keeps both secrets valid ' +
  'during the overlap', async t => {
  const world = await openWorld(t)
  const { receiver } = world
  const sub = await world.subscribe()
  receiver.setSecrets(['whsec_' + Buffer.from('not the secret at all, 24b').toString('base64')])
  await world.publish([named(1, 'Huỳnh Văn Lợi')])
  await waitFor(() => receiver.rejected >= 2, { what: 'refused deliveries' })
  t.equal(receiver.applied.length, 0, 'nothing forged is applied')

  const rotated = await world.call('POST', `/v1/subscriptions/${sub.id}/secret`, { overlapSeconds: 3600 })
  t.equal(rotated.statusCode, 200)
  t.match(rotated.body, { secret: /^whsec_/, signingSecrets: 2, previousValidUntil: String })
  t.not(rotated.body.secret, sub.secret)
  // A receiver that only knows the new secret, and one that only knows the old: both verify.
  receiver.setSecrets([rotated.body.secret])
  await waitFor(() => receiver.applied.length === 1, { what: 'the delivery, signed with the new secret' })
  receiver.setSecrets([sub.secret])
  await world.publish([named(2, 'Huỳnh Văn Lộc')])
  await waitFor(() => receiver.applied.length === 2, { what: 'a delivery verified with the old secret' })

  const view = await world.call('GET', `/v1/subscriptions/${sub.id}`)
  t.notOk(JSON.stringify(view.body).includes('whsec_'), 'no secret is shown after creation')
  t.equal(view.body.secretsValidUntil.length, 2)

  // Tampering with the body is detected too.
  const body = '{"a":1}'
  const { signedHeaders } = await import('../../../records/subscriptions/standard-webhooks.js')
  const headers = signedHeaders([sub.secret], 'msg_x', Math.floor(Date.now() / 1000), body)
  t.same(verify(sub.secret, headers, body), { ok: true })
  t.same(verify(sub.secret, headers, '{"a":2}'), { ok: false, reason: 'signature' })
})

t.test('a slow receiver delays nobody else', async t => {
  const world = await openWorld(t, { ...fastDelivery, timeoutMs: 20000 })
  const slow = world.receiver
  await world.subscribe()
  // Holds every request unanswered until released: as slow as it gets.
  slow.setMode({ kind: 'hold' })
  const fast = await startReceiver({ secrets: [] })
  t.teardown(fast.close)
  const created = await world.call('POST', '/v1/subscriptions', { entity: 'person', purpose: PURPOSE, url: fast.url })
  fast.setSecrets([created.body.secret])

  await world.publish([1, 2, 3, 4, 5].map(at => named(at, `Lâm Văn Phúc ${at}`)))
  await waitFor(() => fast.applied.length === 5, { what: 'every change at the fast receiver' })
  t.equal(slow.received.length, 0, 'the slow receiver is still holding its first delivery')
  slow.setMode({ kind: 'ok' })
  await waitFor(() => slow.applied.length === 5, { timeoutMs: 60000, what: 'the slow receiver catching up' })
  t.same(slow.applied.map(c => c.version), [1, 2, 3, 4, 5])
})
