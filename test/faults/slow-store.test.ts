// Fault 4 of the matrix: a slow store. Every statement on store.sqlite waits tens of milliseconds
// in all three role processes (test/faults/slow-sqlite.mjs, preloaded), for the whole load: a slow
// disk or a contended file. Nothing may be lost, doubled or dead-lettered because calls are slow:
// the store ends equal to a clean run, readiness agrees with its checks all along (and the gateway
// keeps answering), and the hub gets there by itself.
import t from 'tap'
import { fileURLToPath } from 'node:url'
import { faultHub, startFaultHub, readiness, drained, roles, RECOVERY_MS, type Readiness } from './fault-hub.js'
import { storeHash } from './golden-hash.js'
import { waitFor } from '../helpers/wait-for.js'

// Two hubs of three processes, one of them slowed down, on a loaded 2-core machine; no duration is asserted.
t.setTimeout(1800000)

const preload = fileURLToPath(new URL('./slow-sqlite.mjs', import.meta.url))
const DELAY_MS = 25

t.test(`a store ${DELAY_MS} ms slower per statement: the store equals a clean run`, async t => {
  const cleanDir = t.testdir({ clean: {} }) + '/clean'
  const cleanStart = Date.now()
  const clean = await startFaultHub(cleanDir)
  await drained(cleanDir, 'the clean run to drain')
  t.comment(`the clean run started and drained in ${Math.round((Date.now() - cleanStart) / 1000)} s`)
  await clean.stopAll('SIGTERM')
  const reference = storeHash(cleanDir, 'acrossRuns')
  t.ok(reference.documents.history > 0 && reference.documents.dead_letters > 0,
    `the clean run made versions and dead letters (${JSON.stringify(reference.documents)})`)

  const dir = t.testdir({ slow: {} }) + '/slow'
  const hub = faultHub(dir, { NODE_OPTIONS: `--import=${preload}`, LT_FAULT_STORE_DELAY_MS: String(DELAY_MS) })
  t.teardown(async () => { await hub.stopAll('SIGKILL') })
  // The gateway first, so readiness is watched from before the load starts until it has drained.
  const started = Date.now()
  await hub.start('gateway')
  const samples: Readiness[] = []
  let done = false
  const sampling = (async () => {
    while (!done) {
      samples.push(await readiness(hub.base()))
      await new Promise(resolve => setTimeout(resolve, 1000))
    }
  })()
  try {
    await Promise.all([hub.start('connectors'), hub.start('consumers')])
    for (const role of roles) {
      t.match(hub.processes[role].output(), /slow-store fault: \d+ ms/, `the ${role} process runs on the slow store`)
    }
    await drained(dir, 'the slow run to drain')
    t.comment(`the slow run started and drained in ${Math.round((Date.now() - started) / 1000)} s`)
  } finally {
    done = true
    await sampling
  }
  const untruthful = samples.filter(r => r.status === 'refused' ||
    (r.status === 200) !== Object.values(r.body?.checks ?? {}).every(c => c === 'up'))
  const statuses = samples.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {})
  t.ok(samples.length > 0, `${samples.length} readiness samples during the load (${JSON.stringify(statuses)})`)
  t.same(untruthful, [], 'readiness answered and agreed with its checks throughout')
  const after = await waitFor(async () => {
    const r = await readiness(hub.base())
    return r.status === 200 ? r : undefined
  }, { timeoutMs: RECOVERY_MS, what: 'readiness 200' })
  t.equal(after.body?.status, 'ready', 'ready once the load has drained')
  t.same(storeHash(dir, 'acrossRuns'), reference,
    'golden records, versions, history, conflicts and dead letters equal the clean run')
})
