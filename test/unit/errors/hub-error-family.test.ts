// One error family: every error class the hub throws derives from HubError and carries a stable
// code, a status and whether a retry may help; the gateway maps the family in one place
// (problemOf, used by the problem-details plugin), so a registry, source or store error that
// reaches any route answers with its own status and code, and a 500 leaks nothing of its message.
import t from 'tap'
import Fastify from 'fastify'
import problemDetails from '../../../gateway/plugins/problem-details.js'
import { ApiProblem } from '../../../gateway/problem.js'
import { HubError, isRetriable } from '../../../infra/shared/hub-error.js'
import { AuditUnavailableError } from '../../../gateway/security/audit-writer.js'
import { AuthThrottledError } from '../../../gateway/security/auth-throttle.js'
import { RebuildError } from '../../../consumers/merger/rebuild.js'
import { SurvivorshipError } from '../../../consumers/merger/survivorship.js'
import { StaleGoldenWriteError } from '../../../consumers/merger/merge-batch.js'
import { PageFormatError as UpdatedSincePageError } from '../../../connectors/runner/updated-since-source.js'
import { PageFormatError as DeclarativePageError } from '../../../connectors/declarative/paging.js'
import { SourceError } from '../../../connectors/runner/fetch-json.js'
import { SsrfRefusedError } from '../../../connectors/ssrf/ssrf-guard.js'
import { RegistryError } from '../../../connectors/registry/registry-error.js'
import { UnsupportedPatternError } from '../../../connectors/declarative/linear-regexp.js'
import { StartupError } from '../../../infra/startup/startup-error.js'
import { ConfigError } from '../../../infra/config/load.js'
import { StoreWriteError } from '../../../infra/ports/store.js'
import { SimOptionError } from '../../../sim/city/options.js'
import { UsageError as SimUsageError } from '../../../sim/cli/args.js'
import { UsageError as BenchUsageError } from '../../../bench/api/options.js'

const members: Array<[string, HubError, boolean]> = [
  ['ApiProblem 503', new ApiProblem(503, 'LT_ERR_X', 'Unavailable'), true],
  ['AuditUnavailableError', new AuditUnavailableError('store away'), true],
  ['AuthThrottledError', new AuthThrottledError(1000), true],
  ['RebuildError', new RebuildError('stopped'), false],
  ['SurvivorshipError', new SurvivorshipError('bad rules'), false],
  ['StaleGoldenWriteError', new StaleGoldenWriteError('persons', ['1']), true],
  ['PageFormatError (updated-since)', new UpdatedSincePageError('no data'), false],
  ['PageFormatError (declarative)', new DeclarativePageError('no records'), false],
  ['SourceError 5xx', new SourceError('source answered 503', 'LT_ERR_SOURCE_5XX', true), true],
  ['SsrfRefusedError', new SsrfRefusedError('refused'), false],
  ['RegistryError', new RegistryError(404, 'LT_ERR_CONNECTOR_NOT_FOUND', 'no connector'), false],
  ['UnsupportedPatternError', new UnsupportedPatternError('(?=a)', 'lookahead'), false],
  ['StartupError', new StartupError('bad dir', 'LT_DATA_DIR'), false],
  ['ConfigError', new ConfigError('bad port', 'PORT'), false],
  ['StoreWriteError (refused by the port)', new StoreWriteError('not a field name'), false],
  ['StoreWriteError (engine failed)',
    new StoreWriteError('bulk write failed', { cause: new Error('socket'), retriable: true }), true],
  ['SimOptionError', new SimOptionError('--citizens', 'too many'), false],
  ['sim UsageError', new SimUsageError('unknown flag'), false],
  ['bench UsageError', new BenchUsageError('unknown flag'), false]
]

t.test('every error class derives from HubError with a stable code, a status and its retriable flag', async t => {
  for (const [name, err, retriable] of members) {
    t.ok(err instanceof HubError, `${name} is a HubError`)
    t.ok(err instanceof Error, `${name} is an Error`)
    t.match(err.code, /^LT_ERR_[A-Z0-9_]+$/, `${name} has a stable code`)
    t.ok(err.status >= 400 && err.status <= 599, `${name} has an HTTP status`)
    t.equal(err.retriable, retriable, `${name} retriable=${String(retriable)}`)
    t.equal(isRetriable(err), retriable, `isRetriable(${name})`)
  }
  const cause = new Error('root')
  t.equal(new AuditUnavailableError('x', { cause }).cause, cause, 'the cause is kept')
  t.equal(new SourceError('x', 'LT_ERR_SOURCE_5XX', true).name, 'SourceError', 'the name is the class name')
})

t.test('errors from outside the family count as transient; an explicit flag is honoured', async t => {
  t.equal(isRetriable(new Error('ECONNRESET')), true)
  t.equal(isRetriable(Object.assign(new Error('x'), { retriable: false })), false)
  t.equal(isRetriable(undefined), true)
})

async function appThrowing (errors: Record<string, Error>): Promise<ReturnType<typeof Fastify>> {
  const app = Fastify({ logger: false })
  await app.register(problemDetails)
  for (const [name, err] of Object.entries(errors)) app.get(`/${name}`, async () => { throw err })
  await app.ready()
  return app
}

t.test('the problem-details handler maps the whole family in one place', async t => {
  const app = await appThrowing({
    registry: new RegistryError(409, 'LT_ERR_CONNECTOR_BUILT_IN', "'civil' is a built-in connector",
      [{ path: '/id', message: 'is taken' }]),
    source: new SourceError('source answered 503 at http://10.0.0.7/secret-path', 'LT_ERR_SOURCE_5XX', true),
    store: new StoreWriteError('write for 079123456789 must carry a version above 3'),
    audit: new AuditUnavailableError('the audit log could not be written'),
    problem: new ApiProblem(404, 'LT_ERR_PROCEDURE_NOT_FOUND', 'No such procedure', 'No template for 9.999'),
    plain: new Error('boom at /srv/secret')
  })
  t.teardown(async () => { await app.close() })

  const registry = await app.inject('/registry')
  t.equal(registry.statusCode, 409)
  t.match(registry.headers['content-type'], /^application\/problem\+json/)
  t.match(registry.json(), { status: 409, code: 'LT_ERR_CONNECTOR_BUILT_IN', title: 'Conflict',
    detail: "'civil' is a built-in connector", errors: [{ path: '/id', message: 'is taken' }] })

  const source = await app.inject('/source')
  t.equal(source.statusCode, 502)
  t.match(source.json(), { status: 502, code: 'LT_ERR_SOURCE_5XX' })
  t.notMatch(source.body, /10\.0\.0\.7|secret-path/, 'a 5xx carries no internals')

  const store = await app.inject('/store')
  t.equal(store.statusCode, 500)
  t.match(store.json(), { code: 'LT_ERR_INTERNAL', title: 'Internal error' })
  t.notMatch(store.body, /079123456789/, 'the hub\'s own fault shows nothing of its message')

  const audit = await app.inject('/audit')
  t.equal(audit.statusCode, 503)
  t.match(audit.json(), { code: 'LT_ERR_AUDIT_UNAVAILABLE' })
  t.equal(audit.headers['retry-after'], '1', 'a retriable 503 says when to come back')

  const problem = await app.inject('/problem')
  t.match(problem.json(),
    { status: 404, code: 'LT_ERR_PROCEDURE_NOT_FOUND', title: 'No such procedure', detail: 'No template for 9.999' })

  const plain = await app.inject('/plain')
  t.equal(plain.statusCode, 500)
  t.match(plain.json(), { code: 'LT_ERR_INTERNAL' })
  t.notMatch(plain.body, /secret/)
})
