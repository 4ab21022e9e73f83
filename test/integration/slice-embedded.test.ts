// The slice on the embedded adapters (the newcomer's default).
import t from 'tap'
import { sliceScenario } from '../contract/slice.scenario.js'

t.test('a change in the civil-status source reaches the API (embedded adapters)', async t => {
  await sliceScenario(t, { dataDir: t.testdir({}) })
})
