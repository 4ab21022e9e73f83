// The MongoDB adapter's codec for arrays nested in arrays (FerretDB 1.x refuses them): a GeoJSON
// line round-trips, flat arrays and everything else keep their shape and identity.
import t from 'tap'
import { decodeNestedArrays, encodeNestedArrays } from '../../../infra/store/nested-arrays.js'

t.test('a document with a GeoJSON line round-trips, nested arrays stored as text', async t => {
  const doc = {
    _id: 'TN-1', version: 2, at: new Date(0),
    fields: { geometry: { type: 'LineString', coordinates: [[105.78, 10.03], [105.79, 10.04]] },
      bbox: [105.78, 10.03, 105.79, 10.04] },
    history: [{ polygon: [[[1, 2], [3, 4], [5, 6], [1, 2]]] }]
  }
  const stored = encodeNestedArrays(doc)
  const nested = (v: unknown): boolean => Array.isArray(v) ? v.some(x => Array.isArray(x) || nested(x))
    : v !== null && typeof v === 'object' && !(v instanceof Date) ? Object.values(v).some(nested) : false
  t.notOk(nested(stored), 'no array holds an array once encoded')
  t.same((stored.fields as { bbox: unknown }).bbox, [105.78, 10.03, 105.79, 10.04], 'a flat array stays an array')
  t.same(decodeNestedArrays(stored), doc, 'read back as written')
  t.equal(stored.at, doc.at, 'a Date is left as it is')
  t.same(doc.fields.geometry.coordinates, [[105.78, 10.03], [105.79, 10.04]], 'the written document is not changed')
})

t.test('a document without nested arrays is the same object both ways', async t => {
  const doc = { _id: 'p1', fields: { names: ['a', 'b'], address: { wardCode: '31135' } } }
  t.equal(encodeNestedArrays(doc), doc)
  t.equal(decodeNestedArrays(doc), doc)
})
