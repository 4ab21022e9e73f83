// The access matrix: every client (and no client) × every personal-data endpoint × subjects (two
// held citizens and one unknown) × purposes (each granted one, an ungranted one, none, a malformed
// one). Zero 2xx without a grant, zero ungranted fields, no data of another subject, and exactly
// one audit entry, naming the returned fields, per successful read. Beyond the records' fields the
// whole body is searched (meta, nested objects, list items, membership, cursors): no identifier of
// the subject the grant does not cover, and none of another subject, may appear anywhere in it.
import t from 'tap'
import { bearer, makeClient, openGateway, person, OPERATOR_KEY } from './helpers.js'
import { isGranted, matrixKeys, pathsHolding, pathsOf, personalDataEndpoints, purposeOperations, seedMatrixCity,
  subjectIdentifiers } from './endpoints.js'
import { grantableEntities, type EntityName } from '../../gateway/security/entities.js'
import { projectFields } from '../../gateway/security/projection.js'
import { revokeKey, setClientDisabled } from '../../gateway/security/clients.js'
import { verifyAuditChain } from '../../gateway/security/audit-verify.js'
import type { AuditBlock } from '../../gateway/security/audit-chain.js'
import { canonicalJson } from '../../infra/shared/canonical-json.js'

type Grants = Array<{ purpose: string, entity: EntityName, fields: string[] }>

// Thousands of requests, each body searched whole: on a loaded machine this runs past the default
// file timeout (.taprc), so it has its own. Deterministic: fixed data, fixed order, no clock in the checks.
t.setTimeout(600_000)

t.test('no 2xx without a grant, no field beyond it, no other subject\'s data', async t => {
  // Thousands of deliberate failures by design: the failure throttle (its own test) is off here.
  const { app, store } = await openGateway(t,
    { security: { authThrottle: { perKey: 0, perAddress: 0, windowMs: 60000 } } })
  // Every personal-data endpoint the gateway serves is in the matrix: none can be added unchecked.
  const openapi = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  t.same(purposeOperations(openapi).sort(), personalDataEndpoints.filter(e => e.deprecatedAlias === undefined)
    .map(e => e.route).sort(),
    'the matrix covers every endpoint that takes X-Purpose')
  const subjects = { a: '092090000001', b: '092190000002', unknown: '092999999999' }
  const people = {
    [subjects.a]: person(subjects.a, { householdId: matrixKeys(subjects.a).household }),
    [subjects.b]: person(subjects.b, { fullName: 'Lê Văn Bình', familyName: 'Lê', middleName: 'Văn', givenName: 'Bình',
      sex: 'male', phone: '0987654321', householdId: matrixKeys(subjects.b).household })
  }
  // Golden records, linked records and a conflict per held subject, so every endpoint returns data.
  await seedMatrixCity(store, Object.values(people))

  const allPersonFields = grantableEntities.person.fields
  const clientGrants: Record<string, { kind: 'department' | 'one-stop' | 'integrator'
    | 'operator', grants: Grants }> = {
    'dept-tu-phap': { kind: 'department', grants: [{ purpose: '1.000894', entity: 'person',
      fields: ['personalId', 'fullName', 'birthDate', 'maritalStatus', 'permanentAddress'] }] },
    'mot-cua': {
      kind: 'one-stop',
      grants: [
        { purpose: '1.001193', entity: 'person', fields: ['fullName', 'ethnicityCode', 'permanentAddress.wardCode'] },
        { purpose: '1.004222', entity: 'person', fields: ['personalId', 'phone', 'householdId'] },
        { purpose: '1.001193', entity: 'access-log', fields: ['at', 'purpose'] },
        // One grant on every other entity, so each endpoint's granted path is exercised too.
        ...(['household', 'land-parcel', 'health-insurance-card', 'business-household', 'driver-licence',
          'unemployment-benefit', 'student-enrolment', 'construction-permit',
          'civil-servant', 'urban-infrastructure'] as const)
          .map(entity => ({ purpose: '1.004222', entity, fields: grantableEntities[entity].fields.slice(0, 3) })),
        // Under another purpose than its land-parcel grant, so a parcel read here shows no notarizations
        // (the parcel read with both grants is tested in test/integration/read-api/parcel-notarizations.test.ts).
        { purpose: '1.001193', entity: 'notarization', fields: grantableEntities.notarization.fields.slice(0, 3) }
      ]
    },
    integrator: { kind: 'integrator', grants: [] },
    operator: {
      kind: 'operator',
      grants: [
        { purpose: 'ND13-2023-D9', entity: 'access-log', fields: ['seq', 'at', 'clientId', 'purpose', 'entity',
          'fields', 'requestId'] },
        // A data steward's grant: conflicting phone numbers and names (GET /v1/conflicts).
        { purpose: '1.004222', entity: 'person', fields: ['fullName', 'phone'] }
      ]
    },
    // Holds every grant but is disabled, or its only key is revoked: must get nothing.
    disabled: { kind: 'department', grants: [{ purpose: '1.000894', entity: 'person', fields: allPersonFields }] },
    revoked: { kind: 'one-stop', grants: [{ purpose: '1.001193', entity: 'person', fields: allPersonFields }] }
  }
  const callers: Array<{ id: string, key: string | undefined, grants: Grants, valid: boolean, operator: boolean }> = [
    { id: 'anonymous', key: undefined, grants: [], valid: false, operator: false },
    { id: 'garbage', key: 'not-a-key', grants: [], valid: false, operator: false },
    { id: 'bootstrap-operator', key: OPERATOR_KEY, grants: [], valid: true, operator: true }
  ]
  for (const [id, spec] of Object.entries(clientGrants)) {
    const c = await makeClient(store, id, spec.kind, spec.grants)
    if (id === 'disabled') await setClientDisabled(store, id, true)
    if (id === 'revoked') await revokeKey(store, id, c.keyId)
    callers.push({ id, key: c.key, grants: spec.grants, valid: id !== 'disabled' && id !== 'revoked',
      operator: spec.kind === 'operator' })
  }
  // A well-formed key whose secret is wrong.
  const forged = callers.find(c => c.id === 'mot-cua')?.key?.replace(/.$/, ch => ch === 'A' ? 'B' : 'A')
  callers.push({ id: 'forged', key: forged, grants: [], valid: false, operator: false })

  const purposes = [...new Set(Object.values(clientGrants).flatMap(c => c.grants.map(g => g.purpose))), '2.000635',
    undefined, 'not a purpose!']
  const allowed = new Map<string, number>(); const sawRecords = new Map<string, number>(); let unauthorized2xx = 0;
  let ungrantedFields = 0; let otherSubject = 0; let uncoveredIds = 0
  const readsBySubject = new Map<string, Set<string>>()
  const audited: Array<{ requestId: string, subjects: string[], entity: string, fields: string[] }> = []

  for (const endpoint of personalDataEndpoints) {
    for (const caller of callers) {
      for (const subject of Object.values(subjects)) {
        for (const purpose of purposes) {
          const headers: Record<string, string> = { ...(caller.key !== undefined ? bearer(caller.key) : {}),
            ...(purpose !== undefined ? { 'x-purpose': purpose } : {}) }
          const request = endpoint.request(subject, people[subject], purpose)
          const res = await app.inject({ ...request, headers })
          const where = `${endpoint.route} as ${caller.id}, subject ${subject.slice(-3)}, purpose ${purpose ?? 'none'}`
          // An operators-only endpoint refuses every other client before it looks at purpose or grant.
          const barred = caller.valid && endpoint.operatorsOnly === true && !caller.operator
          const grant = caller.valid && !barred ? caller.grants.find(g => g.purpose === purpose
            && g.entity === endpoint.entity) : undefined
          const ok = res.statusCode >= 200 && res.statusCode < 300
          if (grant === undefined) {
            if (ok) { unauthorized2xx++; t.fail(`2xx without a grant: ${where}`) }
            const expected = !caller.valid ? 'LT_ERR_UNAUTHENTICATED' : barred ? 'LT_ERR_FORBIDDEN'
              : purpose === undefined ? 'LT_ERR_PURPOSE_REQUIRED' : purpose.includes(' ')
              ? 'LT_ERR_PURPOSE_INVALID' : 'LT_ERR_FORBIDDEN'
            if (res.json().code !== expected) t.fail(`${where}: ${res.json().code as string}, expected ${expected}`)
            if (barred && !(res.json().detail as string).includes(`'${caller.id}' is not an operator`))
              t.fail(`${where}: 403 does not say operators only`)
            if (expected === 'LT_ERR_FORBIDDEN' && !barred && !(res.json().detail as string).includes(
              `'${caller.id}' has no grant for purpose '${purpose ?? ''}' on entity '${endpoint.entity}'`))
              t.fail(`${where}: 403 does not name the grant`)
            continue
          }
          const expectedStatus = endpoint.expectedStatus(subject !== subjects.unknown)
          if (res.statusCode !== expectedStatus) {
            t.fail(`${where}: ${res.statusCode}, expected ${expectedStatus}`); continue }
          allowed.set(endpoint.route, (allowed.get(endpoint.route) ?? 0) + 1)
          if (!ok) continue
          const body = res.json()
          // The serialized body, whole: an identifier the grant does not cover is nowhere in it.
          const sent = JSON.stringify(request)
          for (const ident of subjectIdentifiers(subject)) {
            if (sent.includes(ident.value) || ident.coveredBy[endpoint.entity]?.some(f =>
              grant.fields.includes(f)) === true) continue
            if (res.body.includes(ident.value)) { uncoveredIds++; t.fail(
              `${where}: ${ident.name} outside the grant at ${pathsHolding(body, ident.value).join(', ')}`) }
          }
          for (const someoneElse of Object.values(subjects).filter(s => s !== subject && people[s] !== undefined)) {
            for (const ident of subjectIdentifiers(someoneElse)) {
              if (res.body.includes(ident.value)) { otherSubject++; t.fail(
                `${where}: ${ident.name} of another subject at ${pathsHolding(body, ident.value).join(', ')}`) }
            }
          }
          const returned = new Set<string>()
          for (const record of endpoint.records(body)) {
            if (Object.keys(record).length > 0) sawRecords.set(endpoint.route,
              (sawRecords.get(endpoint.route) ?? 0) + 1)
            for (const path of pathsOf(record)) {
              returned.add(path)
              if (!isGranted(path, grant.fields)) { ungrantedFields++; t.fail(`${where}: ungranted field ${path}`) }
            }
          }
          if (endpoint.subjectRecord !== undefined) {
            // Exactly the granted projection of this subject's record: nothing more, and no one else's.
            // A subject the hub does not hold (a search for someone else) must find nobody.
            const expected = people[subject] === undefined ? undefined : projectFields(people[subject],
              endpoint.subjectRecord(grant.fields)).data
            if (endpoint.records(body).some(record => expected === undefined
              || canonicalJson(record) !== canonicalJson(expected))) {
              otherSubject++; t.fail(`${where}: not the projection of the subject's record`) }
          } else {
            // Every access-log line must be a read of this subject.
            const mine = readsBySubject.get(subject) ?? new Set()
            for (const line of (Array.isArray(body.data) ? body.data
              : []) as Array<{ requestId?: string, entityId?: string }>) {
              if (line.requestId !== undefined && !mine.has(line.requestId)) {
                otherSubject++; t.fail(`${where}: a read of another subject in the log`) }
              if (line.entityId !== undefined && line.entityId !== subject) {
                otherSubject++; t.fail(`${where}: a conflict of another record`) }
            }
          }
          const requestId = res.headers['x-request-id'] as string
          readsBySubject.set(subject, (readsBySubject.get(subject) ?? new Set()).add(requestId))
          audited.push({ requestId, subjects: endpoint.auditedSubjects?.(subject, subject !== subjects.unknown)
            ?? [subject], entity: endpoint.entity, fields: [...returned].sort() })
        }
      }
    }
  }
  t.equal(unauthorized2xx, 0, 'zero 2xx without a grant')
  t.equal(ungrantedFields, 0, 'zero ungranted fields returned')
  t.equal(otherSubject, 0, 'zero data of another subject')
  t.equal(uncoveredIds, 0, 'zero identifiers outside the grant anywhere in a body (meta, nested objects, list items)')
  for (const e of personalDataEndpoints) t.ok((allowed.get(e.route) ?? 0) > 0,
    `the matrix exercised granted reads of ${e.route} too`)
  // Seeded data reaches every endpoint, so the field check above inspected real records.
  for (const e of personalDataEndpoints) t.ok((sawRecords.get(e.route) ?? 0) > 0,
    `the field check saw records of ${e.route}`)

  const chain = await verifyAuditChain(store)
  t.ok(chain.ok, 'the audit chain verifies')
  const entries = (await store.find('audit', { orderBy: { field: '_id' },
    limit: 5000 }) as AuditBlock[]).flatMap(b => b.entries)
  t.equal(entries.length, audited.length, 'one audit entry per successful read, none for refused ones')
  const byRequest = new Map(entries.map(e => [e.requestId, e]))
  for (const a of audited) {
    const e = byRequest.get(a.requestId)
    if (e === undefined) { t.fail(`no audit entry for ${a.requestId}`); continue }
    if (e.entity !== a.entity || e.subjects.join() !== a.subjects.join())
      t.fail(`audit entry ${e.seq} names the wrong read`)
    // The entry's fields (granted paths, `a` or `a.b`) cover exactly the paths returned.
    const covers = (f: string, p: string): boolean => p === f || p.startsWith(`${f}.`)
    if (!a.fields.every(p => e.fields.some(f => covers(f, p)))
      || !e.fields.every(f => a.fields.some(p => covers(f, p)))) {
      t.fail(`audit entry ${e.seq} fields ${e.fields.join()} do not match the returned ${a.fields.join()}`)
    }
  }
})
