// The envelope schema accepts what the connector runner actually builds, from every kind of change
// a source produces, and the Person schema accepts what the civil-status mapping builds.
import t from 'tap'
import { createSchemaValidator, describeErrors } from '../../../schemas/validator.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import { toChangeEvent } from '../../../connectors/runner/change-event.js'
import { civilStatusConnector, type CivilStatusRaw } from '../../../connectors/civil-status/connector.js'
import type { ConnectorManifest } from '../../../connectors/contract.js'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { generateCivilStatusRecords } from '../../../sim/civil-status/records.js'

const schemas = createSchemaValidator()
const validateEvent = schemas.validator<ChangeEvent>('change-event')
const { manifest } = civilStatusConnector
const at = new Date('2025-07-02T08:15:00.000Z')
const ingestTime = '2025-07-02T08:15:03.120Z'
const records = generateCivilStatusRecords(200, 7, at) as unknown as CivilStatusRaw[]

t.test('events of the civil-status connector validate: created, updated, deleted, snapshot', async t => {
  let valid = 0
  const ops = new Set<string>()
  for (const [i, record] of records.entries()) {
    // Thirds of the records become a creation, an update and a deletion at the source.
    const variant: CivilStatusRaw = i % 3 === 0 ? { ...record, ngay_tao: record.ngay_cap_nhat } : i % 3 === 1 ? record
      : { ...record, da_xoa: true }
    for (const snapshot of [false, true]) {
      const event = toChangeEvent(manifest, 'persons', civilStatusConnector.toChange(variant), snapshot, ingestTime)
      ops.add(event.op)
      if (validateEvent(event)) valid++
      else t.fail(`event for record ${i} (snapshot ${String(snapshot)})`,
        { errors: describeErrors(validateEvent.errors) })
    }
  }
  t.equal(valid, records.length * 2, 'every event is valid')
  t.same([...ops].sort(), ['c', 'd', 'r', 'u'], 'all four operations were exercised')
})

t.test('a delete carries the tombstone as served and still validates; null data validates too', async t => {
  const event = toChangeEvent(manifest, 'persons', civilStatusConnector.toChange({ ...records[0]!, da_xoa: true }),
    false, ingestTime)
  t.match(event.data, { so_dinh_danh: records[0]!.so_dinh_danh, da_xoa: true })
  t.equal(event.op, 'd')
  t.ok(validateEvent(event), 'valid', { errors: describeErrors(validateEvent.errors) })
  t.ok(validateEvent({ ...event, data: null }), 'a source that sends no record on delete is valid too')
})

t.test('a pre-release connector version is a valid version', async t => {
  const beta: ConnectorManifest = { ...manifest, version: '2.0.0-rc.1' }
  t.ok(validateEvent(toChangeEvent(beta, 'persons', civilStatusConnector.toChange(records[1]!), false, ingestTime)))
})

t.test('a manifest the envelope cannot carry is caught by the schema', async t => {
  const upper: ConnectorManifest = { ...manifest, id: 'Civil_Status' }
  const event = toChangeEvent(upper, 'persons', civilStatusConnector.toChange(records[1]!), false, ingestTime)
  t.notOk(validateEvent(event))
  const paths = describeErrors(validateEvent.errors).map(e => e.path)
  t.ok(paths.includes('/source') && paths.includes('/connectorid'), 'names source and connector id', { paths })
  const badTime = toChangeEvent(manifest, 'persons',
    { ...civilStatusConnector.toChange(records[1]!), sourceTime: '02/07/2025' }, false, ingestTime)
  t.notOk(validateEvent(badTime))
  t.ok(describeErrors(validateEvent.errors).some(e => e.path === '/time'), 'names /time')
})

t.test('persons built by the civil-status mapping validate against Person', async t => {
  const validatePerson = schemas.validator('person')
  let mapped = 0
  for (const record of records) {
    const result = applyMapping(civilStatusConnector.mapping, 'persons', record)
    if (!result.ok) { t.fail(`mapping failed: ${result.errors[0].code}`); continue }
    const person = result.entities[0].fields
    if (!validatePerson(person)) t.fail(`person ${mapped}`, { errors: describeErrors(validatePerson.errors) })
    else mapped++
  }
  t.equal(mapped, records.length, 'every mapped person is valid')
})

t.test('every event is a CloudEvent the official SDK accepts in strict mode, typed by stream and verb', async t => {
  const { CloudEvent, Kafka } = await import('cloudevents')
  const { changeEventMessage } = await import('../../../connectors/runner/change-event.js')
  const types = new Set<string>()
  for (const [i, record] of records.slice(0, 30).entries()) {
    const variant: CivilStatusRaw = i % 3 === 0 ? { ...record, ngay_tao: record.ngay_cap_nhat } : i % 3 === 1 ? record
      : { ...record, da_xoa: true }
    for (const snapshot of [false, true]) {
      const m = changeEventMessage(toChangeEvent(manifest, 'persons', civilStatusConnector.toChange(variant), snapshot,
        ingestTime))
      const parsed = Kafka.toEvent({ key: m.key, value: m.value, headers: m.headers ?? {}, body: m.value,
        timestamp: '0' } as never) as InstanceType<typeof CloudEvent>
      t.doesNotThrow(() => new CloudEvent({ ...parsed }, true), `record ${i} (snapshot ${String(snapshot)})`)
      types.add(parsed.type)
    }
  }
  t.same([...types].sort(), ['vn.lienthong.persons.created', 'vn.lienthong.persons.deleted',
    'vn.lienthong.persons.read', 'vn.lienthong.persons.updated'])
})

t.test('an event in the older envelope still reads, as the current one', async t => {
  const { upgradeChangeEvent } = await import('../../../schemas/change-event.js')
  const current = toChangeEvent(manifest, 'persons', civilStatusConnector.toChange(records[1]!), true, ingestTime)
  const { sourcekey, connectorid, connectorversion, ingesttime, datacontenttype: _ct, ...rest } = current
  const older = { ...rest, type: 'vn.lienthong.raw.civil-status.persons', key: sourcekey,
    connector: { id: connectorid, version: connectorversion }, ingestTime: ingesttime }
  t.notOk(validateEvent(older), 'the older shape is not the current schema')
  t.same(upgradeChangeEvent(older), current, 'upgraded field by field')
  t.ok(validateEvent(upgradeChangeEvent(older)))
})
