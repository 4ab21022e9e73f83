// SIGTERM's stop is bounded: a stop that never settles gives way to the bound, one that finishes
// or fails says so. The bound's own timer keeps the process alive until it fires: a stop hung on a
// promise with no handle left must not end the process with 0 as if it had stopped cleanly.
import t from 'tap'
import { stopWithin } from '../../../hub/bounded-stop.js'

t.test('a stop that finishes in time is reported stopped', async t => {
  t.same(await stopWithin(async () => await new Promise(resolve => setTimeout(resolve, 5)), 10000), { kind: 'stopped' })
})

t.test('a stop that fails is reported failed with its error', async t => {
  const err = new Error('store gone')
  t.same(await stopWithin(async () => { throw err }, 10000), { kind: 'failed', err })
})

t.test('a stop that never settles gives way to the bound', async t => {
  const outcome = await stopWithin(async () => await new Promise<void>(() => {}), 50)
  t.same(outcome, { kind: 'timed-out', afterMs: 50 })
})
