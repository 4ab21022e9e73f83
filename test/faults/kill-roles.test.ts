// Fault 1 of the matrix: kill -9 of each role process at a seeded point during a load, then a
// restart of that role. The final store equals a clean run of the same city (golden records,
// their versions, history, conflicts, dead letters; wall-clock stamps aside), readiness tells
// the truth while the role is down, and the hub recovers with no other help than the restart.
import t from 'tap'
import {
  faultHub, readiness, drained, sourceMessages, mergerPosition, roles, RECOVERY_MS, startFaultHub, type Role
} from './fault-hub.js'
import { storeHash } from './golden-hash.js'
import { waitFor } from '../helpers/wait-for.js'

// Four hubs of three processes each start here, on a loaded 2-core machine; nothing asserts a duration.
t.setTimeout(2400000)

// Seeded, so a failing kill point can be replayed: LT_FAULT_SEED=<seed printed below>.
const seed = Number(process.env.LT_FAULT_SEED ?? 12)
function mulberry32 (a: number): () => number {
  return () => {
    a |= 0
    a = a + 0x6D2B79F5 | 0
    let x = Math.imul(a ^ a >>> 15, 1 | a)
    x = x + Math.imul(x ^ x >>> 7, 61 | x) ^ x
    return ((x ^ x >>> 14) >>> 0) / 4294967296
  }
}
const random = mulberry32(seed)

t.test('kill -9 of each role during a load, then a restart: the store equals a clean run', async t => {
  t.comment(`LT_FAULT_SEED=${seed}`)
  const cleanDir = t.testdir({})
  const clean = await startFaultHub(cleanDir)
  await drained(cleanDir, 'the clean run to drain')
  await clean.stopAll('SIGTERM')
  const reference = storeHash(cleanDir, 'acrossRuns')
  const totals = { connectors: sourceMessages(cleanDir), consumers: mergerPosition(cleanDir) }
  t.ok(reference.documents.history > 0 && reference.documents.dead_letters > 0,
    `the clean run made versions and dead letters (${JSON.stringify(reference.documents)})`)

  for (const role of roles) {
    await t.test(`kill -9 of ${role}`, async t => {
      const dir = t.testdir({})
      const hub = faultHub(dir)
      t.teardown(async () => { await hub.stopAll('SIGKILL') })
      const fraction = 0.1 + 0.6 * random()
      // How far the load got: the connectors' output, or the merger's position for the other roles.
      const progress = (): number => {
        try {
          return role === 'connectors'
            ? sourceMessages(dir) / totals.connectors
            : mergerPosition(dir) / totals.consumers
        } catch { return 0 }
      }
      // All three start together, so the load runs while the kill point is watched.
      const starts = Object.fromEntries(roles.map(r => [r, hub.start(r)])) as Record<Role, Promise<void>>
      if (role === 'gateway') await starts.gateway
      // A role killed before it said "started" fails its own start; it is restarted below.
      starts[role].catch(() => {})
      await waitFor(() => progress() >= fraction,
        { intervalMs: 10, timeoutMs: RECOVERY_MS, what: `the load to reach ${fraction.toFixed(2)}` })
      const at = progress()
      await hub.kill(role, 'SIGKILL')
      t.comment(
        `${role} killed at ${(100 * at).toFixed(0)}% of the load (seeded point ${(100 * fraction).toFixed(0)}%)`
      )
      for (const r of roles) if (r !== role) await starts[r]

      if (role === 'gateway') {
        t.equal((await readiness(hub.base())).status, 'refused',
          'no readiness answer while the gateway is down (never a stale 200)')
      } else {
        const during = await readiness(hub.base())
        const allUp = Object.values(during.body?.checks ?? {}).every(c => c === 'up')
        t.equal(during.status, allUp ? 200 : 503,
          `readiness with ${role} down agrees with its checks (${JSON.stringify(during.body?.checks)})`)
      }

      await hub.start(role)
      await drained(dir, `the hub to recover after ${role} was killed`)
      const after = await waitFor(async () => {
        const r = await readiness(hub.base())
        return r.status === 200 ? r : undefined
      }, { timeoutMs: RECOVERY_MS, what: 'readiness 200' })
      t.equal(after.body?.status, 'ready', 'ready after the restart')
      t.same(storeHash(dir, 'acrossRuns'), reference,
        'golden records, versions, history, conflicts and dead letters equal the clean run')
    })
  }
})
