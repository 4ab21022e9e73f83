// The suite fails connectors that break the contract: a bad manifest and config schema, a mapping
// onto fields that do not exist, and a source reader that forgets its cursor.
import t from 'tap'
import { landConnector } from '../../connectors/land/connector.js'
import { checkConformance } from './suite.js'
import type { PollConnector } from '../../connectors/contract.js'
import type { RawRecord } from '../../connectors/runner/updated-since-source.js'
import { simFixtures } from './sim-fixtures.js'

const problemsOf = (report: Awaited<ReturnType<typeof checkConformance>>, name: string): string[] =>
  report.checks.find(c => c.name === name)?.problems ?? ['check did not run']

t.test('a bad manifest, config schema and mapping are reported', async t => {
  const [stream] = landConnector.manifest.streams
  const broken: PollConnector<RawRecord> = {
    ...landConnector,
    manifest: {
      ...landConnector.manifest,
      version: '1.0',
      schedule: '*/5 * * * *',
      streams: [{ ...stream, cursorField: 'SuaLuc' }],
      configSchema: { type: 'object',
        properties: { baseUrl: { type: 'string' }, password: { type: 'string', description: 'source password' } } }
    },
    mapping: { streams: [{ stream: 'parcels',
      entities: [{ entity: 'land-parcel', id: { from: 'MaThua' }, fields: [{ from: 'DienTich', to: 'dienTich' }] }] }] }
  }
  const report = await checkConformance(broken, simFixtures(broken), { workDir: t.testdir({}) })
  t.equal(report.ok, false)
  t.match(problemsOf(report, 'manifest'),
    [/version '1.0' is not semver/, /schedule .* six-field/, /cursor field 'SuaLuc' is not a property/])
  t.match(problemsOf(report, 'config schema'),
    [/baseUrl has no description/, /password looks like a secret but is not writeOnly/])
  t.match(problemsOf(report, 'mapping'), [/land-parcel has no field 'dienTich'/])
})

t.test('a reader that ignores its saved cursor fails the resume check', async t => {
  const forgetful: PollConnector<RawRecord> = { ...landConnector,
    pageUrl: (base, s, _cursor, limit) => landConnector.pageUrl(base, s, undefined, limit) }
  const report = await checkConformance(forgetful, { ...simFixtures(forgetful), pageSize: 200 },
    { workDir: t.testdir({}) })
  // One page holds the whole stream, so the check says the fixtures cannot show a resume.
  t.match(problemsOf(report, 'resumes from a saved cursor'), [/pick a smaller page size/])
  const small = await checkConformance(forgetful, simFixtures(forgetful), { workDir: t.testdir({}) })
  t.equal(small.ok, false)
  t.ok(problemsOf(small, 'resumes from a saved cursor').some(p => /published twice/.test(p)),
    'pages read again are caught')
})
