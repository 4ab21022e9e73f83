// The prefill body schema in the OpenAPI document says which subject roles each procedure takes:
// a body with a role the procedure lacks (or missing a required one) is invalid by the document,
// and a body valid by the document is never refused for its subjects.
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { openGateway, makeClient, bearer, openTestStore } from '../../security/helpers.js'
import { loadProcedureTemplates } from '../../../gateway/prefill/procedure-template.js'

t.test('the prefill body schema states the subject rules', async t => {
  const store = openTestStore(t)
  const { app } = await openGateway(t, { store })
  const templates = [...loadProcedureTemplates().values()]
  const clerk = await makeClient(store, 'one-stop', 'one-stop',
    templates.map(p => ({ purpose: p.code, entity: 'person' as const, fields: ['fullName'] })))
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  const check = new Ajv2020({ strict: false }).compile(
    doc.paths['/v1/prefill'].post.requestBody.content['application/json'].schema)
  const post = async (body: Record<string, unknown>) => await app.inject({
    method: 'POST', url: '/v1/prefill', headers: { ...bearer(clerk.key),
      'x-purpose': body.procedureCode as string }, payload: body
  })
  const id = (n: number): string => `09219000${String(n).padStart(4, '0')}`

  const foreign = { procedureCode: '1.000894', personalId: id(1), subjects: { groom: id(2), father: id(3) } }
  t.notOk(check(foreign), 'marriage registration takes no father: invalid by the document')
  t.match((await post(foreign)).json(), { code: 'LT_ERR_PREFILL_SUBJECT', errors: [{ path: 'body/subjects/father' }] })
  const mainAgain = { procedureCode: '1.000894', personalId: id(1), subjects: { groom: id(2), bride: id(3) } }
  t.notOk(check(mainAgain), 'the main subject is personalId, not one of the subjects')
  t.match((await post(mainAgain)).json(), { code: 'LT_ERR_PREFILL_SUBJECT', errors: [{ path: 'body/subjects/bride' }] })
  const badId = { procedureCode: '1.000894', personalId: id(1), subjects: { groom: '12' } }
  t.match((await post(badId)).json(), { code: 'LT_ERR_VALIDATION', errors: [{ path: 'body/subjects/groom' }] },
    'a malformed id is a plain validation error')

  for (const p of templates) {
    const [, ...others] = p.subjects
    const full = { procedureCode: p.code, personalId: id(1),
      subjects: Object.fromEntries(others.map((s, i) => [s.role, id(i + 2)])) }
    t.ok(check(full), `${p.code} with all its subjects is valid by the document`)
    t.equal((await post(full)).statusCode, 200, `${p.code} with all its subjects is answered`)
    const required = { ...full, subjects: Object.fromEntries(others.filter(s => s.required)
      .map((s, i) => [s.role, id(i + 2)])) }
    t.ok(check(required), `${p.code} with its required subjects only is valid by the document`)
    t.equal((await post(required)).statusCode, 200)
    for (const s of others.filter(s => s.required)) {
      const without = { ...full, subjects: Object.fromEntries(Object.entries(full.subjects)
        .filter(([role]) => role !== s.role)) }
      t.notOk(check(without), `${p.code} without ${s.role} is invalid by the document`)
      t.match((await post(without)).json(), { code: 'LT_ERR_PREFILL_SUBJECT',
        errors: [{ path: `body/subjects/${s.role}` }] })
    }
  }
  const unknownProcedure = { procedureCode: '9.999999', personalId: id(1) }
  t.ok(check(unknownProcedure), 'a code without a template is well-formed (answered 404 LT_ERR_PROCEDURE_NOT_FOUND)')
})
