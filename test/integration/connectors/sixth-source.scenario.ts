// An integrator adds a sixth source through the API alone, on any pair of adapters: register the
// welfare register, see its records reach canonical.person and the golden records; read status;
// find the records it could not take among the dead letters, fix the connector with a new version
// and replay them; pause, resume, run now; survive a restart; delete.
import type { Test } from 'tap'
import { loadConfig, type DeepPartial } from '../../../hub/config.js'
import type { HubConfig } from '../../../infra/config/schema.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { startHub, type RunningHub } from '../../../hub/start-hub.js'
import type { Subscription } from '../../../infra/ports/event-log.js'
import type { CanonicalEvent } from '../../../schemas/canonical-event.js'
import { waitFor } from '../../helpers/wait-for.js'
import { OPERATOR_KEY } from './fixture.js'
import { startWelfareSource, welfareRecord, welfareRegistration } from './welfare-source.js'

const auth = { authorization: `Bearer ${OPERATOR_KEY}` }

export async function sixthSourceScenario (t: Test, overrides: DeepPartial<HubConfig>,
  connectorId: string): Promise<void> {
  const config = loadConfig({
    overrides: {
      port: 0,
      logLevel: 'error',
      sim: { port: 0, citizens: 5, seed: 3, changesPerSecond: 0 },
      sources: { 'civil-status': { schedule: '*/2 * * * * *' } },
      consumer: { batchSize: 50 },
      security: { operatorKey: OPERATOR_KEY, demoClients: false },
      connectors: { ssrfAllow: ['127.0.0.1/32'], reconcileMs: 150, topicRefreshMs: 150 },
      ...overrides
    }
  })
  const source = await startWelfareSource([
    welfareRecord(1), welfareRecord(2), welfareRecord(3),
    welfareRecord(4, { ngay_sinh: '31/02/1950' }),
    welfareRecord(5, { loai_tro_cap: 7 as unknown as string })
  ])
  let hub: RunningHub = await startHub(config, createLogger(config.logLevel))
  const canonical = new Map<string, CanonicalEvent>()
  let reader: Subscription | undefined
  const listen = async (): Promise<void> => {
    reader = await hub.eventLog.subscribe({
      group: `test-canonical-${connectorId}`,
      topics: ['canonical.person'],
      handler: async batch => {
        for (const m of batch) {
          const e = (JSON.parse(m.value) as { data: CanonicalEvent }).data
          if (e.source.connector === connectorId) canonical.set(e.entityId, e)
        }
      }
    })
  }
  await listen()
  t.teardown(async () => { await reader?.stop(); await hub.stop(); await source.close() })
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    await (hub.gateway as NonNullable<RunningHub['gateway']>).inject({ method, url, headers: auth,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) })
  const registration = (version: string, change: (r: Record<string, any>) => void = () => {}): Record<string, any> => {
    const r = welfareRegistration(source.url, { id: connectorId, version })
    change(r)
    return r
  }
  const status = async (): Promise<any> => (await call('GET', `/v1/connectors/${connectorId}/status`)).json()
  const idOf = (n: number): string => welfareRecord(n).so_dinh_danh

  // 1. Register through the API; records flow to canonical.person and into golden records.
  const created = await call('POST', '/v1/connectors', registration('1.0.0'))
  t.equal(created.statusCode, 201, created.body)
  await waitFor(() => [1, 2, 3].every(n => canonical.has(idOf(n))), { what: 'welfare records on canonical.person' })
  t.match(canonical.get(idOf(1)), { entity: 'person', op: 'upsert',
    source: { system: 'bao-tro-xa-hoi', connector: connectorId, connectorVersion: '1.0.0', sourceKey: 'BTXH-0001' },
    fields: { fullName: 'Nguyễn Thị Lan', birthDate: '1950-03-12', sex: 'female' } })
  const golden = await waitFor(async () => await hub.store.get('persons', idOf(1)), { what: 'the golden record' })
  t.match(JSON.stringify(golden), 'Nguyễn Thị Lan', 'the merger folded it into the golden record')

  // Wait for the state asserted below: a one-second poll may be `running` when the counters arrive.
  const s1 = await waitFor(async () => {
    const s = await status()
    return s.published >= 4 && s.rejected >= 1 && s.state === 'healthy' ? s : undefined
  }, { what: 'status counters, healthy between polls', timeoutMs: 120000, intervalMs: 20 })
  t.match(s1, { id: connectorId, version: '1.0.0', state: 'healthy', read: 5, published: 4, rejected: 1 })
  t.ok(s1.lastSuccessAt !== undefined && typeof s1.lagMs === 'number')

  // 2. Dead letters: one record the mapping refused (normalizer), one the raw schema refused.
  const letters = await waitFor(async () => {
    const l = (await call('GET', `/v1/dead-letters?connector=${connectorId}`)).json().data
    return l.length >= 2 ? l : undefined
  }, { what: 'dead letters archived' })
  t.same(letters.map((l: any) => [l.group, l.code]).sort(), [[`connector.${connectorId}`, 'LT_ERR_RAW_SCHEMA'],
    ['normalizer', 'LT_ERR_DATE_INVALID']])
  t.notOk('value' in letters[0], 'the listing leaves the message out')
  const byCode = (await call('GET', `/v1/dead-letters?connector=${connectorId}&code=LT_ERR_RAW_SCHEMA`)).json()
  t.equal(byCode.data.length, 1)
  const paged = (await call('GET', `/v1/dead-letters?connector=${connectorId}&limit=1`)).json()
  t.equal(paged.data.length, 1)
  const page2 = (await call('GET',
    `/v1/dead-letters?connector=${connectorId}&limit=1&after=${paged.next as string}`)).json()
  t.equal(page2.data.length, 1)
  t.not(page2.data[0]._id, paged.data[0]._id, 'keyset pages do not overlap')

  const early = await call('POST',
    `/v1/dead-letters/${letters.find((l: any) => l.code === 'LT_ERR_RAW_SCHEMA')._id as string}/replay`)
  t.equal(early.statusCode, 422, 'replaying before the fix says it is still invalid')
  t.equal(early.json().code, 'LT_ERR_REPLAY_STILL_INVALID')

  // 3. Fix the connector (version 1.1.0), replay both; they reach canonical.person.
  const fixed = await call('PUT', `/v1/connectors/${connectorId}`, registration('1.1.0', r => {
    r.streams[0].rawSchema.properties.loai_tro_cap = { type: ['string', 'number'] }
    r.mapping.streams[0].entities[0].fields =
      r.mapping.streams[0].entities[0].fields.filter((f: any) => f.to !== 'birthDate')
  }))
  t.equal(fixed.statusCode, 200, fixed.body)
  for (const l of letters) {
    const replayed = await call('POST', `/v1/dead-letters/${l._id as string}/replay`)
    t.equal(replayed.statusCode, 202, replayed.body)
    t.equal(replayed.json().state, 'replayed')
  }
  await waitFor(() => canonical.has(idOf(4)) && canonical.has(idOf(5)),
    { what: 'replayed records on canonical.person' })
  t.equal(canonical.get(idOf(4))?.source.connectorVersion, '1.0.0', 'a replayed event keeps the version that read it')
  t.equal((await call('POST', '/v1/dead-letters/nope/replay')).statusCode, 404)
  const open = (await call('GET', `/v1/dead-letters?connector=${connectorId}&state=open`)).json().data
  t.equal(open.length, 0, 'no open letters left')

  // 4. Pause, resume, run now.
  t.equal((await call('POST', `/v1/connectors/${connectorId}/pause`)).statusCode, 202)
  await waitFor(async () => (await status()).state === 'paused', { what: 'paused' })
  t.equal((await call('POST', `/v1/connectors/${connectorId}/run`)).json().code, 'LT_ERR_CONNECTOR_PAUSED')
  t.equal((await call('GET', `/v1/connectors/${connectorId}`)).json().paused, true)
  source.upsert(welfareRecord(6))
  t.equal((await call('POST', `/v1/connectors/${connectorId}/resume`)).statusCode, 202)
  await waitFor(() => canonical.has(idOf(6)), { what: 'a record added while paused, after resume' })
  // A schedule that will not fire during the test: only "run" can bring the next record.
  t.equal((await call('PUT', `/v1/connectors/${connectorId}`,
    registration('1.2.0', r => { r.source.schedule = '0 0 0 1 1 *' }))).statusCode, 200)
  await waitFor(async () => { const s = await status(); return s.version === '1.2.0' && s.lastRunAt !== undefined
    && !s.running && s.lastError === undefined }, { what: 'version 1.2.0 running' })
  source.upsert(welfareRecord(7))
  const run = await call('POST', `/v1/connectors/${connectorId}/run`)
  t.equal(run.statusCode, 202)
  await waitFor(() => canonical.has(idOf(7)), { what: 'a record brought by run now' })
  t.equal(canonical.get(idOf(7))?.source.connectorVersion, '1.2.0')

  // 5. A restart: the registration and its cursor survive; the next record flows.
  await reader?.stop()
  await hub.stop()
  hub = await startHub(config, createLogger(config.logLevel))
  await listen()
  const after = await call('GET', `/v1/connectors/${connectorId}`)
  t.equal(after.json().version, '1.2.0', 'registration survived the restart')
  source.upsert(welfareRecord(8))
  t.equal((await call('POST', `/v1/connectors/${connectorId}/run`)).statusCode, 202)
  await waitFor(() => canonical.has(idOf(8)), { what: 'a record after the restart' })

  // 6. Delete: gone from the registry, the runner stops.
  t.ok(hub.connectorHost?.runners().has(connectorId), 'its runner is running')
  t.equal((await call('DELETE', `/v1/connectors/${connectorId}`)).statusCode, 204)
  t.equal((await call('GET', `/v1/connectors/${connectorId}/status`)).statusCode, 404)
  await waitFor(() => hub.connectorHost?.runners().has(connectorId) === false, { what: 'runner gone' })
}
