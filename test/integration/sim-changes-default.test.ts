// `npm start`'s simulated city is alive by default: records change at a gentle rate (moves, births,
// deaths, cards, land) so a newcomer sees the hub follow them; LT_SIM_CHANGES_PER_SECOND=0 stills it.
import t from 'tap'
import { pino } from 'pino'
import { loadConfig } from '../../hub/config.js'
import { startHub } from '../../hub/start-hub.js'
import type { CityEvent } from '../../sim/server/webhook.js'
import { waitFor } from '../helpers/wait-for.js'

t.setTimeout(300000)

t.test('the setting: on by default, off with 0, decimals accepted, negatives refused', async t => {
  t.ok(loadConfig().sim.changesPerSecond > 0)
  t.equal(loadConfig({ env: { LT_SIM_CHANGES_PER_SECOND: '0' } }).sim.changesPerSecond, 0)
  t.equal(loadConfig({ env: { LT_SIM_CHANGES_PER_SECOND: '2.5' } }).sim.changesPerSecond, 2.5)
  t.throws(() => loadConfig({ env: { LT_SIM_CHANGES_PER_SECOND: '-1' } }),
    /LT_SIM_CHANGES_PER_SECOND \(sim\.changesPerSecond\) must be >= 0/)
})

t.test('with the default settings the simulated departments change by themselves', async t => {
  const config = loadConfig({ env: { LT_DATA_DIR: t.testdir({}), LT_SIM_CITIZENS: '40', LT_ROLE: 'connectors' } })
  const hub = await startHub(config, pino({ level: 'silent' }))
  t.teardown(hub.stop)
  const seen: CityEvent[] = []
  hub.city?.onChange(e => { if (e.kind !== 'manual') seen.push(e) })
  await waitFor(() => seen.length >= 2, { timeoutMs: 120000, what: 'two changes of the simulated city' })
  t.ok(seen.every(e => e.kind === 'change'), 'made by the change stream, not by a test')
})
