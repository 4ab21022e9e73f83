// Secret rotation with overlap: the previous secret keeps signing until the overlap ends, and
// rotating again within it keeps at most three secrets signing.
import t from 'tap'
import { liveSecrets, rotateSecret, type SubscriptionDoc } from '../../../records/subscriptions/subscription-store.js'

const at = (s: string) => new Date(`2026-03-01T${s}:00.000Z`)
const doc = { _id: 'sub_aaaaaaaaaaaaaaaaaaaa', version: 1,
  secrets: [{ secret: 'whsec_AAAA', createdAt: at('08:00').toISOString() }] } as unknown as SubscriptionDoc

t.test('the old secret signs during the overlap only', async t => {
  const once = rotateSecret(doc, 3600, at('09:00'))
  t.equal(once.secrets.length, 2)
  t.same(liveSecrets(once, at('09:30')), ['whsec_AAAA', once.secrets[1].secret])
  t.same(liveSecrets(once, at('10:01')), [once.secrets[1].secret])
})

t.test('rotating again within the overlap keeps at most three signing', async t => {
  let d = doc
  for (const time of ['09:00', '09:01', '09:02', '09:03']) d = rotateSecret(d, 3600, at(time))
  t.equal(liveSecrets(d, at('09:04')).length, 3)
  t.notOk(liveSecrets(d, at('09:04')).includes('whsec_AAAA'), 'the oldest is dropped')
})
