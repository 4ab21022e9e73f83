// A queue's numbers can arrive out of order when two fan-out members reserve and then write: the
// deliverer takes only the items that follow its position without a gap, until the gap is old.
import t from 'tap'
import { contiguous, type OutboxItem } from '../../../records/subscriptions/outbox.js'

const now = Date.parse('2026-03-01T08:00:00.000Z')
const item = (seq: number, ageMs = 0) => ({ seq, createdAt: new Date(now - ageMs).toISOString() }) as OutboxItem

t.test('items after the position without a gap', async t => {
  t.same(contiguous(4, [item(5), item(6), item(7)], 30000, now).map(i => i.seq), [5, 6, 7])
  t.same(contiguous(4, [item(5), item(7), item(8)], 30000, now).map(i => i.seq), [5], 'stops before a fresh gap')
  t.same(contiguous(4, [item(6), item(7)], 30000, now).map(i => i.seq), [], 'nothing while the first number is missing')
})

t.test('an old gap is a reservation never written: skipped', async t => {
  t.same(contiguous(4, [item(6, 31000), item(7, 31000)], 30000, now).map(i => i.seq), [6, 7])
})
