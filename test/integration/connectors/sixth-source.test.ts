// The sixth source on the embedded adapters (see sixth-source.scenario.ts).
import t from 'tap'
import { sixthSourceScenario } from './sixth-source.scenario.js'

t.test('an integrator registers a sixth source through the API alone (embedded)', async t => {
  await sixthSourceScenario(t, { dataDir: t.testdir({}) }, 'tro-cap-xa-hoi')
})
