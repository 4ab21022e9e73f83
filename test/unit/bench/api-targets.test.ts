// The targets of issue 13: each route held against its floor route of the same run and concurrency.
import t from 'tap'
import { evaluateTargets, type ScenarioResult } from '../../../bench/api/targets.js'

const scenario = (name: string, kind: string, concurrency: number, perSecond: number, p99Ms = 1): ScenarioResult =>
  ({ name, kind, concurrency, perSecond, p99Ms, requests: perSecond * 10, errors: 0, seconds: 10, p50Ms: p99Ms / 2,
    p90Ms: p99Ms, maxMs: p99Ms })

const floors = [
  scenario('floor-get-c32', 'floor-lookup', 32, 4000), scenario('floor-get-audit-c32', 'floor-lookup-audit', 32, 3000),
  scenario('floor-get-c100', 'floor-lookup', 100, 4000),
  scenario('floor-get-audit-c100', 'floor-lookup-audit', 100, 3800)
]

t.test('a lookup is held against the audited floor of its concurrency', async t => {
  const targets = evaluateTargets([...floors, scenario('lookup-uniform-c32', 'lookup', 32, 2400),
    scenario('lookup-zipf-c100', 'lookup', 100, 3300)])
  const uniform = targets.find(x => x.target.startsWith('lookup-uniform-c32'))
  t.match(uniform,
    { against: 'floor-get-audit-c32', ratio: 0.8, pass: false, limit: '>= 0.85', shortBy: '5 points (150 req/s)' })
  const zipf = targets.find(x => x.target.startsWith('lookup-zipf-c100'))
  t.match(zipf, { against: 'floor-get-audit-c100', ratio: 0.868, pass: true })
  t.notOk('shortBy' in (zipf ?? {}))
})

t.test('the audited floor is held against the unaudited floor', async t => {
  const targets = evaluateTargets(floors)
  t.same(targets.map(x => [x.against, x.ratio, x.pass]),
    [['floor-get-c32', 0.75, false], ['floor-get-c100', 0.95, true]])
})

t.test('prefill p99 is held against its audited floor at the same concurrency', async t => {
  const targets = evaluateTargets([
    scenario('floor-prefill-reads-c1', 'floor-prefill', 1, 1000, 1.5),
    scenario('floor-prefill-reads-audit-c1', 'floor-prefill-audit', 1, 800, 2.4),
    scenario('floor-prefill-reads-audit-c16', 'floor-prefill-audit', 16, 800, 30),
    scenario('prefill-c1', 'prefill', 1, 600, 3.6),
    scenario('prefill-c16', 'prefill', 16, 600, 48)
  ])
  t.same(targets.map(x => [x.against, x.ratio, x.pass]),
    [['floor-prefill-reads-audit-c1', 1.5, true], ['floor-prefill-reads-audit-c16', 1.6, false]])
  t.equal(targets[1].shortBy, '3 ms over')
})

t.test('a route without its floor in the run has no target', async t => {
  t.same(evaluateTargets([scenario('lookup-uniform-c32', 'lookup', 32, 2400),
    scenario('prefill-c1', 'prefill', 1, 600, 3.6)]), [])
})
