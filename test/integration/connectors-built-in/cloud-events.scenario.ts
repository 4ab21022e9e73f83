// Issue 18: every message on every topic is a CloudEvent the official SDK accepts. A 200-citizen
// city runs through the five built-in connectors and the normalizer; then a message that is not
// JSON and an event in the older envelope are fed to the normalizer (the first becomes a dead
// letter, the second is read and normalized); then every topic is read from the beginning and
// each message goes through the SDK's Kafka binding with strict validation. The two fed messages
// are the test's input, not the hub's output, and are the only ones left out.
import type { Test } from 'tap'
import { pino } from 'pino'
import type { EventLog } from '../../../infra/ports/event-log.js'
import type { Store } from '../../../infra/ports/store.js'
import { builtInConnectors, builtInMappings } from '../../../connectors/built-in.js'
import { toChangeEvent } from '../../../connectors/runner/change-event.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { staticCatalog } from '../../../consumers/normalizer/connector-catalog.js'
import { startNormalizer } from '../../../consumers/normalizer/normalizer.js'
import { civilStatusConnector } from '../../../connectors/civil-status/connector.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import { canonicalEntities } from '../../../schemas/canonical-event.js'
import { builtInPipelineScenario } from './pipeline.scenario.js'
import { cloudEventProblem, readEveryMessage } from '../../contract/cloud-events.js'
import { waitFor } from '../../helpers/wait-for.js'

const FED = 'fed-by-test-'

export async function cloudEventsOnEveryTopicScenario (t: Test,
  { eventLog, store, timeoutMs = 60000 }: { eventLog: EventLog, store: Store, timeoutMs?: number }): Promise<void> {
  await t.test('the pipeline run', async t => { await builtInPipelineScenario(t, { eventLog, store, timeoutMs }) })

  const ids = builtInConnectors.map(c => c.manifest.id)
  const topics = [
    ...ids.map(id => `source.${id}`), ...canonicalEntities.map(e => `canonical.${e}`),
    ...ids.map(id => `dlq.connector.${id}`), 'dlq.normalizer', 'dlq.merger'
  ]
  const schemas = createSchemaValidator()
  const normalizer = await startNormalizer({
    eventLog, store, logger: pino({ level: 'silent' }), catalog: staticCatalog(builtInMappings()),
    validateEvent: schemas.validator<ChangeEvent>('change-event'), mappingValidator: createMappingValidator(schemas),
    batchSize: 200, maxAttempts: 3
  })
  try {
    const record = { so_dinh_danh: '092070009999', ho_va_ten: 'PHẠM VĂN CŨ', ngay_sinh: '01021970', gioi_tinh: 'Nam',
      ngay_cap_nhat: '2026-03-01T00:00:00.000Z' }
    const current = toChangeEvent(civilStatusConnector.manifest, 'persons',
      civilStatusConnector.toChange(record as never), false, new Date().toISOString())
    const { sourcekey, connectorid, connectorversion, ingesttime, datacontenttype: _ct, ...rest } = current
    const older = { ...rest, type: 'vn.lienthong.raw.civil-status.persons', key: sourcekey,
      connector: { id: connectorid, version: connectorversion }, ingestTime: ingesttime }
    await eventLog.publish('source.civil-status', [{ key: `${FED}not-json`, value: 'not json' },
      { key: `${FED}older`, value: JSON.stringify(older) }])
    await waitFor(async () => {
      const now = await readEveryMessage(eventLog, ['dlq.normalizer', 'canonical.person'], timeoutMs)
      return now.some(m => m.key === `${FED}not-json`)
        && now.some(m => m.value.includes(`"rawEventId":"${current.id}"`)) ? true : undefined
    }, { what: 'the fed messages normalized or dead-lettered', timeoutMs })
  } finally { await normalizer.stop() }

  const messages = await readEveryMessage(eventLog, topics, timeoutMs)
  const checked = messages.filter(m => !(m.topic.startsWith('source.') && m.key.startsWith(FED)))
  for (const family of ['source.', 'canonical.', 'dlq.connector.', 'dlq.normalizer']) {
    t.ok(checked.some(m => m.topic.startsWith(family)), `the run wrote ${family}* messages`)
  }
  const problems = checked.map(cloudEventProblem).filter((p): p is string => p !== undefined)
  t.same(problems.slice(0, 10), [],
    `the SDK accepts all ${checked.length} messages in strict mode (${problems.length} rejected)`)
  const letter = checked.find(m => m.topic === 'dlq.normalizer' && m.key === `${FED}not-json`)
  t.match(letter?.headers, { 'lt-dlq-origin-topic': 'source.civil-status', 'lt-dlq-code': 'LT_ERR_EVENT_PARSE' },
    'the unreadable message is a dead letter with its origin')
}
