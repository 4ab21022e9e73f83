import t from 'tap'
import { evaluateTargets, type ScenarioResult } from '../../../bench/api/targets.js'

const scenario = (name: string, kind: string, concurrency: number, perSecond: number, p99Ms = 1): ScenarioResult =>
  ({ name, kind, concurrency, perSecond, p99Ms, requests: perSecond * 10, errors: 0, seconds: 10, p50Ms: p99Ms / 2, p90Ms: p99Ms, maxMs: p99Ms })

const ceilings = [scenario('bare-route-c32', 'ceiling-bare-route', 32, 20000), scenario('raw-get-c32', 'ceiling-raw-get', 32, 5000)]

t.test('a lookup is held against the lower ceiling, with its floors beside it', async t => {
  const [target] = evaluateTargets([...ceilings,
    scenario('floor-get-c32', 'floor-lookup', 32, 4000), scenario('floor-get-audit-c32', 'floor-lookup-audit', 32, 3000),
    scenario('lookup-uniform-c32', 'lookup', 32, 2000)])
  t.equal(target.ratio, 0.4)
  t.equal(target.pass, false)
  t.same(target.against, ['raw-get-c32', 'bare-route-c32'])
  t.same(target.floors, [{ name: 'floor-get-c32', ratio: 0.8, pass: true }, { name: 'floor-get-audit-c32', ratio: 0.6, pass: false }])
  t.match(target.verdict, /out of reach here/, 'the audited floor misses, so no audited route can pass')
})

t.test('a miss whose audited floor passes is a plain miss; a pass is met', async t => {
  const floors = [scenario('floor-get-c32', 'floor-lookup', 32, 4500), scenario('floor-get-audit-c32', 'floor-lookup-audit', 32, 3600)]
  const [missed] = evaluateTargets([...ceilings, ...floors, scenario('lookup-uniform-c32', 'lookup', 32, 3000)])
  t.equal(missed.verdict, 'missed')
  const [met] = evaluateTargets([...ceilings, ...floors, scenario('lookup-uniform-c32', 'lookup', 32, 3600)])
  t.equal(met.pass, true)
  t.equal(met.verdict, 'met')
})

t.test('prefill p99 is held against its reads in parallel at the same concurrency', async t => {
  const [target] = evaluateTargets([
    scenario('prefill-reads-parallel-c1', 'ceiling-prefill-reads-parallel', 1, 1600, 1.2),
    scenario('prefill-reads-parallel-c16', 'ceiling-prefill-reads-parallel', 16, 1600, 12),
    scenario('floor-prefill-reads-c1', 'floor-prefill', 1, 1000, 1.5),
    scenario('floor-prefill-reads-audit-c1', 'floor-prefill-audit', 1, 800, 2.4),
    scenario('floor-prefill-reads-audit-c16', 'floor-prefill-audit', 16, 800, 30),
    scenario('prefill-c1', 'prefill', 1, 600, 3.6)
  ])
  t.equal(target.ratio, 3)
  t.equal(target.limit, 1.8)
  t.same(target.floors.map(f => [f.name, f.ratio, f.pass]), [['floor-prefill-reads-c1', 1.25, true], ['floor-prefill-reads-audit-c1', 2, false]])
  t.match(target.verdict, /out of reach here/)
})
