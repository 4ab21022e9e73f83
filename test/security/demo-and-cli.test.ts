// The embedded demo's clients (keys in a 0600 file, kept across restarts) and `lienthong audit
// verify` (exit 0 on an intact chain, 1 naming the broken entry, 2 on bad usage).
import t from 'tap'
import { join } from 'node:path'
import { readFileSync, rmSync, statSync } from 'node:fs'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { ensureDemoClients } from '../../gateway/security/demo-clients.js'
import { listKeys } from '../../gateway/security/clients.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { loadConfig } from '../../hub/config.js'
import { commands } from '../../hub/commands/index.js'
import { AUDIT, type AuditBlock } from '../../gateway/security/audit-chain.js'
import { spawnHub } from '../helpers/spawn-hub.js'
import { bearer, openGateway, openTestStore, person, seedPerson } from './helpers.js'

// Above tap's 180 s default: 21 s on CI, with the CLI run through the TypeScript loader as a process.
t.setTimeout(600000)

t.test('demo clients: keys in a private file, working, kept across restarts', async t => {
  const dir = t.testdir({})
  const file = join(dir, 'demo-keys.json')
  const store = openTestStore(t, join(dir, 'store.sqlite'))
  const first = await ensureDemoClients(store, file)
  t.same(first.map(c => c.kind), ['department', 'one-stop', 'integrator', 'operator'])
  t.equal(statSync(file).mode & 0o777, 0o600, 'only the owner can read the keys file')
  t.same(JSON.parse(readFileSync(file, 'utf8')).clients.map((c: { key: string }) => c.key), first.map(c => c.key))

  const { app } = await openGateway(t, { store })
  await seedPerson(store, person('092090000001'))
  const key = (id: string): string => first.find(c => c.id === id)?.key ?? ''
  const read = async (client: string, purpose: string, url = '/v1/citizens/092090000001') =>
    await app.inject({ method: 'GET', url, headers: { ...bearer(key(client)), 'x-purpose': purpose } })
  t.equal((await read('demo-mot-cua', '1.001193')).statusCode, 200, 'one-stop reads for birth registration')
  t.equal((await read('demo-tu-phap', '1.000894')).statusCode, 200, 'department reads for marriage registration')
  t.equal((await read('demo-integrator', '1.001193')).statusCode, 403, 'the integrator has no personal-data grant')
  t.equal((await read('demo-operator', 'ND13-2023-D9', '/v1/citizens/092090000001/access-log')).json().data.length, 2,
    'the operator answers who read it')
  t.equal((await app.inject({ method: 'GET', url: '/v1/admin/clients',
    headers: bearer(key('demo-operator')) })).statusCode, 200)

  const again = await ensureDemoClients(store, file)
  t.same(again.map(c => c.key), first.map(c => c.key), 'a restart keeps valid keys')
  rmSync(file)
  const fresh = await ensureDemoClients(store, file)
  t.notSame(fresh[0].key, first[0].key, 'a lost file gets new keys')
  const keys = await listKeys(store, 'demo-mot-cua')
  t.same(keys.map(k => k.revokedAt === null), [false, true], 'and the old ones are revoked')
})

t.test('lienthong audit verify', async t => {
  const dataDir = t.testdir({})
  const store = openEmbeddedStore({ file: join(dataDir, 'store.sqlite') })
  const { app } = await openGateway(t, { store })
  await seedPerson(store, person('092090000001'))
  const [tuPhap] = await ensureDemoClients(store, join(dataDir, 'demo-keys.json'))
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/v1/citizens/092090000001',
    headers: { ...bearer(tuPhap.key), 'x-purpose': '1.000894' } })
  await app.close()

  const config = loadConfig({ overrides: { dataDir } })
  const run = async (args: string[]): Promise<{ code: number, out: string }> => {
    let out = ''
    const sink = new Writable({ write (c, _e, done) { out += String(c); done() } })
    const code = await commands.audit.run({ config, logger: pino({ level: 'silent' }), args,
      stdout: sink, stderr: sink })
    return { code, out }
  }
  const intact = await run(['verify'])
  t.equal(intact.code, 0)
  t.match(intact.out, /audit chain intact: 5 entries/)
  const head = /head: (\d+:[0-9a-f]{64})/.exec(intact.out)?.[1] ?? ''
  t.equal((await run(['verify', '--anchor', head])).code, 0, 'the printed head works as an anchor')
  t.equal((await run(['check'])).code, 2, 'bad usage')
  t.equal((await run(['verify', '--anchor', 'nonsense'])).code, 2, 'bad anchor')

  const [block] = await store.find(AUDIT, { orderBy: { field: '_id' }, limit: 1 }) as AuditBlock[]
  block.entries[0].purpose = '1.001193'
  await store.bulkUpsert(AUDIT, [{ doc: { ...block, version: block.version + 1 }, expectedVersion: block.version }])
  await store.close()
  const broken = await run(['verify'])
  t.equal(broken.code, 1)
  t.match(broken.out, /audit chain BROKEN at entry 1 \(edited\)/)

  // The same through the real entry point, as an operator would run it.
  const proc = spawnHub(['audit', 'verify'], { LT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  t.equal(await proc.exited, 1)
  t.match(proc.output(), /BROKEN at entry 1 \(edited\): entry 1 was edited/)
})
