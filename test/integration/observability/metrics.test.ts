// GET /metrics on the embedded hub: the exposition parses, the named metrics and labels exist, they
// move when work happens (a connector poll, a merge, a dead letter, a read), no personal id shows
// in any label, and only the metrics key, an operator key or (without a metrics key) loopback may
// scrape.
import t from 'tap'
import { join } from 'node:path'
import { loadConfig } from '../../../hub/config.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { startHub } from '../../../hub/start-hub.js'
import { buildGateway } from '../../../gateway/app.js'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { createHubMetrics } from '../../../infra/observability/metrics.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import { canonicalTopic } from '../../../schemas/canonical-event.js'
import { waitFor } from '../../helpers/wait-for.js'
import { parseExposition, valueOf, type Exposition } from '../../helpers/prometheus-text.js'

const operatorKey = 'o'.repeat(40)
const metricsKey = 'm'.repeat(40)

t.test('/metrics on the embedded hub: names, labels, movement, access', async t => {
  const config = loadConfig({
    overrides: {
      port: 0,
      logLevel: 'silent',
      dataDir: t.testdir({}),
      sim: { port: 0, citizens: 20, seed: 11 },
      sources: { 'civil-status': { schedule: '* * * * * *', pageSize: 50 } },
      connectors: { reconcileMs: 100, topicRefreshMs: 200 },
      security: { operatorKey }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  const app = hub.gateway
  if (app === undefined || hub.source === undefined) throw new Error('role all starts the gateway and the source')
  await createClient(hub.store, { id: 'metrics-dept', name: 'Metrics test department', kind: 'department' })
  const { key } = await issueKey(hub.store, 'metrics-dept')
  await putGrant(hub.store, { clientId: 'metrics-dept', purpose: '1.001193', entity: 'person',
    fields: ['personalId', 'fullName'] })

  const scrape = async (): Promise<Exposition> => {
    const res = await app.inject({ method: 'GET', url: '/metrics' })
    t.equal(res.statusCode, 200, 'loopback scrape without a key (no metrics key configured)')
    t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
    return parseExposition(res.body)
  }
  const moved = async (name: string, labels: Record<string, string>, above = 0): Promise<Exposition> =>
    await waitFor(async () => { const e = await scrape(); return (valueOf(e, name, labels)
      ?? 0) > above ? e : undefined },
      { what: `${name}${JSON.stringify(labels)} above ${above}`, timeoutMs: 60000, intervalMs: 100 })

  await t.test('a connector poll and the merge move their metrics', async t => {
    let e = await moved('lt_connector_records_read_total', { connector: 'civil-status' })
    e = await moved('lt_merger_golden_writes_total', {})
    t.ok((valueOf(e, 'lt_merger_events_applied_total') ?? 0) > 0, 'events applied')
    e = await moved('lt_connector_last_success_timestamp_seconds', { connector: 'civil-status' })
    t.ok((valueOf(e, 'lt_connector_events_published_total', { connector: 'civil-status' })
      ?? 0) > 0, 'events published')
    t.not(valueOf(e, 'lt_connector_records_rejected_total', { connector: 'civil-status' }), undefined,
      'rejected counted (maybe 0)')
    t.not(valueOf(e, 'lt_connector_lag_seconds', { connector: 'civil-status' }), undefined, 'connector lag')
    e = await moved('lt_consumer_messages_total', { group: 'merger', topic: canonicalTopic('person') })
    t.not(valueOf(e, 'lt_consumer_lag_messages', { group: 'merger', topic: canonicalTopic('person') }), undefined,
      'merger lag on canonical.person')
    t.ok((valueOf(e, 'lt_store_call_duration_seconds_count', { operation: 'bulkUpsert', collection: 'persons',
      outcome: 'ok' }) ?? 0) > 0, 'store calls timed by collection')
    t.ok((valueOf(e, 'lt_event_log_call_duration_seconds_count', { operation: 'publish', outcome: 'ok' })
      ?? 0) > 0, 'event-log calls timed')
    t.ok((valueOf(e, 'process_cpu_user_seconds_total') ?? 0) > 0, 'process metrics')
    for (const name of ['lt_conflicts_open', 'lt_unresolved_keys', 'lt_unresolved_records', 'lt_audit_entries',
      'lt_merger_conflicts_opened_total', 'lt_merger_conflicts_resolved_total']) {
      t.not(valueOf(e, name), undefined, `${name} is exposed`)
    }
    for (const [name, type] of [['lt_http_request_duration_seconds', 'histogram'], ['lt_dead_letters_open', 'gauge'],
      ['lt_connector_dead_lettered_total', 'counter'], ['lt_connector_failing', 'gauge']]) {
      t.equal(e.types.get(name), type, `${name} is a ${type}`)
    }
  })

  await t.test('a rejected event moves the dead-letter metrics', async t => {
    const before = valueOf(await scrape(), 'lt_merger_events_rejected_total') ?? 0
    await hub.eventLog.publish(canonicalTopic('person'),
      [{ key: 'metrics-test', value: '{"not":"a canonical event"}' }])
    const e = await moved('lt_dead_letters_open', { group: 'merger' })
    t.ok((valueOf(e, 'lt_merger_events_rejected_total') ?? 0) > before, 'the merger counted the rejection')
    t.ok((valueOf(e, 'lt_connector_dead_lettered_total', { group: 'merger' }) ?? 0) > 0,
      'the dead letter was counted as sent')
  })

  await t.test('a read moves the HTTP and audit metrics, with the route pattern and no personal id', async t => {
    const id = hub.source?.records()[0].so_dinh_danh as string
    await waitFor(async () => (await hub.store.get('persons', id)) !== undefined,
      { what: 'the citizen in the store', timeoutMs: 60000 })
    const labels = { method: 'GET', route: '/v1/citizens/:personalId', status: '200', client_kind: 'department' }
    const before = await scrape()
    const res = await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
      headers: { authorization: `Bearer ${key}`, 'x-purpose': '1.001193' } })
    t.equal(res.statusCode, 200)
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
    const after = parseExposition(text)
    t.equal(valueOf(after, 'lt_http_requests_total', labels), (valueOf(before, 'lt_http_requests_total', labels) ?? 0)
      + 1, 'one more request counted')
    t.equal(valueOf(after, 'lt_http_request_duration_seconds_count', labels),
      (valueOf(before, 'lt_http_request_duration_seconds_count', labels) ?? 0) + 1, 'and timed')
    // Store readings are reused for a couple of seconds (scrape-gauges.ts), so wait for the next one.
    const audited = await moved('lt_audit_entries', {}, valueOf(before, 'lt_audit_entries') ?? 0)
    t.not(valueOf(audited, 'lt_audit_head_age_seconds'), undefined, 'audit head age')
    t.notOk(text.includes(id), 'no personal id anywhere in the metrics')
    const unmatched = await app.inject({ method: 'GET', url: `/v2/nothing/${id}` })
    t.equal(unmatched.statusCode, 404)
    const later = (await app.inject({ method: 'GET', url: '/metrics' })).body
    t.notOk(later.includes(id), 'an unmatched URL is counted as "unmatched", not by its path')
    t.ok((valueOf(parseExposition(later), 'lt_http_requests_total', { route: 'unmatched', status: '404' }) ?? 0) > 0)
  })

  await t.test('who may scrape (no metrics key configured)', async t => {
    const remote = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40' })
    t.equal(remote.statusCode, 401, 'not from another host without a key')
    t.equal(remote.json().code, 'LT_ERR_UNAUTHENTICATED')
    t.match(remote.headers['content-type'], /application\/problem\+json/)
    const wrong = await app.inject({ method: 'GET', url: '/metrics',
      headers: { authorization: 'Bearer not-a-key-at-all' } })
    t.equal(wrong.statusCode, 401, 'a wrong key is refused, even on loopback')
    const department = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40',
      headers: { authorization: `Bearer ${key}` } })
    t.equal(department.statusCode, 403, 'a department key is not enough')
    t.equal(department.json().code, 'LT_ERR_FORBIDDEN')
    const operator = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40',
      headers: { authorization: `Bearer ${operatorKey}` } })
    t.equal(operator.statusCode, 200, 'an operator key works from anywhere')
  })
})

t.test('/metrics with a metrics key: the key or an operator key, loopback alone is not enough', async t => {
  const store = openEmbeddedStore({ file: join(t.testdir({}), 'store.sqlite') })
  const app = await buildGateway({
    store,
    logger: createLogger('silent'),
    readiness: [],
    security: { operatorKey },
    metrics: { metrics: createHubMetrics(), metricsKey }
  })
  t.teardown(async () => { await app.close(); await store.close() })
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401, 'loopback without the key')
  t.equal((await app.inject({ method: 'GET', url: '/metrics',
    headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).statusCode, 401, 'a wrong key')
  const withKey = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40',
    headers: { authorization: `Bearer ${metricsKey}` } })
  t.equal(withKey.statusCode, 200, 'the metrics key')
  t.ok(parseExposition(withKey.body).types.has('lt_http_requests_total'))
  t.equal((await app.inject({ method: 'GET', url: '/metrics',
    headers: { authorization: `Bearer ${operatorKey}` } })).statusCode, 200, 'an operator key')
  const health = await app.inject({ method: 'GET', url: '/health/live',
    headers: { authorization: `Bearer ${metricsKey}` } })
  t.equal(health.statusCode, 200)
  const api = await app.inject({ method: 'GET', url: '/v1/conflicts',
    headers: { authorization: `Bearer ${metricsKey}` } })
  t.equal(api.statusCode, 401, 'the metrics key is not an API key')
})
