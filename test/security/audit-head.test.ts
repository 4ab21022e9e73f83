// The published head of the audit chain: the gateway appends it to <dataDir>/audit-heads.jsonl (and
// logs it) at start, periodically and on shutdown, refuses to publish a chain that lost the last
// published head, and `audit verify` compares against the last published head by default, so a cut
// tail is found without an --anchor. Also `audit verify` naming deleted access-log lines, masked.
import t from 'tap'
import { join } from 'node:path'
import { readFileSync, writeFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { loadConfig } from '../../hub/config.js'
import { createLogger } from '../../infra/logging/logger.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import type { Store } from '../../infra/ports/store.js'
import { startHub } from '../../hub/start-hub.js'
import { commands } from '../../hub/commands/index.js'
import { AUDIT, type AuditRead } from '../../gateway/security/audit-chain.js'
import { createAuditWriter } from '../../gateway/security/audit-writer.js'
import { startHeadPublisher } from '../../gateway/security/audit-head-publisher.js'
import { readLastHead } from '../../gateway/security/audit-heads-file.js'
import { bearer, makeClient, person, seedPerson } from './helpers.js'

const read = (i: number): AuditRead => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), requestId: `req-${i}`, clientId: 'mot-cua',
  purpose: '1.001193', entity: 'person', subjects: [`0920900${String(i % 3).padStart(5, '0')}`], fields: ['fullName']
})

async function appendReads (store: Store, from: number, to: number): Promise<void> {
  const writer = createAuditWriter({ store, batchMax: 4, timeoutMs: 10000 })
  for (let i = from; i <= to; i++) await writer.append(read(i))
  await writer.close()
}

/** Deletes the last audit block and its access-log lines: a cut tail with no trace left. */
async function cutTail (store: Store): Promise<void> {
  const [last] = await store.find(AUDIT, { orderBy: { field: '_id', direction: 'desc' }, limit: 1 })
  await store.deleteMany(AUDIT, [last._id])
  const lines = await store.find('access_log', { orderBy: { field: '_id' }, limit: 1000 })
  await store.deleteMany('access_log',
    lines.filter(l => (l.seq as number) >= (last.firstSeq as number)).map(l => l._id))
}

function capture (): { logger: pino.Logger, logs: () => string } {
  let out = ''
  const sink = new Writable({ write (c, _e, done) { out += String(c); done() } })
  return { logger: createLogger('info', sink), logs: () => out }
}

async function verify (dataDir: string, args: string[] = []): Promise<{ code: number, out: string }> {
  let out = ''
  const sink = new Writable({ write (c, _e, done) { out += String(c); done() } })
  const config = loadConfig({ overrides: { dataDir } })
  const code = await commands.audit.run({ config, logger: pino({ level: 'silent' }), args: ['verify', ...args],
    stdout: sink, stderr: sink })
  return { code, out }
}

t.test('the publisher appends each new head, logs it at info, and refuses a chain that lost it', async t => {
  const dir = t.testdir({})
  const file = join(dir, 'heads', 'audit-heads.jsonl')
  const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
  t.teardown(async () => await store.close())
  const { logger, logs } = capture()
  // A long interval: the test drives publication itself (start, publish(), stop()).
  const publisher = startHeadPublisher({ store, file, intervalMs: 3600000, logger })
  t.equal(await publisher.publish(), undefined, 'an empty chain has no head to publish')
  await appendReads(store, 1, 6)
  const first = await publisher.publish()
  t.match(first, { seq: 6, hash: /^[0-9a-f]{64}$/ })
  t.equal(await publisher.publish(), undefined, 'an unchanged head is not published again')
  await appendReads(store, 7, 9)
  await publisher.stop()
  const lines = readFileSync(file, 'utf8').trim().split('\n').map(l => JSON.parse(l))
  t.same(lines.map(l => l.seq), [6, 9], 'one line per new head, the last written on stop')
  t.match(logs(), /"auditHead":\{"seq":9,"hash":"[0-9a-f]{64}"\}.*audit chain head published/)
  t.match(logs(), /"level":30/, 'at info')

  await cutTail(store)
  const again = capture()
  const restarted = startHeadPublisher({ store, file, intervalMs: 3600000, logger: again.logger })
  t.equal(await restarted.publish(), undefined, 'a chain shorter than the last published head is not published')
  await appendReads(store, 10, 14)
  t.equal(await restarted.publish(), undefined, 'nor one that grew again over the cut')
  await restarted.stop()
  t.match(again.logs(), /no longer holds the last published head \(entry 9\)/)
  t.equal((await readLastHead(file))?.seq, 9, 'the file keeps the evidence')
})

t.test('audit verify compares against the last published head by default', async t => {
  const dataDir = t.testdir({})
  const store = openEmbeddedStore({ file: join(dataDir, 'store.sqlite') })
  t.teardown(async () => await store.close())
  await appendReads(store, 1, 8)
  const publisher = startHeadPublisher({ store, file: join(dataDir, 'audit-heads.jsonl'), intervalMs: 3600000,
    logger: pino({ level: 'silent' }) })
  await publisher.stop()
  const intact = await verify(dataDir)
  t.equal(intact.code, 0, intact.out)
  t.match(intact.out, /compared with the last published head 8/)

  await cutTail(store)
  const cut = await verify(dataDir)
  t.equal(cut.code, 1, 'a cut tail is found without --anchor')
  t.match(cut.out, /BROKEN at entry 8 \(missing\).*anchored entry 8 existed/)
  t.equal((await verify(dataDir, ['--no-published-head'])).code, 0, 'not without a published head')

  const other = join(dataDir, 'shipped.jsonl')
  t.equal((await verify(dataDir, ['--head-file', other])).code, 2,
    'an explicit heads file that does not exist is an error')
  writeFileSync(other, readFileSync(join(dataDir, 'audit-heads.jsonl')) + '{"seq":9,"ha')
  t.equal((await verify(dataDir, ['--head-file', other])).code, 1,
    'a shipped copy works too; a torn last line is skipped')
  t.equal((await verify(dataDir, ['--head-file', other, '--no-published-head'])).code, 2, 'contradictory options')
})

t.test('audit verify names each deleted or edited access-log line, one per line, ids masked', async t => {
  const dataDir = t.testdir({})
  const store = openEmbeddedStore({ file: join(dataDir, 'store.sqlite') })
  t.teardown(async () => await store.close())
  await appendReads(store, 1, 12)
  const lines = await store.find('access_log', { orderBy: { field: '_id' }, limit: 100 })
  await store.deleteMany('access_log', [lines[2]._id, lines[7]._id])
  const edited = { ...lines[4], clientId: 'someone-else', version: lines[4].version + 1 }
  await store.bulkUpsert('access_log', [{ doc: edited, expectedVersion: lines[4].version }])
  const { code, out } = await verify(dataDir)
  t.equal(code, 1)
  t.match(out, /audit chain intact: 12 entries/)
  const problems = out.split('\n').filter(l => l.startsWith('access log ') && !l.startsWith('access log:'))
  t.same(problems.map(l => /^access log (\w+) at entry (\d+)/.exec(l)?.slice(1)),
    [['MISSING', '3'], ['EDITED', '5'], ['MISSING', '8']])
  t.match(problems[1], /clientId differs/)
  t.notMatch(out, /0920900000\d\d/, 'no full personal id')
  t.match(out, /092\*{6}00\d/, 'ids masked')
})

t.test('the hub\'s gateway role publishes the head and stops the publisher on shutdown', async t => {
  const dataDir = t.testdir({})
  const { logger, logs } = capture()
  const config = loadConfig({ overrides: { dataDir, role: 'gateway', port: 0, security: { demoClients: false } } })
  const hub = await startHub(config, logger)
  let stopped = false
  t.teardown(async () => { if (!stopped) await hub.stop() })
  const id = '092090000001'
  await seedPerson(hub.store, person(id))
  const client = await makeClient(hub.store, 'mot-cua', 'one-stop',
    [{ purpose: '1.001193', entity: 'person', fields: ['fullName'] }])
  for (let i = 0; i < 3; i++) {
    const res = await hub.gateway?.inject({ method: 'GET', url: `/v1/citizens/${id}`,
      headers: { ...bearer(client.key), 'x-purpose': '1.001193' } })
    t.equal(res?.statusCode, 200)
  }
  await hub.stop()
  stopped = true
  t.equal((await readLastHead(join(dataDir, 'audit-heads.jsonl')))?.seq, 3,
    'the head after the last read, published on shutdown')
  t.match(logs(), /"auditHead":\{"seq":3/)
  t.notMatch(logs(), new RegExp(id), 'no personal id in the log')
  t.equal((await verify(dataDir)).code, 0)
})
