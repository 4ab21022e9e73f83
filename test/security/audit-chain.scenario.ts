// The audit chain on any store adapter: concurrent writers never fork it, group commit batches
// reads, and every kind of tampering (edit, edit with re-hash, delete, reorder, cut tail) is found
// at the right entry. `open` gives a fresh, empty store on each call.
import type { Test } from 'tap'
import type { Store } from '../../infra/ports/store.js'
import { createAuditWriter, type AuditWriter } from '../../gateway/security/audit-writer.js'
import { AUDIT, entryHash, type AuditBlock, type AuditRead } from '../../gateway/security/audit-chain.js'
import { verifyAuditChain } from '../../gateway/security/audit-verify.js'
import { readAccessLog } from '../../gateway/security/access-log.js'

const read = (i: number, subject = `0920900${String(i % 7).padStart(5, '0')}`): AuditRead => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), requestId: `req-${i}`, clientId: i % 2 === 0 ? 'dept-a' : 'mot-cua',
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
  const { applied } = await store.bulkUpsert(AUDIT, [{ doc: { ...next, version: block.version + 1 }, expectedVersion: block.version }])
  if (applied.length !== 1) throw new Error('tampering write refused')
}

export function auditChainScenario (t: Test, open: () => Promise<Store>): void {
  t.test('concurrent writers extend one chain without forking it', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const writers: AuditWriter[] = [0, 1, 2].map(() => createAuditWriter({ store, batchMax: 16, timeoutMs: 30000, maxAttempts: 50 }))
    const entries = await Promise.all(Array.from({ length: 150 }, async (_, i) => await writers[i % 3].append(read(i))))
    await Promise.all(writers.map(async w => await w.close()))
    t.same(entries.map(e => e.seq).sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => i + 1), 'seqs 1..150, each once')
    t.same(new Set(entries.map(e => e.requestId)).size, 150, 'every read got its own entry')
    const result = await verifyAuditChain(store, { pageSize: 3 })
    t.ok(result.ok, 'the chain verifies')
    t.equal(result.entries, 150)
    const stored = await blocks(store)
    t.ok(stored.length < 150, `group commit: ${stored.length} blocks for 150 entries`)
    const log = await readAccessLog(store, read(3).subjects[0], { limit: 200 })
    t.same(log.map(l => l.requestId).sort(), entries.filter(e => e.subjects[0] === read(3).subjects[0]).map(e => e.requestId).sort(), 'the access log holds exactly that subject\'s reads')
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
    t.same(lines.map(l => l.seq), Array.from({ length: 30 }, (_, i) => i + 1), 'key order is sequence order: new lines append')
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
    { name: 'an edited entry', seq: 6, kind: 'edited', tamper: async s => await rewrite(s, 5, b => { b.entries[1].fields.push('phone') }) },
    { name: 'an added field', seq: 6, kind: 'edited', tamper: async s => await rewrite(s, 5, b => { (b.entries[1] as unknown as Record<string, unknown>).note = 'x' }) },
    {
      name: 'an edited and re-hashed entry',
      seq: 7,
      kind: 'broken-link',
      tamper: async s => await rewrite(s, 5, b => { b.entries[1].clientId = 'someone-else'; b.entries[1].hash = entryHash(b.entries[1] as unknown as Record<string, unknown>) })
    },
    { name: 'a deleted block', seq: 9, kind: 'missing', tamper: async s => { await s.deleteMany(AUDIT, [(await blocks(s))[2]._id]) } },
    { name: 'a deleted entry', seq: 14, kind: 'missing', tamper: async s => await rewrite(s, 13, b => { b.entries.splice(1, 1) }) },
    { name: 'two entries swapped', seq: 10, kind: 'out-of-order', tamper: async s => await rewrite(s, 9, b => { [b.entries[1], b.entries[2]] = [b.entries[2], b.entries[1]] }) },
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
    { name: 'a duplicated entry', seq: 19, kind: 'out-of-order', tamper: async s => await rewrite(s, 17, b => { b.entries.splice(2, 0, b.entries[1]) }) }
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

  t.test('a cut tail verifies on its own but not against an anchor', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    await fiveBlocks(store)
    const { head } = await verifyAuditChain(store)
    t.equal(head.seq, 20)
    await store.deleteMany(AUDIT, [(await blocks(store))[4]._id])
    t.ok((await verifyAuditChain(store)).ok, 'a hash chain alone cannot see a cut tail')
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
