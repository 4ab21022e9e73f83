// One contract for every event-log adapter. `open` must return a new adapter instance backed by the
// same log each time it is called (same SQLite file, same brokers), so restarts can be simulated.
import type { Test } from 'tap'
import type { ConsumedMessage, EventLog } from '../../infra/ports/event-log.js'
import { deadLetterTopic, publishDeadLetters } from '../../infra/event-log/dead-letters.js'
import { uniqueName, waitFor } from '../helpers/wait-for.js'

export function eventLogContract (t: Test, open: () => Promise<EventLog>): void {
  t.test('delivers every message once, with headers, in per-key publish order', async t => {
    const log = await open()
    t.teardown(async () => await log.close())
    const topic = uniqueName('t-order')
    const keys = ['k1', 'k2', 'k3']
    for (let round = 0; round < 4; round++) {
      await log.publish(topic, Array.from({ length: 30 }, (_, i) => {
        const n = round * 30 + i
        return { key: keys[n % 3], value: JSON.stringify({ n }), headers: { 'ce-type': 'test', n: String(n) } }
      }))
    }
    const seen: ConsumedMessage[] = []
    const sub = await log.subscribe({ group: uniqueName('g'), topics: [topic], maxBatchSize: 7,
      handler: async batch => { seen.push(...batch) } })
    await waitFor(() => seen.length >= 120, { what: '120 messages' })
    await sub.stop()
    t.equal(seen.length, 120, 'no duplicates, nothing missing')
    for (const key of keys) {
      const ns = seen.filter(m => m.key === key).map(m => (JSON.parse(m.value) as { n: number }).n)
      t.same(ns, [...ns].sort((a, b) => a - b), `order kept for ${key}`)
      t.equal(ns.length, 40)
    }
    t.equal(seen[0].headers['ce-type'], 'test', 'headers travel with the message')
    t.equal(seen.find(m => m.headers.n === '5')?.key, 'k3')
    t.equal(sub.state(), 'stopped')
  })

  t.test('redelivers a batch whose handler failed, then commits it once it succeeds', async t => {
    const log = await open()
    t.teardown(async () => await log.close())
    const topic = uniqueName('t-retry')
    const group = uniqueName('g')
    await log.publish(topic, [{ key: 'a', value: '1' }, { key: 'a', value: '2' }])
    const attempts: string[][] = []
    const sub = await log.subscribe({
      group, topics: [topic], maxAttempts: 5,
      handler: async batch => {
        attempts.push(batch.map(m => m.value))
        if (attempts.length === 1) throw new Error('transient failure')
      }
    })
    await waitFor(() => attempts.length >= 2 && attempts.flat().filter(v => v === '2').length >= 2, { what: 'retry' })
    await sub.stop()
    t.same(attempts[0], attempts[1].slice(0, attempts[0].length), 'the failed batch came again')
    // Committed after success: a new member of the group starts after it.
    const later: string[] = []
    await log.publish(topic, [{ key: 'a', value: '3' }])
    const sub2 = await log.subscribe({ group, topics: [topic],
      handler: async batch => { later.push(...batch.map(m => m.value)) } })
    await waitFor(() => later.includes('3'), { what: 'new message' })
    await sub2.stop()
    t.same(later, ['3'], 'nothing committed is delivered again')
  })

  t.test('a process that dies before commit gets the batch again after restart', async t => {
    const topic = uniqueName('t-crash')
    const group = uniqueName('g')
    const first = await open()
    await first.publish(topic, [{ key: 'p', value: 'x' }, { key: 'q', value: 'y' }])
    const seenBeforeCrash: string[] = []
    let fatal: Error | undefined
    const sub = await first.subscribe({
      group, topics: [topic], maxAttempts: 2,
      onFatal: err => { fatal = err },
      handler: async batch => {
        seenBeforeCrash.push(...batch.map(m => m.value))
        throw new Error('simulated crash before commit')
      }
    })
    await waitFor(() => fatal, { what: 'subscription to give up' })
    t.equal(sub.state(), 'failed', 'a handler that keeps failing stops the subscription (bounded retries)')
    t.match(fatal?.message, /simulated crash/)
    await first.close()

    const second = await open()
    t.teardown(async () => await second.close())
    const seenAfter: string[] = []
    const sub2 = await second.subscribe({ group, topics: [topic],
      handler: async batch => { seenAfter.push(...batch.map(m => m.value)) } })
    await waitFor(() => seenAfter.length >= 2, { what: 'redelivery after restart' })
    await sub2.stop()
    t.same([...seenAfter].sort(), ['x', 'y'])
    t.ok(seenBeforeCrash.length >= 2, 'the first process had seen them')
  })

  t.test('messages and committed positions survive a restart', async t => {
    const topic = uniqueName('t-durable')
    const group = uniqueName('g')
    const first = await open()
    await first.publish(topic, [{ key: 'a', value: 'one' }, { key: 'b', value: 'two' }])
    const got: string[] = []
    const sub = await first.subscribe({ group, topics: [topic],
      handler: async batch => { got.push(...batch.map(m => m.value)) } })
    await waitFor(() => got.length >= 2, { what: 'first consumption' })
    await sub.stop()
    await first.close()

    const second = await open()
    t.teardown(async () => await second.close())
    await second.publish(topic, [{ key: 'a', value: 'three' }])
    const resumed: string[] = []
    const sub2 = await second.subscribe({ group, topics: [topic],
      handler: async batch => { resumed.push(...batch.map(m => m.value)) } })
    const replay: string[] = []
    const sub3 = await second.subscribe({ group: uniqueName('fresh'), topics: [topic],
      handler: async batch => { replay.push(...batch.map(m => m.value)) } })
    await waitFor(() => resumed.includes('three') && replay.length >= 3, { what: 'resume and replay' })
    await sub2.stop()
    await sub3.stop()
    t.same(resumed, ['three'], 'the group resumes after its committed position')
    t.same([...replay].sort(), ['one', 'three', 'two'], 'a new group reads everything from the beginning')
  })

  t.test('dead letters carry reason and origin', async t => {
    const log = await open()
    t.teardown(async () => await log.close())
    const topic = uniqueName('t-dlq')
    const group = uniqueName('g')
    await log.publish(topic, [{ key: 'bad', value: '{not json', headers: { 'ce-id': 'e1' } }])
    const dead: ConsumedMessage[] = []
    const sub = await log.subscribe({
      group, topics: [topic],
      handler: async batch => {
        await publishDeadLetters(log, group,
          batch.map(message => ({ message, reason: 'not JSON', code: 'LT_ERR_EVENT_PARSE' })))
      }
    })
    const dlq = await log.subscribe({ group: uniqueName('dlq-reader'), topics: [deadLetterTopic(group)],
      handler: async batch => { dead.push(...batch) } })
    await waitFor(() => dead.length >= 1, { what: 'dead letter' })
    await sub.stop()
    await dlq.stop()
    // A message that was not a CloudEvent travels wrapped as the text data of one (docs/api.md).
    const letter = JSON.parse(dead[0].value)
    t.match(letter, { specversion: '1.0', type: 'vn.lienthong.deadletter.message', datacontenttype: 'text/plain' })
    t.equal(letter.data, '{not json', 'the raw message is kept')
    t.equal(dead[0].headers['lt-dlq-reason'], 'not JSON')
    t.equal(dead[0].headers['lt-dlq-code'], 'LT_ERR_EVENT_PARSE')
    t.equal(dead[0].headers['lt-dlq-origin-topic'], topic)
    t.match(dead[0].headers['lt-dlq-origin-offset'], /^\d+$/)
    t.equal(dead[0].headers['ce-id'], 'e1', 'original headers are kept')
  })

  t.test('lastOffsets names the last message of every partition, and nothing for an empty one', async t => {
    const log = await open()
    t.teardown(async () => await log.close())
    const empty = uniqueName('t-empty')
    const emptyEnds = await log.lastOffsets([empty])
    t.ok(emptyEnds.length >= 1, 'every partition is listed')
    t.ok(emptyEnds.every(e => e.topic === empty && e.lastOffset === null), 'an empty topic has no last offset')

    const topic = uniqueName('t-ends')
    await log.publish(topic, Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: String(i) })))
    const seen: ConsumedMessage[] = []
    const sub =
      await log.subscribe({ group: uniqueName('g'), topics: [topic], handler: async batch => { seen.push(...batch) } })
    await waitFor(() => seen.length >= 12, { what: '12 messages' })
    await sub.stop()
    const lastSeen = new Map<number, bigint>()
    for (const m of seen) if ((lastSeen.get(m.partition) ?? -1n) < BigInt(m.offset)) {
      lastSeen.set(m.partition, BigInt(m.offset))
    }
    const ends = await log.lastOffsets([topic])
    for (const end of ends) {
      const expected = lastSeen.get(end.partition)
      t.equal(end.lastOffset, expected === undefined ? null : expected.toString(),
        `partition ${end.partition} ends at its last delivered message`)
    }
    const listed = new Set(ends.map(e => e.partition))
    t.ok([...lastSeen.keys()].every(p => listed.has(p)), 'no partition with messages is missing')
  })

  t.test('groupPositions: lag per partition, and committed positions that move only with commits', async t => {
    const log = await open()
    t.teardown(async () => await log.close())
    if (log.groupPositions === undefined) { t.fail('the adapter has groupPositions'); return }
    const topic = uniqueName('t-positions')
    const group = uniqueName('g')
    const committed = (ps: Array<{ partition: number, committed: string | null }>): string[] =>
      ps.map(p => `${p.partition}@${p.committed ?? '-'}`).sort()
    const consumeAll = async (n: number): Promise<void> => {
      let seen = 0
      const sub = await log.subscribe({ group, topics: [topic], handler: async batch => { seen += batch.length } })
      await waitFor(() => seen >= n, { what: `${n} messages` })
      await sub.stop()
    }
    await log.publish(topic, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: String(i) })))
    await consumeAll(6)
    const caughtUp = await log.groupPositions(group, [topic])
    t.ok(caughtUp.length >= 1 && caughtUp.every(p => p.topic === topic && p.lag === 0), 'caught up: no lag anywhere')
    t.equal(await log.groupLag?.(group, [topic]), 0)

    await log.publish(topic, Array.from({ length: 3 }, (_, i) => ({ key: `m${i}`, value: String(i) })))
    const behind = await log.groupPositions(group, [topic])
    t.equal(behind.reduce((n, p) => n + p.lag, 0), 3, 'three messages waiting')
    t.same(committed(behind), committed(caughtUp), 'nothing committed: no position moved')

    await consumeAll(3)
    const after = await log.groupPositions(group, [topic])
    t.equal(after.reduce((n, p) => n + p.lag, 0), 0)
    t.notSame(committed(after), committed(behind), 'the commits moved a position')
  })

  t.test('ping answers while open', async t => {
    const log = await open()
    await t.resolves(log.ping())
    await log.close()
  })
}
