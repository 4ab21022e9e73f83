// Semver precedence for registration updates, and the declarative paging styles.
import t from 'tap'
import { compareSemver } from '../../../connectors/registry/semver.js'
import { pageParams, readPage } from '../../../connectors/declarative/paging.js'
import type { PagingSpec } from '../../../connectors/registry/registration.js'

t.test('semver order', async t => {
  const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11',
    '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0']
  for (let i = 1; i < ordered.length; i++) {
    t.equal(compareSemver(ordered[i - 1], ordered[i]), -1, `${ordered[i - 1]} < ${ordered[i]}`)
    t.equal(compareSemver(ordered[i], ordered[i - 1]), 1)
  }
  t.equal(compareSemver('1.2.3', '1.2.3'), 0)
})

const cursorAfter = (r: Record<string, unknown>) => ({ updatedSince: String(r.t), afterKey: String(r.k) })

t.test('page style counts pages and keeps the filter of the run', async t => {
  const paging: PagingSpec = { style: 'page', params: { page: 'trang', limit: 'kich_thuoc', updatedSince: 'tu' },
    firstPage: 1, records: 'items' }
  t.same(pageParams(paging, { cursor: undefined, limit: 2 }), { kich_thuoc: '2', trang: '1' })
  const p1 = readPage(paging, { items: [{ k: 'a', t: '1' }, { k: 'b', t: '2' }] }, { cursor: undefined, limit: 2 },
    cursorAfter)
  t.same(p1.next, { updatedSince: '', afterKey: 'page:2' })
  t.same(pageParams(paging, { cursor: p1.next ?? undefined, limit: 2 }), { kich_thuoc: '2', trang: '2' })
  const last = readPage(paging, { items: [{ k: 'c', t: '3' }] }, { cursor: p1.next ?? undefined, limit: 2 },
    cursorAfter)
  t.equal(last.next, null, 'a short page ends the run')
  // The next run filters by the newest update seen and starts at page 1 again.
  t.same(pageParams(paging, { cursor: { updatedSince: '3', afterKey: 'c' }, limit: 2 }),
    { kich_thuoc: '2', tu: '3', trang: '1' })
})

t.test('offset style moves by the records read; hasMore wins over a full page', async t => {
  const paging: PagingSpec = { style: 'offset', params: { offset: 'skip', limit: 'take' }, records: 'data.rows',
    hasMore: 'data.more' }
  const p = readPage(paging, { data: { rows: [{ k: 'a', t: '1' }], more: true } },
    { cursor: { updatedSince: '', afterKey: 'offset:10' }, limit: 5 }, cursorAfter)
  t.same(p.next, { updatedSince: '', afterKey: 'offset:11' })
  t.equal(readPage(paging, { data: { rows: [{ k: 'a' }], more: false } }, { cursor: undefined, limit: 1 },
    cursorAfter).next, null)
})

t.test('cursor style reads the next parameters, or derives them from a full page', async t => {
  const named: PagingSpec = { style: 'cursor', params: { updatedSince: 'tu_ngay', afterKey: 'sau_ma', limit: 'n' },
    records: 'r', next: 'tiep' }
  t.same(readPage(named, { r: [], tiep: { tu_ngay: 'x', sau_ma: 7 } }, { cursor: undefined, limit: 1 },
    cursorAfter).next, { updatedSince: 'x', afterKey: '7' })
  t.equal(readPage(named, { r: [], tiep: null }, { cursor: undefined, limit: 1 }, cursorAfter).next, null)
  t.throws(() => readPage(named, { r: 'nope' }, { cursor: undefined, limit: 1 }, cursorAfter),
    { code: 'LT_ERR_SOURCE_PAGE' })
  t.throws(() => readPage(named, { r: [], tiep: 'soon' }, { cursor: undefined, limit: 1 }, cursorAfter),
    { code: 'LT_ERR_SOURCE_PAGE' })
  const derived: PagingSpec = { style: 'cursor', params: { updatedSince: 'since', afterKey: 'after', limit: 'n' },
    records: 'r' }
  t.same(readPage(derived, { r: [{ k: 'a', t: '1' }] }, { cursor: undefined, limit: 1 }, cursorAfter).next,
    { updatedSince: '1', afterKey: 'a' })
  t.same(pageParams(derived, { cursor: { updatedSince: '1', afterKey: 'a' }, limit: 1 }),
    { n: '1', since: '1', after: 'a' })
})
