// A consumer that follows a growing topic list subscribes again when the list changes; that
// subscribe writes the new topics' starting positions and fails on a full disk (SQLITE_FULL).
// Before, the failure rejected a timer's promise that nobody awaited: an unhandled rejection,
// which kills the process. Now the next check tries again, and the consumer follows once it can.
import t from 'tap'
import pino from 'pino'
import type { Subscription, SubscriptionState } from '../../../infra/ports/event-log.js'
import { followTopics } from '../../../consumers/follow-topics.js'
import { waitFor } from '../../helpers/wait-for.js'

function fakeSubscription (): Subscription {
  let state: SubscriptionState = 'running'
  return { stop: async () => { state = 'stopped' }, state: () => state }
}

t.test('a new topic list that cannot be subscribed yet is tried again at the next check', async t => {
  let list = ['a']
  let diskFull = false
  const subscribed: string[][] = []
  const failures: string[][] = []
  const followed = await followTopics({
    topics: async () => list,
    subscribe: async topics => {
      if (diskFull) {
        failures.push(topics)
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
      }
      subscribed.push(topics)
      return fakeSubscription()
    },
    intervalMs: 10,
    logger: pino({ level: 'silent' })
  })
  t.teardown(async () => { await followed.stop() })

  diskFull = true
  list = ['a', 'b']
  await waitFor(() => failures.length >= 2, { what: 'the new list tried more than once' })
  t.equal(followed.state(), 'failed', 'not counted as running while it has no subscription')

  diskFull = false
  await waitFor(() => subscribed.length === 2, { what: 'the new list subscribed once space returned' })
  t.same(subscribed, [['a'], ['a', 'b']], 'follows the new list')
  t.equal(followed.state(), 'running', 'running again')
  await t.resolves(followed.stop(), 'stop() settles')
})
