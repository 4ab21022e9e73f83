// Every built-in connector passes the conformance suite against its simulated department.
import t from 'tap'
import { builtInConnectors } from '../../connectors/built-in.js'
import { checkConformance } from './suite.js'
import { simFixtures } from './sim-fixtures.js'

const REQUIRED_CHECKS = [
  'manifest', 'config schema', 'mapping', 'reads its fixtures', 'invalid records go to dead letters',
  'mapped output passes the canonical schemas', 'resumes from a saved cursor',
  'publishes incremental changes after the snapshot'
]

for (const connector of builtInConnectors) {
  t.test(`${connector.manifest.id} ${connector.manifest.version} passes the conformance suite`, async t => {
    const report = await checkConformance(connector, simFixtures(connector), { workDir: t.testdir({}) })
    t.same(report.checks.map(c => c.name), REQUIRED_CHECKS, 'every check ran')
    for (const c of report.checks) t.same(c.problems, [], c.name)
    t.equal(report.ok, true)
  })
}
