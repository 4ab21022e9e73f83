// The read API documents itself: every route with a registered tag, an example, its problems, the
// personal-data headers; and responses carry only what their schema declares.
import t from 'tap'
import { an, openReadApi } from './fixture.js'

const readRoutes = [
  ['get', '/v1/citizens/{personalId}'],
  ['get', '/v1/citizens/{personalId}/household'],
  ['get', '/v1/citizens/{personalId}/land-parcels'],
  ['get', '/v1/citizens/{personalId}/health-insurance'],
  ['get', '/v1/citizens/{personalId}/business-households'],
  ['get', '/v1/citizens/{personalId}/driver-licences'],
  ['get', '/v1/citizens/{personalId}/benefits'],
  ['get', '/v1/citizens/{personalId}/students'],
  ['get', '/v1/citizens/{personalId}/notarizations'],
  ['get', '/v1/citizens/{personalId}/construction-permits'],
  ['get', '/v1/citizen-lookups/by-cmnd/{cmnd}'],
  ['get', '/v1/citizen-lookups/by-health-insurance/{number}'],
  ['post', '/v1/citizens/search'],
  ['get', '/v1/households/{householdId}'],
  ['get', '/v1/land-parcels/{parcelId}'],
  ['get', '/v1/land-parcels/by-certificate/{serial}'],
  ['get', '/v1/conflicts'],
  ['get', '/v1/civil-servants/{staffCode}'],
  ['get', '/v1/infrastructure']
] as const

t.test('OpenAPI: every read route documented with tags, examples and problems', async t => {
  const api = await openReadApi(t)
  const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const tags = new Set((doc.tags as Array<{ name: string }>).map(tag => tag.name))
  for (const [method, path] of readRoutes) {
    const op = doc.paths[path]?.[method]
    if (op === undefined) { t.fail(`${method} ${path} not documented`); continue }
    t.ok(op.tags.length > 0 && op.tags.every((tag: string) => tags.has(tag)), `${path}: tags registered`)
    // The GIS layer answers GeoJSON (RFC 7946), every other read JSON.
    const ok = op.responses['200'].content['application/json'] ?? op.responses['200'].content['application/geo+json']
    const example = ok.example ?? ok.examples
      ?? doc.components.schemas[(ok.schema.$ref ?? '').split('/').at(-1)]?.examples
    t.ok(example !== undefined, `${path}: a 200 example`)
    for (const status of ['400', '401', '403', '503']) t.ok(op.responses[status] !== undefined,
      `${path}: ${status} documented`)
    t.ok(op.parameters.some((p: any) => p.in === 'header' && p.name === 'x-purpose'), `${path}: X-Purpose`)
    if (method === 'get' && path !== '/v1/conflicts') {
      t.ok(op.responses['304'] !== undefined, `${path}: 304 documented`)
      t.ok(op.parameters.some((p: any) => p.in === 'query' && p.name === 'fields'), `${path}: fields=`)
      t.ok(op.parameters.some((p: any) => p.in === 'header' && p.name === 'if-none-match'), `${path}: If-None-Match`)
    }
  }
})

t.test('OpenAPI: every operation has registered tags and a declared success response', async t => {
  const api = await openReadApi(t)
  const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const tags = new Set((doc.tags as Array<{ name: string }>).map(tag => tag.name))
  let operations = 0
  // Swagger UI shows "Default Response" where a response has no description of its own.
  const undescribed: string[] = []
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      operations++
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if ((response as { description?: string }).description === 'Default Response')
          undescribed.push(`${method} ${path} ${code}`)
      }
      t.ok(op.tags?.length > 0 && op.tags.every((tag: string) => tags.has(tag)), `${method} ${path}: tags registered`)
      const success = Object.keys(op.responses ?? {}).filter(code => /^2\d\d$/.test(code))
      t.ok(success.length > 0, `${method} ${path}: a success response is declared`)
    }
  }
  t.same(undescribed, [], 'every response says what it is')
  // This app has the read, prefill, admin and schema routes (not the connector registry's).
  t.ok(operations >= 25, `the app's routes are in the document (${operations} operations)`)
})

t.test('responses carry only declared fields', async t => {
  const api = await openReadApi(t)
  // A stray field in a golden record (written by a future merger, say) is not served.
  const doc = await api.store.get('persons', an)
  if (doc === undefined) throw new Error('fixture person missing')
  const fields = doc.fields as Record<string, unknown>
  await api.store.bulkUpsert('persons',
    [{ doc: { ...doc, version: doc.version + 1, fields: { ...fields, fullName: 'Nguyễn Văn An', permanentAddress: {
    ...(fields.permanentAddress as object), gpsLocation: '10.03,105.78' } } }, expectedVersion: doc.version }])
  const res = await api.get(`/v1/citizens/${an}?fields=permanentAddress`)
  t.equal(res.statusCode, 200)
  t.same(res.json().data, { permanentAddress: { line: '12 Hòa Bình', wardCode: '31135' } },
    'the undeclared nested field is dropped by the schema')
})
