// The audit chain on any store adapter: concurrent writers never fork it, group commit batches
// reads, and every kind of tampering (edit, edit with re-hash, delete, reorder, cut tail) is found
// at the right entry. `open` gives a fresh, empty store on each call.
import type { Test } from 'tap'
import type { Store } from '../../infra/ports/store.js'
import { accessLogId, createAuditWriter, type AccessLogDoc,
  type AuditWriter } from '../../gateway/security/audit-writer.js'
import { AUDIT, entryHash, type AuditBlock, type AuditRead } from '../../gateway/security/audit-chain.js'
import { verifyAuditChain } from '../../gateway/security/audit-verify.js'
import { readAccessLog } from '../../gateway/security/access-log.js'

const read = (i: number, subject = `0920900${String(i % 7).padStart(5, '0')}`): AuditRead => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), requestId: `req-${i}`,
    clientId: i % 2 === 0 ? 'dept-a' : 'mot-cua',
  purpose: '1.001193', entity: 'person', subjects: [subject], fields: ['fullName', 'birthDate']
})

async function blocks (store: Store): Promise<AuditBlock[]> {
  return await store.find(AUDIT, { orderBy: { field: '_id' }, limit: 5000 }) as AuditBlock[]
}

/** 20 entries in 5 blocks of 4 (first seqs 1, 5, 9, 13, 17). */
async function fiveBlocks (store: Store): Promise<void> {
  const writer = createAuditWriter({ store, batchMax: 4, timeoutMs: 10000 })
  await Promise.all(Array.from({ length: 20 }, async (_, i) => await writer.append(read(i + 1))))
  await writer.close()
}

async function rewrite (store: Store, firstSeq: number, change: (b: AuditBlock) => void): Promise<void> {
  const block = (await blocks(store)).find(b => b.firstSeq === firstSeq)
  if (block === undefined) throw new Error(`no block ${firstSeq}`)
  const next = structuredClone(block)
  change(next)
  const { applied } = await store.bulkUpsert(AUDIT,
    [{ doc: { ...next, version: block.version + 1 }, expectedVersion: block.version }])
  if (applied.length !== 1) throw new Error('tampering write refused')
}

export function auditChainScenario (t: Test, open: () => Promise<Store>): void {
  t.test('concurrent writers extend one chain without forking it', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const writers: AuditWriter[] = [0, 1, 2].map(() => createAuditWriter({ store, batchMax: 16,
      timeoutMs: 30000, maxAttempts: 50 }))
    const entries = await Promise.all(Array.from({ length: 150 }, async (_, i) => await writers[i % 3].append(read(i))))
    await Promise.all(writers.map(async w => await w.close()))
    t.same(entries.map(e => e.seq).sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => i + 1),
      'seqs 1..150, each once')
    t.same(new Set(entries.map(e => e.requestId)).size, 150, 'every read got its own entry')
    const result = await verifyAuditChain(store, { pageSize: 3 })
    t.ok(result.ok, 'the chain verifies')
    t.equal(result.entries, 150)
    const stored = await blocks(store)
    t.ok(stored.length < 150, `group commit: ${stored.length} blocks for 150 entries`)
    const log = await readAccessLog(store, read(3).subjects[0], { limit: 200 })
    t.same(log.map(l => l.requestId).sort(), entries.filter(e => e.subjects[0] === read(3).subjects[0])
      .map(e => e.requestId).sort(), 'the access log holds exactly that subject\'s reads')
    t.same(log.map(l => l.seq), [...log.map(l => l.seq)].sort((a, b) => b - a), 'newest first')
  })

  t.test('the access log is keyed in sequence order and pages newest first by seq', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const writer = createAuditWriter({ store, batchMax: 4, timeoutMs: 10000 })
    // Seven citizens read in turn (read(i) names citizen i % 7), so each has lines spread through the log.
    for (let i = 1; i <= 30; i++) await writer.append(read(i))
    await writer.close()
    const lines = await store.find('access_log', { orderBy: { field: '_id' }, limit: 100 })
    t.same(lines.map(l => l.seq), Array.from({ length: 30 }, (_, i) => i + 1),
      'key order is sequence order: new lines append')
    const subject = read(3).subjects[0]
    const pages: number[][] = []
    let before: number | undefined
    for (;;) {
      const page = await readAccessLog(store, subject, { limit: 2, before })
      if (page.length === 0) break
      pages.push(page.map(l => l.seq))
      before = page[page.length - 1].seq
    }
    t.same(pages, [[24, 17], [10, 3]], 'one citizen\'s lines, newest first, two per page')
  })

  const tampering: Array<{ name: string, tamper: (store: Store) => Promise<void>, seq: number, kind: string }> = [
    { name: 'an edited entry', seq: 6, kind: 'edited', tamper: async s => await rewrite(s, 5,
      b => { b.entries[1].fields.push('phone') }) },
    { name: 'an added field', seq: 6, kind: 'edited', tamper: async s => await rewrite(s, 5,
      b => { (b.entries[1] as unknown as Record<string, unknown>).note = 'x' }) },
    {
      name: 'an edited and re-hashed entry',
      seq: 7,
      kind: 'broken-link',
      tamper: async s => await rewrite(s, 5, b => { b.entries[1].clientId = 'someone-else'; b.entries[1].hash =
        entryHash(b.entries[1] as unknown as Record<string, unknown>) })
    },
    { name: 'a deleted block', seq: 9, kind: 'missing',
      tamper: async s => { await s.deleteMany(AUDIT, [(await blocks(s))[2]._id]) } },
    { name: 'a deleted entry', seq: 14, kind: 'missing', tamper: async s => await rewrite(s, 13,
      b => { b.entries.splice(1, 1) }) },
    { name: 'two entries swapped', seq: 10, kind: 'out-of-order', tamper: async s =>
      await rewrite(s, 9, b => { [b.entries[1], b.entries[2]] = [b.entries[2], b.entries[1]] }) },
    {
      name: 'two blocks swapped',
      seq: 5,
      kind: 'out-of-order',
      tamper: async s => {
        const all = await blocks(s)
        const [b5, b9] = [all[1], all[2]]
        await rewrite(s, 5, b => { b.entries = b9.entries })
        await rewrite(s, 9, b => { b.entries = b5.entries })
      }
    },
    { name: 'a duplicated entry', seq: 19, kind: 'out-of-order', tamper: async s =>
      await rewrite(s, 17, b => { b.entries.splice(2, 0, b.entries[1]) }) }
  ]
  for (const { name, tamper, seq, kind } of tampering) {
    t.test(`${name} is found at entry ${seq}`, async t => {
      const store = await open()
      t.teardown(async () => await store.close())
      await fiveBlocks(store)
      t.ok((await verifyAuditChain(store)).ok, 'intact before')
      await tamper(store)
      const { ok, problem } = await verifyAuditChain(store, { pageSize: 2 })
      t.notOk(ok)
      t.equal(problem?.kind, kind)
      t.equal(problem?.seq, seq)
      t.match(problem?.message, new RegExp(`\\b${seq}\\b`), 'the message names the entry')
    })
  }

  // The access log is a copy of the chain kept for "who read my data": every line deleted, edited or
  // slipped in is named (masked id, entry), not only the first, while the chain itself stays intact.
  const subjectOf = (seq: number): string => read(seq).subjects[0]
  async function line (s: Store, seq: number): Promise<AccessLogDoc> {
    return await s.get('access_log', accessLogId(subjectOf(seq), seq)) as AccessLogDoc
  }
  async function editLine (s: Store, seq: number, change: (l: AccessLogDoc) => void): Promise<void> {
    const old = await line(s, seq)
    const next = structuredClone(old)
    change(next)
    const { applied } = await s.bulkUpsert('access_log',
      [{ doc: { ...next, version: old.version + 1 }, expectedVersion: old.version }])
    if (applied.length !== 1) throw new Error('tampering write refused')
  }
  const lineTampering: Array<{ name: string, tamper: (s: Store) => Promise<void>, found: Array<[string, number]> }> = [
    {
      name: 'one citizen\'s lines deleted',
      found: [['missing', 3], ['missing', 10], ['missing', 17]],
      tamper: async s => { await s.deleteMany('access_log', [3, 10, 17].map(seq => accessLogId(subjectOf(seq), seq))) }
    },
    { name: 'a line\'s purpose edited', found: [['edited', 6]], tamper: async s =>
      await editLine(s, 6, l => { l.purpose = 'other' }) },
    { name: 'a field dropped from a line', found: [['edited', 8]], tamper: async s =>
      await editLine(s, 8, l => { l.fields = ['fullName'] }) },
    { name: 'a field added to a line', found: [['edited', 9]], tamper: async s =>
      await editLine(s, 9, l => { (l as Record<string, unknown>).note = 'x' }) },
    { name: 'a line\'s seq edited', found: [['edited', 11]], tamper: async s =>
      await editLine(s, 11, l => { l.seq = 12 }) },
    {
      name: 'a line added for a citizen the entry did not read',
      found: [['unknown', 7]],
      tamper: async s => {
        const fake = { ...await line(s, 7), _id: accessLogId('092090099999', 7),
          personalId: '092090099999', version: 1 }
        await s.bulkUpsert('access_log', [{ doc: fake, expectedVersion: null }])
      }
    },
    {
      name: 'a line added past the head',
      found: [['unknown', 25]],
      tamper: async s => {
        const fake = { ...await line(s, 20), _id: accessLogId(subjectOf(20), 25), seq: 25, version: 1 }
        await s.bulkUpsert('access_log', [{ doc: fake, expectedVersion: null }])
      }
    }
  ]
  for (const { name, tamper, found } of lineTampering) {
    t.test(`access log: ${name} is found`, async t => {
      const store = await open()
      t.teardown(async () => await store.close())
      await fiveBlocks(store)
      t.ok((await verifyAuditChain(store)).ok, 'intact before')
      await tamper(store)
      const result = await verifyAuditChain(store, { pageSize: 2, accessLogPageSize: 3 })
      t.notOk(result.ok)
      t.equal(result.problem, undefined, 'the chain itself is intact')
      t.same(result.accessLog.problems.map(p => [p.kind, p.seq]), found)
      for (const p of result.accessLog.problems) {
        t.match(p.message, new RegExp(`\\b${p.seq}\\b`), 'the message names the entry')
        t.notMatch(`${p.subject} ${p.message}`, /\d{12}/, 'no full personal id')
      }
    })
  }

  t.test('access log: many deleted lines are each named, and a long list is capped', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const writer = createAuditWriter({ store, batchMax: 16, timeoutMs: 10000 })
    await Promise.all(Array.from({ length: 140 }, async (_, i) => await writer.append(read(i + 1))))
    await writer.close()
    const lines = await store.find('access_log', { orderBy: { field: '_id' }, limit: 500 })
    await store.deleteMany('access_log', lines.slice(0, 126).map(l => l._id))
    const all = await verifyAuditChain(store, { accessLogPageSize: 7 })
    t.equal(all.accessLog.problems.length, 126, 'one problem per deleted line')
    t.ok(all.accessLog.problems.every(p => p.kind === 'missing'))
    t.equal(all.accessLog.checked, 14)
    const capped = await verifyAuditChain(store, { maxAccessLogProblems: 10 })
    t.equal(capped.accessLog.problems.length, 10)
    t.equal(capped.accessLog.more, 116, 'the rest are counted')
  })

  t.test('access log: lines with old-style ids (<personalId>:<seq>) still match their entries', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    await fiveBlocks(store)
    const moved = await Promise.all([2, 5, 13].map(async seq => await line(store, seq)))
    await store.deleteMany('access_log', moved.map(l => l._id))
    await store.bulkUpsert('access_log',
      moved.map(l => ({ doc: { ...l, _id: `${l.personalId}:${l.seq}` }, expectedVersion: null })))
    const result = await verifyAuditChain(store, { pageSize: 2, accessLogPageSize: 3 })
    t.same(result.accessLog.problems, [])
    t.ok(result.ok)
    await store.deleteMany('access_log', [`${subjectOf(5)}:5`])
    await store.bulkUpsert('access_log', [{ doc: { ...moved[1], _id: `${subjectOf(5)}:21`, seq: 21 },
      expectedVersion: null }])
    const broken = await verifyAuditChain(store, { pageSize: 2, accessLogPageSize: 3 })
    t.same(broken.accessLog.problems.map(p => [p.kind, p.seq]), [['missing', 5], ['unknown', 21]])
  })

  t.test('access log: lines whose write failed are written with the next block', async t => {
    const real = await open()
    t.teardown(async () => await real.close())
    let failLines = true
    const store: Store = {
      ...real,
      bulkUpsert: async (collection, writes) => {
        if (collection === 'access_log' && failLines) throw new Error('disk full')
        return await real.bulkUpsert(collection, writes)
      }
    }
    const writer = createAuditWriter({ store, batchMax: 4, timeoutMs: 10000 })
    await t.rejects(writer.append(read(1)), { code: 'LT_ERR_AUDIT_UNAVAILABLE' })
    failLines = false
    await writer.append(read(2))
    await writer.close()
    t.ok(await real.get('access_log', accessLogId(subjectOf(1), 1)), 'the line of the failed read was written later')
    t.ok((await verifyAuditChain(real)).ok)
  })

  t.test('a cut tail verifies on its own but not against an anchor', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    await fiveBlocks(store)
    const { head } = await verifyAuditChain(store)
    t.equal(head.seq, 20)
    await store.deleteMany(AUDIT, [(await blocks(store))[4]._id])
    const alone = await verifyAuditChain(store)
    t.equal(alone.problem, undefined, 'a hash chain alone cannot see a cut tail')
    t.same(alone.accessLog.problems.map(p => [p.kind, p.seq]), [17, 18, 19, 20].map(seq => ['unknown', seq]),
      'but the access-log lines of the cut entries are left over')
    await store.deleteMany('access_log', (await store.find('access_log',
      { orderBy: { field: '_id' }, limit: 100 })).filter(l => (l.seq as number) > 16).map(l => l._id))
    t.ok((await verifyAuditChain(store)).ok, 'with those lines deleted too, only an anchor shows the cut')
    const anchored = await verifyAuditChain(store, { anchors: [head] })
    t.notOk(anchored.ok)
    t.equal(anchored.problem?.kind, 'missing')
    t.equal(anchored.problem?.seq, 17)
    // A writer continuing after the cut re-uses seq 17 with other content: the anchor shows it.
    const writer = createAuditWriter({ store, batchMax: 8, timeoutMs: 10000 })
    await Promise.all([21, 22, 23, 24].map(async i => await writer.append(read(i))))
    await writer.close()
    const rewritten = await verifyAuditChain(store, { anchors: [head] })
    t.equal(rewritten.problem?.kind, 'anchor-mismatch')
    t.equal(rewritten.problem?.seq, 20)
  })
}
