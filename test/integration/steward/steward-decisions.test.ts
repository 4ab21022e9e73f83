// The steward's decision is data (issue 15), on the embedded adapters: a resolution posted to the
// API travels the event log, the merger folds it (provenance rule `steward`) and the golden record
// changes through the API; `lienthong rebuild` reproduces it (equal hashes); a later change of that
// field by a source opens the conflict again; a steward can reopen it; bad input is problem+json.
import t from 'tap'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../../hub/config.js'
import { openEventLog, openStore } from '../../../infra/open-adapters.js'
import { canonicalTopic, type CanonicalEvent } from '../../../schemas/canonical-event.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import { startMerger } from '../../../consumers/merger/merger.js'
import { loadSurvivorship } from '../../../consumers/merger/survivorship.js'
import type { ConflictDoc } from '../../../records/golden-record.js'
import { canonicalMessage } from '../../../consumers/normalizer/canonical-message.js'
import { buildGateway } from '../../../gateway/app.js'
import { createConnectorServices } from '../../../connectors/host/connector-services.js'
import { putGrant } from '../../../gateway/security/grants.js'
import { BOOTSTRAP_OPERATOR } from '../../../gateway/security/authenticator.js'
import { grantableEntities } from '../../../gateway/security/entities.js'
import type { AuditBlock } from '../../../gateway/security/audit-chain.js'
import { rebuildCommand } from '../../../hub/commands/rebuild.js'
import { makeClient } from '../../security/helpers.js'
import { waitFor } from '../../helpers/wait-for.js'
import { canonicalEvent } from '../../unit/merger/fixtures.js'
import { settings } from '../connectors/fixture.js'
import { exampleManifest } from '../../../gateway/console/pages/connector-example.js'

const OPERATOR_KEY = 'steward-operator-key-0123456789abcdefghij'
const PURPOSE = '1.000894'
const citizen = '092085004321'
const conflictId = `person:${citizen}:birthDate`

t.test('a steward resolves a conflict; the decision is data', async t => {
  const dir = t.testdir({})
  const config = loadConfig({ overrides: { logLevel: 'silent', dataDir: join(dir, 'live'),
    consumer: { batchSize: 50, maxAttempts: 3 } } })
  const logger = pino({ level: 'silent' })
  const eventLog = openEventLog(config, logger)
  const store = await openStore(config)
  const services = createConnectorServices({ store, eventLog, schemas: createSchemaValidator(),
    settings, builtIns: [] })
  const merger = await startMerger({ eventLog, store, logger, rules: loadSurvivorship(),
    batchSize: 50, maxAttempts: 3 })
  const app: FastifyInstance = await buildGateway({ store, logger, readiness: [],
    security: { operatorKey: OPERATOR_KEY, grantCacheTtlMs: 0 }, connectors: services.api })
  t.teardown(async () => {
    await app.close(); await merger.stop(); await services.close(); await eventLog.close(); await store.close() })
  await putGrant(store, { clientId: BOOTSTRAP_OPERATOR, purpose: PURPOSE, entity: 'person',
    fields: [...grantableEntities.person.fields] })
  const dept = await makeClient(store, 'dept', 'department',
    [{ purpose: PURPOSE, entity: 'person', fields: ['birthDate'] }])

  const call = async (method: 'GET' | 'POST', url: string, payload?: object, key = OPERATOR_KEY) => await app.inject({
    method, url, headers: { authorization: `Bearer ${key}`, 'x-purpose': PURPOSE },
      ...(payload !== undefined ? { payload } : {})
  })
  const publish = async (events: CanonicalEvent[]) => { await eventLog.publish(canonicalTopic('person'),
    events.map(canonicalMessage)) }
  const conflict = async () => await store.get('conflicts', conflictId) as ConflictDoc | undefined
  const conflictIs = async (status: 'open' | 'resolved', what: string) =>
    await waitFor(async () => { const c = await conflict(); return c?.status === status ? c : undefined }, { what })
  const record = async () => (await call('GET', `/v1/citizens/${citizen}?include=provenance`)).json()

  // Civil status (the authority for birthDate) and residence disagree.
  await publish([
    canonicalEvent({ entityId: citizen, system: 'ho-tich', at: 1, fields: { personalId: citizen,
      fullName: 'Phạm Thị Hoa', birthDate: '1985-04-02', sex: 'female' } }),
    canonicalEvent({ entityId: citizen, system: 'cu-tru', at: 2, fields: { birthDate: '1985-04-20' } })
  ])
  await conflictIs('open', 'the birthDate conflict to open')
  t.equal((await record()).data.birthDate, '1985-04-02', 'survivorship: civil status wins before any decision')

  await t.test('bad input is refused with problem+json', async t => {
    const both = await call('POST', `/v1/conflicts/${conflictId}/resolution`,
      { sourceSystem: 'cu-tru', value: '1985-04-20', legalBasis: 'Điều 6 NĐ 47/2024' })
    t.equal(both.statusCode, 400)
    t.equal(both.json().code, 'LT_ERR_VALIDATION')
    t.match(both.headers['content-type'], /application\/problem\+json/)
    const noBasis = await call('POST', `/v1/conflicts/${conflictId}/resolution`, { sourceSystem: 'cu-tru' })
    t.equal(noBasis.json().code, 'LT_ERR_VALIDATION')
    t.match(JSON.stringify(noBasis.json().errors), /legalBasis/)
    const stranger = await call('POST', `/v1/conflicts/${conflictId}/resolution`,
      { sourceSystem: 'bhyt', legalBasis: 'Điều 6 NĐ 47/2024' })
    t.equal(stranger.json().code, 'LT_ERR_VALIDATION')
    t.match(stranger.json().errors[0].path, /sourceSystem/)
    t.equal((await call('POST', `/v1/conflicts/person:${citizen}:sex/resolution`,
      { sourceSystem: 'ho-tich', legalBasis: 'xyz' })).json().code, 'LT_ERR_NOT_FOUND')
    const notOperator = await call('POST', `/v1/conflicts/${conflictId}/resolution`,
      { sourceSystem: 'cu-tru', legalBasis: 'xyz' }, dept.key)
    t.equal(notOperator.statusCode, 403)
    t.equal((await call('POST', `/v1/conflicts/${conflictId}/reopening`, { note: 'not resolved yet' })).json().code,
      'LT_ERR_CONFLICT_NOT_RESOLVED')
  })

  await t.test('the resolution changes the golden record through the API', async t => {
    const res = await call('POST', `/v1/conflicts/${conflictId}/resolution`, { sourceSystem: 'cu-tru',
      legalBasis: 'Điều 6 Nghị định 47/2024/NĐ-CP', note: 'Đối chiếu giấy khai sinh bản gốc' })
    t.equal(res.statusCode, 202, res.body)
    t.equal(res.json().status, 'accepted')
    const resolved = await conflictIs('resolved', 'the steward\'s resolution to be applied')
    t.match(resolved.resolution, { by: BOOTSTRAP_OPERATOR, legalBasis: 'Điều 6 Nghị định 47/2024/NĐ-CP',
      value: '1985-04-20', chosenSourceSystem: 'cu-tru', eventId: res.json().eventId })
    const body = await record()
    t.equal(body.data.birthDate, '1985-04-20')
    t.equal(body.meta.provenance.birthDate.rule, 'steward')
    t.equal(body.meta.provenance.birthDate.sourceSystem, 'steward')
    t.notOk(body.meta.conflicts.birthDate, 'no conflict flag once resolved')
    const listed = (await call('GET', '/v1/conflicts?entity=person&status=resolved')).json().data
    t.match(listed, [{ id: conflictId, status: 'resolved', resolution: { legalBasis: 'Điều 6 Nghị định 47/2024/NĐ-CP',
      value: '1985-04-20' } }])
    t.same((await call('GET', '/v1/conflicts?entity=person&status=open')).json().data, [])
    const entries = (await store.find('audit', { limit: 10000 }) as AuditBlock[]).flatMap(b => b.entries)
    t.match(entries.find(e => e.requestId === res.headers['x-request-id']),
      { subjects: [citizen], fields: ['birthDate'], purpose: PURPOSE }, 'audited')
    t.equal((await call('POST', `/v1/conflicts/${conflictId}/resolution`,
      { value: '1985-04-21', legalBasis: 'again' })).json().code, 'LT_ERR_CONFLICT_NOT_OPEN')
  })

  await t.test('rebuild keeps the decision: equal hashes', async t => {
    let out = ''
    let err = ''
    const code = await rebuildCommand.run({
      config, logger, args: ['--target-data-dir', join(dir, 'rebuilt')],
      stdout: new Writable({ write (c, _e, done) { out += String(c); done() } }),
      stderr: new Writable({ write (c, _e, done) { err += String(c); done() } })
    })
    t.equal(code, 0, err.slice(-500))
    const report = JSON.parse(out)
    t.equal(report.live.hash, report.rebuilt.hash)
    t.equal(report.rebuilt.documents.conflicts, 1)
  })

  await t.test('a source changing the field reopens the conflict', async t => {
    await publish([canonicalEvent({ entityId: citizen, system: 'cu-tru', at: 60,
      fields: { birthDate: '1985-04-22' } })])
    const reopened = await conflictIs('open', 'the conflict to reopen after the source changed')
    t.equal(reopened.resolution, undefined)
    t.same(reopened.values.map(v => v.value).sort(), ['1985-04-02', '1985-04-22'])
    const body = await record()
    t.equal(body.data.birthDate, '1985-04-02', 'survivorship again')
    t.equal(body.meta.provenance.birthDate.rule, 'authoritative')
  })

  await t.test('no connector may call itself the steward', async t => {
    const res = await app.inject({ method: 'POST', url: '/v1/connectors',
      headers: { authorization: `Bearer ${OPERATOR_KEY}` }, payload: { ...exampleManifest, sourceSystem: 'steward',
      config: { ...exampleManifest.config, values: { apiKey: 'k' } } } })
    t.equal(res.statusCode, 400)
    t.match(res.json().errors, [{ path: '/sourceSystem', message: /reserved/ }])
  })

  await t.test('a steward may withdraw a resolution', async t => {
    t.equal((await call('POST', `/v1/conflicts/${conflictId}/resolution`,
      { value: '1985-04-12', legalBasis: 'Quyết định 12/QĐ-UBND' })).statusCode, 202)
    await conflictIs('resolved', 'the entered value to be applied')
    t.equal((await record()).data.birthDate, '1985-04-12')
    t.equal((await call('POST', `/v1/conflicts/${conflictId}/reopening`, { note: 'Nhập nhầm ngày' })).statusCode, 202)
    await conflictIs('open', 'the withdrawal to reopen the conflict')
    t.equal((await record()).data.birthDate, '1985-04-02')
  })
})
