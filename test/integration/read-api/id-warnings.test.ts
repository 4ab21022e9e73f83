// A 12-digit id whose century/sex digit or year digits contradict the birth date or sex: the merger
// puts a warning on the golden record, readers granted both fields see it in meta.warnings, the
// prefill shows it on the field, and operators count such records at GET /v1/data-quality.
import t from 'tap'
import { buildGateway } from '../../../gateway/app.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { canonicalEvent, harness } from '../../unit/merger/fixtures.js'
import { bearer, makeClient, openTestStore, OPERATOR_KEY } from '../../security/helpers.js'

// 092 1 85 000606: century/sex digit 1 (a woman born in the 1900s), year digits 85.
const odd = '092185000606'
const fine = '092201000707'
const PURPOSE = '1.000894'

t.test('id digits that contradict the birth date or sex are warned about', async t => {
  const store = openTestStore(t)
  const { apply, dead } = harness(undefined, store)
  await apply([
    canonicalEvent({ entityId: odd, system: 'ho-tich', at: 1, fields: { personalId: odd, fullName: 'Lê Văn Hùng',
      birthDate: '2001-05-01', sex: 'male' } }),
    canonicalEvent({ entityId: fine, system: 'ho-tich', at: 1, fields: { personalId: fine, fullName: 'Lê Văn Tâm',
      birthDate: '2001-05-01', sex: 'male' } })
  ])
  t.same(dead, [])
  const stored = await store.get('persons', odd) as { warnings?: Array<{ code: string }> }
  t.same(stored.warnings?.map(w => w.code), ['LT_WARN_ID_CENTURY_MISMATCH', 'LT_WARN_ID_BIRTH_YEAR_MISMATCH',
    'LT_WARN_ID_SEX_MISMATCH'])
  t.equal((await store.get('persons', fine) as { warnings?: unknown }).warnings, undefined,
    'a consistent id: no warning')

  const app = await buildGateway({ store, logger: createLogger('silent'), readiness: [],
    security: { operatorKey: OPERATOR_KEY, keyCacheTtlMs: 60000, grantCacheTtlMs: 0 } })
  t.teardown(async () => { await app.close() })
  const all = await makeClient(store, 'clerk', 'one-stop',
    [{ purpose: PURPOSE, entity: 'person', fields: ['personalId', 'fullName', 'birthDate', 'sex', 'maritalStatus'] }])
  const nameOnly = await makeClient(store, 'narrow', 'one-stop',
    [{ purpose: PURPOSE, entity: 'person', fields: ['personalId', 'fullName'] }])
  const get = async (url: string, key: string) => await app.inject({ method: 'GET', url,
    headers: { ...bearer(key), 'x-purpose': PURPOSE } })

  const record = (await get(`/v1/citizens/${odd}`, all.key)).json()
  t.same(record.meta.warnings.map((w: { code: string }) => w.code),
    ['LT_WARN_ID_CENTURY_MISMATCH', 'LT_WARN_ID_BIRTH_YEAR_MISMATCH', 'LT_WARN_ID_SEX_MISMATCH'])
  t.same(record.meta.warnings[1].fields, ['personalId', 'birthDate'])
  t.same((await get(`/v1/citizens/${odd}?fields=personalId,sex`, all.key)).json()
    .meta.warnings.map((w: { code: string }) => w.code), ['LT_WARN_ID_SEX_MISMATCH'],
    'only warnings on returned fields')
  t.equal((await get(`/v1/citizens/${odd}`, nameOnly.key)).json().meta.warnings, undefined,
    'a reader without the birth date or sex learns nothing of them')

  const filled = await app.inject({ method: 'POST', url: '/v1/prefill', headers: { ...bearer(all.key),
    'x-purpose': PURPOSE }, payload: { procedureCode: PURPOSE, personalId: fine, subjects: { groom: odd } } })
  t.equal(filled.statusCode, 200)
  const byId = Object.fromEntries(filled.json().fields.map((f: { id: string }) => [f.id, f]))
  t.same(byId['benNam.ngaySinh'].warnings.map((w: { code: string }) => w.code),
    ['LT_WARN_ID_CENTURY_MISMATCH', 'LT_WARN_ID_BIRTH_YEAR_MISMATCH'])
  t.equal(byId['benNu.ngaySinh'].warnings, undefined)

  const quality = await app.inject({ method: 'GET', url: '/v1/data-quality', headers: bearer(OPERATOR_KEY) })
  t.equal(quality.statusCode, 200)
  t.same(quality.json(), { personalIdMismatches: 1 })
  t.equal((await app.inject({ method: 'GET', url: '/v1/data-quality', headers: bearer(all.key) })).statusCode, 403,
    'operators only')
})
