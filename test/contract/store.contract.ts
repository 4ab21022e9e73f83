// One contract for every store adapter. `open` returns a new adapter instance on the same data.
import type { Test } from 'tap'
import type { Store } from '../../infra/ports/store.js'
import { uniqueName } from '../helpers/wait-for.js'

export function storeContract (t: Test, open: () => Promise<Store>): void {
  t.test('inserts, reads one and reads many', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const a = uniqueName('a')
    const b = uniqueName('b')
    const res = await store.bulkUpsert('persons', [
      { doc: { _id: a, version: 1, fullName: 'Nguyễn Văn An', tags: ['x'] }, expectedVersion: null },
      { doc: { _id: b, version: 1, fullName: 'Trần Thị Bích', nested: { ward: '31135' } }, expectedVersion: null }
    ])
    t.same(res, { applied: [a, b], stale: [] })
    t.same(await store.get('persons', a), { _id: a, version: 1, fullName: 'Nguyễn Văn An', tags: ['x'] })
    const many = await store.getMany('persons', [a, b, uniqueName('missing')])
    t.equal(many.size, 2)
    t.same(many.get(b)?.nested, { ward: '31135' })
    t.equal(await store.get('persons', uniqueName('none')), undefined)
  })

  t.test('reads many: more ids than are read at once, repeated and missing ones', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const ids = Array.from({ length: 40 }, (_v, i) => uniqueName(`m${i}`))
    await store.bulkUpsert('persons',
      ids.map((id, i) => ({ doc: { _id: id, version: 1, n: i }, expectedVersion: null })))
    const asked = [...ids, ids[3], ids[3], ...Array.from({ length: 5 }, (_v, i) => uniqueName(`gone${i}`))]
    const many = await store.getMany('persons', asked)
    t.same([...many.keys()].sort(), [...ids].sort(), 'every stored id once, no missing one')
    t.ok(ids.every((id, i) => many.get(id)?.n === i), 'each id maps to its own document')
    t.equal((await store.getMany('persons', [])).size, 0)
  })

  t.test('a member set to undefined is left out, as JSON leaves it out', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const id = uniqueName('u')
    await store.bulkUpsert('persons', [{ doc: { _id: id, version: 1, kept: 1, gone: undefined,
      nested: { gone: undefined, kept: 'x' } }, expectedVersion: null }])
    const stored = await store.get('persons', id)
    t.same(stored, { _id: id, version: 1, kept: 1, nested: { kept: 'x' } })
    t.notOk(Object.hasOwn(stored ?? {}, 'gone'), 'no null stands in for it')
    t.notOk(Object.hasOwn((stored?.nested ?? {}) as object, 'gone'))
  })

  t.test('refuses stale versions and never applies them', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const id = uniqueName('p')
    const fresh = uniqueName('q')
    await store.bulkUpsert('persons', [{ doc: { _id: id, version: 1, name: 'v1' }, expectedVersion: null }])
    t.same((await store.bulkUpsert('persons',
      [{ doc: { _id: id, version: 2, name: 'v2' }, expectedVersion: 1 }])).applied, [id])
    const res = await store.bulkUpsert('persons', [
      { doc: { _id: id, version: 2, name: 'lost update' }, expectedVersion: 1 },
      { doc: { _id: fresh, version: 1, name: 'new' }, expectedVersion: null }
    ])
    t.same(res.stale, [id], 'a write based on an old version is refused')
    t.same(res.applied, [fresh], 'the rest of the batch still applies')
    t.equal((await store.get('persons', id))?.name, 'v2', 'the refused write changed nothing')
    const again = await store.bulkUpsert('persons',
      [{ doc: { _id: fresh, version: 1, name: 'dup insert' }, expectedVersion: null }])
    t.same(again, { applied: [], stale: [fresh] }, 'inserting over an existing document is stale too')
    t.equal((await store.get('persons', fresh))?.name, 'new')
    const ahead = await store.bulkUpsert('persons',
      [{ doc: { _id: id, version: 9, name: 'skip' }, expectedVersion: 7 }])
    t.same(ahead.stale, [id], 'a version that is not the stored one is refused, ahead or behind')
  })

  t.test('a large batch of replaces applies, with its stale writes named wherever they are', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const ids = Array.from({ length: 60 }, (_v, i) => uniqueName(`big${i}`))
    t.same((await store.bulkUpsert('persons',
      ids.map(_id => ({ doc: { _id, version: 1, n: 1 }, expectedVersion: null })))).applied, ids)
    // Every seventh write carries a version that is not the stored one.
    const writes = ids.map((_id, i) => i % 7 === 3 ? { doc: { _id, version: 6, n: 6 }, expectedVersion: 5 }
      : { doc: { _id, version: 2, n: 2 }, expectedVersion: 1 })
    const res = await store.bulkUpsert('persons', writes)
    const stale = ids.filter((_id, i) => i % 7 === 3)
    t.same([...res.stale].sort(), [...stale].sort(), 'exactly the stale writes are refused')
    t.equal(res.applied.length, ids.length - stale.length)
    const now = await store.getMany('persons', ids)
    t.ok(ids.every((id, i) => now.get(id)?.n === (i % 7 === 3 ? 1 : 2)),
      'each document holds what its write said, or its old content')
  })

  t.test('rejects writes that do not move the version forward', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    await t.rejects(store.bulkUpsert('persons', [{ doc: { _id: 'x', version: 1 }, expectedVersion: 1 }]),
      { code: 'LT_ERR_STORE_WRITE' })
    await t.rejects(store.bulkUpsert('persons', [
      { doc: { _id: 'y', version: 1 }, expectedVersion: null }, { doc: { _id: 'y', version: 2 }, expectedVersion: 1 }
    ]), { code: 'LT_ERR_STORE_WRITE' })
  })

  t.test('finds by equality, in order, page by page', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const subject = uniqueName('s')
    const docs = [5, 3, 9, 3, 7].map((at, i) => ({ _id: `${subject}-${i}`, version: 1, subject, at,
      kind: i % 2 === 0 ? 'read' : 'write', nested: { ok: i !== 2 } }))
    await store.bulkUpsert('history', [...docs, { _id: uniqueName('other'), version: 1, subject: uniqueName('x'), at: 1,
      kind: 'read', nested: { ok: true } }].map(doc => ({ doc, expectedVersion: null })))
    const all = await store.find('history', { where: { subject }, orderBy: { field: 'at' }, limit: 100 })
    t.same(all.map(d => d._id), [`${subject}-1`, `${subject}-3`, `${subject}-0`, `${subject}-4`, `${subject}-2`],
      'ordered by field, then _id on ties')
    const reads = await store.find('history', { where: { subject, kind: 'read' }, limit: 100 })
    t.same(reads.map(d => d._id), [`${subject}-0`, `${subject}-2`, `${subject}-4`],
      'several equalities, default order _id')
    t.same((await store.find('history', { where: { subject, 'nested.ok': false }, limit: 10 })).map(d => d._id),
      [`${subject}-2`], 'dotted fields and booleans')
    const page1 = await store.find('history',
      { where: { subject }, orderBy: { field: 'at', direction: 'desc' }, limit: 2 })
    const last = page1[page1.length - 1]
    const page2 = await store.find('history', { where: { subject }, orderBy: { field: 'at', direction: 'desc' },
      after: { value: last.at as number, id: last._id }, limit: 2 })
    const page3 = await store.find('history', { where: { subject }, orderBy: { field: 'at', direction: 'desc' },
      after: { value: page2[1].at as number, id: page2[1]._id }, limit: 2 })
    t.same([...page1, ...page2, ...page3].map(d => d._id), [`${subject}-2`, `${subject}-4`, `${subject}-0`,
      `${subject}-3`, `${subject}-1`], 'keyset pages neither skip nor repeat, ties included')
    await t.rejects(store.find('history', { where: { 'a; DROP': 1 }, limit: 1 }), /not a field name/)
  })

  t.test('deletes by id', async t => {
    const store = await open()
    t.teardown(async () => await store.close())
    const a = uniqueName('del')
    await store.bulkUpsert('connectors', [{ doc: { _id: a, version: 1 }, expectedVersion: null }])
    t.equal(await store.deleteMany('connectors', [a, uniqueName('none')]), 1)
    t.equal(await store.get('connectors', a), undefined)
    t.equal(await store.deleteMany('connectors', []), 0)
    const many = Array.from({ length: 30 }, (_v, i) => uniqueName(`del${i}`))
    await store.bulkUpsert('connectors', many.map(id => ({ doc: { _id: id, version: 1 }, expectedVersion: null })))
    t.equal(await store.deleteMany('connectors', [...many.slice(0, 20), many[0], uniqueName('none')]), 20,
      'each existing id counted once')
    t.same([...(await store.getMany('connectors', many)).keys()].sort(), many.slice(20).sort(),
      'the other ten are kept')
  })

  t.test('cursors and documents survive a restart', async t => {
    const connector = uniqueName('conn')
    const id = uniqueName('d')
    const first = await open()
    t.equal(await first.getCursor(connector, 'people'), undefined)
    await first.saveCursor(connector, 'people', { updatedSince: '2026-01-01T00:00:00.000Z', afterKey: '092' })
    await first.saveCursor(connector, 'people', { updatedSince: '2026-02-01T00:00:00.000Z', afterKey: '093' })
    await first.bulkUpsert('persons', [{ doc: { _id: id, version: 1, name: 'kept' }, expectedVersion: null }])
    await first.close()
    const second = await open()
    t.teardown(async () => await second.close())
    t.same(await second.getCursor(connector, 'people'), { updatedSince: '2026-02-01T00:00:00.000Z', afterKey: '093' })
    t.equal((await second.get('persons', id))?.name, 'kept')
    await t.resolves(second.ping())
  })
}
