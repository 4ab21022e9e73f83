// The demo keys fit the README's journeys: the department reads a citizen's household, parcels and
// cards under its procedure; the one-stop key prefills every procedure; the integrator works the
// connector registry (a role of its own, not the operator's); the operator lists conflicts with the
// grant it was given.
import t from 'tap'
import { join } from 'node:path'
import { ensureDemoClients, STEWARDSHIP_PURPOSE } from '../../gateway/security/demo-clients.js'
import { createGrantChecker } from '../../gateway/security/grant-checker.js'
import { loadProcedureTemplates } from '../../gateway/prefill/procedure-template.js'
import { openFixture } from '../integration/connectors/fixture.js'
import { welfareRegistration } from '../integration/connectors/welfare-source.js'

t.test('demo keys: department, one-stop, integrator and operator journeys', async t => {
  const dir = t.testdir({})
  const f = await openFixture(dir)
  t.teardown(f.close)
  const demo = await ensureDemoClients(f.store, join(dir, 'demo-keys.json'))
  const key = (id: string): Record<string, string> =>
    ({ authorization: `Bearer ${demo.find(c => c.id === id)?.key ?? ''}` })
  const grants = createGrantChecker({ store: f.store, ttlMs: 0 })

  for (const entity of ['person', 'household', 'land-parcel', 'health-insurance-card'] as const) {
    t.ok(((await grants.fieldsFor('demo-tu-phap', '1.000894', entity)) ?? []).length > 0,
      `the department reads ${entity} for 1.000894`)
  }

  const templates = [...loadProcedureTemplates().values()]
  t.equal(templates.length, 7)
  for (const template of templates) {
    const missing: string[] = []
    for (const field of template.fields) {
      if (field.path === undefined) continue
      const [prefix, name] = field.path.split(/\.(?=[a-zA-Z][a-zA-Z0-9]*$)/)
      const granted = await grants.fieldsFor('demo-mot-cua', template.code, prefix.replace(/\[\]$/, '') as never) ?? []
      if (!granted.includes(name)) missing.push(field.path)
    }
    t.same(missing, [], `the one-stop key prefills every field of ${template.code}`)
  }

  const integrator = key('demo-integrator')
  t.equal((await f.call('POST', '/v1/connectors', welfareRegistration('http://127.0.0.1:9'), integrator)).statusCode,
    201, 'the integrator registers')
  const dry = await f.call('POST', '/v1/connectors/tro-cap-xa-hoi/dry-run', { records: [{}] }, integrator)
  t.equal(dry.statusCode, 200, 'and dry-runs')
  t.equal((await f.call('POST', '/v1/connectors/tro-cap-xa-hoi/pause', undefined, integrator)).statusCode, 202,
    'pauses')
  t.equal((await f.call('POST', '/v1/connectors/tro-cap-xa-hoi/resume', undefined, integrator)).statusCode, 202,
    'resumes')
  t.equal((await f.call('GET', '/v1/admin/clients', undefined, integrator)).statusCode, 403,
    'but does not manage clients')
  const barred = await f.call('GET', '/v1/connectors', undefined, key('demo-tu-phap'))
  t.equal(barred.statusCode, 403)
  t.match(barred.json().detail, /connector registry is for integrator and operator clients/)

  const conflicts = await f.call('GET', '/v1/conflicts?entity=person', undefined,
    { ...key('demo-operator'), 'x-purpose': STEWARDSHIP_PURPOSE })
  t.equal(conflicts.statusCode, 200, 'the operator lists conflicts with its demo grant')
})
