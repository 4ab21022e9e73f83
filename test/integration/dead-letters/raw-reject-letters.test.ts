// Issue 12 item 10: a raw record a connector refuses is a dead letter that says where it came from
// (connector, stream, source key: it never reached a topic), carries the envelope (a CloudEvent
// the official SDK accepts), and gives a reason a clerk can act on: an impossible date reads like
// the normalizer's ("day 31 does not exist in 02/1990"), never as a regular expression.
import t from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { startSimulatedCity } from '../../../sim/server/city.js'
import { residenceConnector } from '../../../connectors/residence/connector.js'
import { createPollRunner } from '../../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../../connectors/runner/raw-schema-compiler.js'
import { toDeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { deadLetterIdentity } from '../../../consumers/dead-letters/letter-identity.js'
import { cloudEventProblem, readEveryMessage } from '../../contract/cloud-events.js'

t.test('a refused raw record: envelope, origin and a readable reason', async t => {
  const dir = t.testdir({})
  const eventLog = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const city = await startSimulatedCity({ citizens: 80, seed: 5, rates: { invalid: 0.4 } })
  t.teardown(async () => { await city.close(); await eventLog.close(); await store.close() })
  const runner = createPollRunner({
    connector: residenceConnector, baseUrl: city.departments.residence.url, pageSize: 100, timeoutMs: 5000,
    eventLog, store, logger: pino({ level: 'silent' }), compile: createRawSchemaCompiler()
  })
  await runner.runOnce()
  const rejected = runner.status().streams.residents.rejected
  t.ok(rejected > 0, `the source served invalid records (${rejected})`)
  const letters = await readEveryMessage(eventLog, ['dlq.connector.residence'], 20000)
  t.equal(letters.length, rejected, 'one letter per refused record')

  t.same(letters.map(cloudEventProblem).filter(p => p !== undefined), [], 'every letter is a CloudEvent (SDK, strict)')
  for (const m of letters) {
    const doc = toDeadLetterDoc(m)
    t.same(doc.origin, { connector: 'residence', stream: 'residents', sourceKey: m.key },
      `letter ${doc.dlq.offset}: origin is connector, stream and source key`)
    t.notMatch(doc.reason, /must match pattern/, `letter ${doc.dlq.offset}: no regular expression in the reason`)
    t.equal((JSON.parse(doc.value) as { personalId: string }).personalId, m.key,
      'the archived value is the record itself, ready for a replay')
    t.equal(JSON.parse(m.value).type, 'vn.lienthong.residents.rejected')
  }
  const dates = letters.map(m => toDeadLetterDoc(m).reason).filter(r => r.startsWith('/dateOfBirth'))
  t.ok(dates.length > 0, 'some records have an impossible birth date')
  for (const reason of dates) t.match(reason, /^\/dateOfBirth: day \d+ does not exist in \d\d\/\d{4}/,
    'said like the normalizer says it')

  // The same record refused again (a re-read source) is the same letter, though its wrapper's ingest time moved.
  // A fresh store has no cursor: the runner reads the source again from the start.
  const fresh = openEmbeddedStore({ file: join(dir, 'other-store.sqlite') })
  t.teardown(async () => { await fresh.close() })
  const again = createPollRunner({
    connector: residenceConnector, baseUrl: city.departments.residence.url, pageSize: 100, timeoutMs: 5000,
    eventLog, store: fresh, logger: pino({ level: 'silent' }), compile: createRawSchemaCompiler()
  })
  await again.runOnce()
  const both = await readEveryMessage(eventLog, ['dlq.connector.residence'], 20000)
  t.equal(both.length, 2 * rejected, 'the re-read refused the same records again')
  t.equal(new Set(both.map(deadLetterIdentity)).size, rejected, 'and they are the same letters')
})
