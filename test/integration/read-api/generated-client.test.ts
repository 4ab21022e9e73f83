// The OpenAPI document is usable, not only valid: a client generated from it with the tools an
// integrator would pick (openapi-typescript for the types, openapi-fetch for the calls) type-checks
// against the document and reads three routes of a running gateway over HTTP.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import openapiTS, { astToString } from 'openapi-typescript'
import createClient from 'openapi-fetch'
import { an, cmnd, openReadApi, PURPOSE } from './fixture.js'

// A caller written only against the generated `paths`: if an operation's path, parameters or
// response shape were missing or wrong in the document, this would not compile.
const callerSource = `import createClient from 'openapi-fetch'
import type { paths } from './api.js'

export async function threeCalls (baseUrl: string, key: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + key } })
  const citizen = await client.GET('/v1/citizens/{personalId}', {
    params: { path: { personalId: '${an}' }, header: { 'x-purpose': '${PURPOSE}' }, query: { fields: 'fullName' } }
  })
  const byCmnd = await client.GET('/v1/citizen-lookups/by-cmnd/{cmnd}', {
    params: { path: { cmnd: '${cmnd}' }, header: { 'x-purpose': '${PURPOSE}' } }
  })
  const search = await client.POST('/v1/citizens/search', {
    params: { header: { 'x-purpose': '${PURPOSE}' } },
    body: { fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135' }
  })
  const name: string | undefined = citizen.data?.data.fullName
  return [String(name), String(byCmnd.response.status), String(search.response.status)]
}
`

t.test('a client generated from /docs/json type-checks and calls three routes', async t => {
  const api = await openReadApi(t)
  const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const dir = t.testdir({})
  writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc)))
  writeFileSync(join(dir, 'caller.ts'), callerSource)

  const program = ts.createProgram([join(dir, 'caller.ts')], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true
  })
  const problems = ts.getPreEmitDiagnostics(program)
    .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  t.same(problems, [], 'the generated types accept a caller written against the document')

  // The same calls at run time, through openapi-fetch over real HTTP.
  const baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' })
  const dept = createClient<any>({ baseUrl, headers: { authorization: `Bearer ${api.key.dept}` } })
  const citizen = await dept.GET('/v1/citizens/{personalId}', {
    params: { path: { personalId: an }, header: { 'x-purpose': PURPOSE }, query: { fields: 'fullName' } }
  })
  t.equal(citizen.response.status, 200)
  t.equal(citizen.data?.data.fullName, 'Nguyễn Văn An')
  const byCmnd = await dept.GET('/v1/citizen-lookups/by-cmnd/{cmnd}', {
    params: { path: { cmnd }, header: { 'x-purpose': PURPOSE } }
  })
  t.equal(byCmnd.response.status, 200, JSON.stringify(byCmnd.error))
  t.equal(byCmnd.data?.data.personalId, an)
  const search = await dept.POST('/v1/citizens/search', {
    params: { header: { 'x-purpose': PURPOSE } }, body: { fullName: 'Nguyễn Văn An',
      birthDate: '1985-03-15', wardCode: '31135' }
  })
  t.equal(search.response.status, 200)
  t.same(search.data?.data.map((c: { personalId: string }) => c.personalId), [an])
})
