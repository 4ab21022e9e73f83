// The normalizer on the embedded event log and store: raw civil-status events in, canonical
// person events out; bad ones to dead letters; CMND-only records parked, then linked.
import t from 'tap'
import type { Test } from 'tap'
import { join } from 'node:path'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import type { ConsumedMessage } from '../../../infra/ports/event-log.js'
import { deadLetterTopic } from '../../../infra/event-log/dead-letters.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { civilStatusConnector } from '../../../connectors/civil-status/connector.js'
import { healthInsuranceConnector } from '../../../connectors/health-insurance/connector.js'
import { toChangeEvent } from '../../../connectors/runner/change-event.js'
import { rawTopic } from '../../../connectors/contract.js'
import { staticCatalog } from '../../../consumers/normalizer/connector-catalog.js'
import { startNormalizer, NORMALIZER_GROUP } from '../../../consumers/normalizer/normalizer.js'
import { waitFor } from '../../helpers/wait-for.js'

const base = { ho_va_ten: 'LÊ VĂN TÁM', ngay_sinh: '01021960', gioi_tinh: 'Nam',
  ngay_cap_nhat: '2026-01-01T00:00:00.000Z' }
let clock = Date.parse('2026-02-01T00:00:00.000Z')
function rawEvent (record: Record<string, unknown>): ChangeEvent {
  const stamped = { ...base, ...record, ngay_cap_nhat: new Date(clock += 1000).toISOString() }
  return toChangeEvent(civilStatusConnector.manifest, 'persons', civilStatusConnector.toChange(stamped as never), false,
    new Date(clock).toISOString())
}

/** A normalizer on a fresh embedded log and store, for the connectors given (civil status always). */
async function startTestNormalizer (t: Test, others: Parameters<typeof staticCatalog>[0] = {}) {
  const dir = t.testdir({})
  const log = openEmbeddedEventLog({ file: join(dir, 'log.sqlite') })
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  const schemas = createSchemaValidator()
  const sub = await startNormalizer({
    eventLog: log, store, logger: pino({ level: 'silent' }),
    catalog: staticCatalog({ 'civil-status': { sourceSystem: 'ho-tich',
      mapping: civilStatusConnector.mapping }, ...others }),
    validateEvent: schemas.validator<ChangeEvent>('change-event'),
    mappingValidator: createMappingValidator(schemas),
    batchSize: 50, maxAttempts: 3
  })
  return { log, store, sub }
}

t.test('normalizer', async t => {
  const { log, store, sub } = await startTestNormalizer(t)
  const canonical: CanonicalEvent[] = []
  const dead: ConsumedMessage[] = []
  const readers = await Promise.all([
    log.subscribe({ group: 'test-canonical', topics: ['canonical.person'],
      handler: async b => { canonical.push(...b.map(m => (JSON.parse(m.value) as { data: CanonicalEvent }).data)) } }),
    log.subscribe({ group: 'test-dlq', topics: [deadLetterTopic(NORMALIZER_GROUP)],
      handler: async b => { dead.push(...b) } })
  ])
  t.teardown(async () => {
    await sub.stop(); for (const r of readers) await r.stop(); await log.close(); await store.close() })
  const publish = async (events: ChangeEvent[]): Promise<void> => await log.publish(rawTopic('civil-status'),
    events.map(e => ({ key: e.subject, value: JSON.stringify(e) })))

  const good = rawEvent({ so_dinh_danh: '092060001111', so_cmnd: '361000111' })
  const invalid = rawEvent({ so_dinh_danh: '092060002222', ngay_sinh: '31022001' })
  const parkedA = rawEvent({ so_dinh_danh: undefined, so_cmnd: '361999888', ho_va_ten: 'TRẦN THỊ BA' })
  await publish([good, invalid, parkedA])
  await log.publish(rawTopic('civil-status'), [{ key: 'x', value: 'not json' }])
  await waitFor(() => canonical.length >= 1 && dead.length >= 2, { what: 'first batch' })

  t.match(canonical[0], {
    id: `${good.id}#person:092060001111`, entity: 'person', entityId: '092060001111', op: 'upsert', rawEventId: good.id,
    source: { system: 'ho-tich', connector: 'civil-status', connectorVersion: civilStatusConnector.manifest.version,
      sourceKey: '092060001111', sourceTime: good.time, position: good.position },
    fields: { fullName: 'Lê Văn Tám', birthDate: '1960-02-01', sex: 'male', legacyCmnd: '361000111' }
  })
  t.same(dead.map(d => d.headers['lt-dlq-code']).sort(), ['LT_ERR_DATE_INVALID', 'LT_ERR_EVENT_PARSE'])
  const invalidLetter = dead.find(d => d.headers['lt-dlq-code'] === 'LT_ERR_DATE_INVALID')
  t.match(invalidLetter?.headers, { 'lt-dlq-origin-topic': 'source.civil-status', 'lt-dlq-origin-partition': '0' })
  t.match(invalidLetter?.headers['lt-dlq-reason'], /ngay_sinh/)
  t.equal(JSON.parse(invalidLetter?.value ?? '{}').id, invalid.id, 'the raw event is kept whole')

  const waiting = await waitFor(async () => await store.get('unresolved', 'cmnd:361999888'), { what: 'parked record' })
  t.equal((waiting.entries as unknown[]).length, 1, 'the CMND-only record waits, not dropped')
  t.notOk(canonical.some(e => e.fields.fullName === 'Trần Thị Ba'), 'and is not published without an id')

  // A second record for the same CMND parks with the first; then another source shows both ids.
  await publish([rawEvent({ so_dinh_danh: undefined, so_cmnd: '361999888', ho_va_ten: 'TRẦN THỊ BA',
    noi_sinh: 'Sóc Trăng' })])
  await waitFor(async () => ((await store.get('unresolved', 'cmnd:361999888'))?.entries as unknown[]
    | undefined)?.length === 2, { what: 'second parked record' })
  const linking = rawEvent({ so_dinh_danh: '094175003333', so_cmnd: '361999888', ho_va_ten: 'TRẦN THỊ BA',
    gioi_tinh: 'Nữ', ngay_sinh: '05051975' })
  await publish([linking])
  await waitFor(() => canonical.filter(e => e.entityId === '094175003333').length >= 3,
    { what: 'linked records released' })
  const released = canonical.filter(e => e.entityId === '094175003333' && e.rawEventId !== linking.id)
  t.equal(released.length, 2)
  t.ok(released.every(e => e.warnings?.some(w => w.code === 'LT_WARN_LINKED_BY_CMND')),
    'released records say how they were linked')
  t.equal(released[0].id, `${parkedA.id}#person:094175003333`, 'the id derives from the original raw event')
  await waitFor(async () => (await store.get('unresolved', 'cmnd:361999888')) === undefined, { what: 'group cleared' })
  t.same((await store.get('id_links', 'cmnd:361999888'))?.personalId, '094175003333')

  // Later CMND-only records link at once.
  await publish([rawEvent({ so_dinh_danh: undefined, so_cmnd: '361999888',
    ho_va_ten: 'TRẦN THỊ BA', noi_sinh: 'Cần Thơ' })])
  await waitFor(() => canonical.filter(e => e.entityId === '094175003333').length >= 4, { what: 'immediate link' })

  // A delete becomes a canonical delete with no fields.
  await publish([rawEvent({ so_dinh_danh: '092060001111', da_xoa: true })])
  const del = await waitFor(() => canonical.find(e => e.op === 'delete'), { what: 'delete' })
  t.match(del, { entityId: '092060001111', fields: {} })

  // Unknown connectors go to dead letters, to be replayed once registered.
  const stranger = { ...good, id: 'x:1', connectorid: 'unknown-source' }
  await publish([stranger])
  await waitFor(() => dead.some(d => d.headers['lt-dlq-code'] === 'LT_ERR_CONNECTOR_UNKNOWN'),
    { what: 'unknown connector dead letter' })
  t.equal(sub.state(), 'running')
})

t.test('a card naming its holder by CMND only waits in the unresolved set, then is linked', async t => {
  const { log, store, sub } = await startTestNormalizer(t,
    { 'health-insurance': { sourceSystem: 'bhyt', mapping: healthInsuranceConnector.mapping } })
  const cards: CanonicalEvent[] = []
  const reader = await log.subscribe({ group: 'test-cards', topics: ['canonical.health-insurance-card'],
    handler: async b => { cards.push(...b.map(m => (JSON.parse(m.value) as { data: CanonicalEvent }).data)) } })
  t.teardown(async () => { await sub.stop(); await reader.stop(); await log.close(); await store.close() })

  const card = {
    MA_SO_BHXH: '9212345678', MA_THE: 'HC4929212345678', HO_TEN: 'TRAN THI BA', NGAY_SINH: '1975-05-05', GIOI_TINH: '2',
    SO_CMND: '361777666', MA_DOI_TUONG: 'HC', MUC_HUONG: 4, MA_DKBD: '92001', GT_THE_TU: '2026-01-01',
      GT_THE_DEN: '2026-12-31',
    NGAY_CAP_NHAT: '2026-02-01T00:00:00.000Z'
  }
  const cardEvent = toChangeEvent(healthInsuranceConnector.manifest, 'cards',
    healthInsuranceConnector.toChange(card as never), false, '2026-02-01T00:00:01.000Z')
  await log.publish(rawTopic('health-insurance'), [{ key: cardEvent.subject, value: JSON.stringify(cardEvent) }])
  const group = await waitFor(async () => await store.get('unresolved', 'cmnd:361777666'), { what: 'the card parked' })
  t.same((group.entries as Array<{ entity: string }>).map(e => e.entity).sort(), ['health-insurance-card', 'person'],
    'the card and its holder\'s facts wait together')
  t.same(cards, [], 'no card without its holder')

  // Civil status shows the CMND next to the personal id: the card comes out with its holder.
  const linking = rawEvent({ so_dinh_danh: '094175007777', so_cmnd: '361777666', ho_va_ten: 'TRẦN THỊ BA',
    gioi_tinh: 'Nữ', ngay_sinh: '05051975' })
  await log.publish(rawTopic('civil-status'), [{ key: linking.subject, value: JSON.stringify(linking) }])
  const released = await waitFor(() => cards.find(e => e.entityId === '9212345678'), { what: 'the card released' })
  t.equal(released.fields.holderPersonalId, '094175007777', 'the holder is the linked personal id')
  t.ok(released.warnings?.some(w => w.code === 'LT_WARN_LINKED_BY_CMND' && !w.message.includes('361777666')),
    'the card says how it was linked, with the CMND masked')
  t.notOk('legacyRefs' in released, 'nothing of the waiting state leaks into the canonical event')
  await waitFor(async () => (await store.get('unresolved', 'cmnd:361777666')) === undefined, { what: 'group cleared' })
})
