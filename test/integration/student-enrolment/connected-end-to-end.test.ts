// Students end to end on the embedded adapters: the hub starts the simulated city with the school
// management system (giao-duc), the built-in student-enrolment connector polls it, the enrolments
// merge into golden records linked to pupil and guardian, GET /v1/citizens/{id}/students serves them
// behind grants (to the pupil's id and to the guardian's), and invalid records wait in dead letters
// with reasons naming the field. The test adds three broken pupils of its own (an impossible birth
// date, a missing class, an unknown school level) so a small city always has some.
import t from 'tap'
import { loadConfig } from '../../../hub/config.js'
import { startHub } from '../../../hub/start-hub.js'
import { createLogger } from '../../../infra/logging/logger.js'
import { createClient, issueKey } from '../../../gateway/security/clients.js'
import { putGrant } from '../../../gateway/security/grants.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { waitFor } from '../../helpers/wait-for.js'

interface Golden { _id: string, entityId?: string, fields?: Record<string, unknown>, sources?: Record<string, unknown> }
type SourceTruth = { type: string, department: string, key: string, field?: string, record?: Record<string, unknown> }

t.test('students: polled from giao-duc, merged, read through the route as pupil and as guardian', async t => {
  const config = loadConfig({
    env: { LT_SOURCE_STUDENT_ENROLMENT_SCHEDULE: '* * * * * *' },
    overrides: {
      dataDir: t.testdir({}), port: 0, logLevel: 'error',
      sim: { port: 0, citizens: 200, seed: 23, changesPerSecond: 0 },
      security: { demoClients: false }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  t.ok(hub.simulatedSources?.['student-enrolment'],
    'the student-enrolment connector polls the simulated giao-duc department')
  const truth = (hub.city?.sourceTruth ?? []) as SourceTruth[]
  const records = truth.filter(e => e.type === 'source-record' && e.department === 'giao-duc')
  const injected = truth.filter(e => e.type === 'source-invalid' && e.department === 'giao-duc')
  t.ok(records.length > 3, `the department holds pupils (${records.length})`)

  // Three broken copies of a valid pupil under codes no record has.
  const table = hub.city?.departments.giaoDuc.streams['hoc-sinh']
  if (table === undefined) throw new Error('giao-duc is not served')
  const template = table.get(records[0].key) as Record<string, unknown>
  const broken: Array<{ key: string, field: string, patch: (r: Record<string, unknown>) => void }> = [
    { key: '999990000001', field: 'NgaySinh', patch: r => { r.NgaySinh = '31/02/2018' } },
    { key: '999990000002', field: 'Lop', patch: r => { delete r.Lop } },
    { key: '999990000003', field: 'CapHoc', patch: r => { r.CapHoc = 'MN' } }
  ]
  for (const b of broken) {
    const r: Record<string, unknown> = { ...structuredClone(template), MaHocSinh: b.key }
    b.patch(r)
    table.add(r)
  }

  // Every valid pupil becomes a golden enrolment (the change stream is off, so the count is fixed).
  const goldens = await waitFor(async () => {
    const docs = await hub.store.find('student_enrolments', { limit: 1000 }) as Golden[]
    return docs.length >= records.length ? docs : undefined
  }, { what: `${records.length} student-enrolment golden records`, timeoutMs: 90000 })
  t.equal(goldens.length, records.length, 'one golden record per valid pupil, none for an invalid one')

  // An enrolment as the ground truth says it should read: one whose guardian is named by CCCD.
  const held = records.find(r => table.get(r.key)?.CCCDPhuHuynh !== undefined) as SourceTruth
  const expected = held.record as Record<string, unknown>
  const golden = goldens.find(g => g.fields?.enrolmentId === expected.enrolmentId) as Golden
  t.ok(golden, 'the enrolment is a golden record under code and school year')
  for (const field of ['enrolmentId', 'studentCode', 'studentPersonalId', 'fullName', 'birthDate',
    'sex', 'schoolYear', 'grade',
    'className', 'guardian', 'status']) {
    t.same(golden.fields?.[field], expected[field], `${field} as the ground truth has it`)
  }
  t.ok(golden.sources?.['giao-duc'] !== undefined, 'giao-duc is its source')
  const pupil = String(expected.studentPersonalId)
  const guardian = String((expected.guardian as { personalId: string }).personalId)

  // A client with a grant for the enrolment's fields reads it; without one, nothing.
  await createClient(hub.store, { id: 'test-school', name: 'Education office (test)', kind: 'department' })
  const { key } = await issueKey(hub.store, 'test-school')
  await putGrant(hub.store, { clientId: 'test-school', purpose: 'enrolment-check', entity: 'student-enrolment',
    fields: ['enrolmentId', 'studentPersonalId', 'schoolYear', 'school', 'grade', 'className',
    'guardian.personalId', 'status'] })
  const read = async (id: string, purpose: string): Promise<{ status: number, body: any }> => {
    const res = await fetch(`${String(hub.gatewayUrl)}/v1/citizens/${id}/students`, {
      headers: { authorization: `Bearer ${key}`, 'x-purpose': purpose }
    })
    return { status: res.status, body: await res.json() }
  }
  const asPupil = await waitFor(async () => { const r = await read(pupil,
    'enrolment-check'); return r.status === 200 ? r : undefined },
    { what: 'the pupil\'s enrolments', timeoutMs: 60000 })
  const mine = records.filter(r => r.record?.studentPersonalId === pupil).map(r => r.record?.enrolmentId).sort()
  t.same(asPupil.body.data.map((r: any) => r.data.enrolmentId).sort(), mine, 'every enrolment of the pupil')
  const shown = asPupil.body.data.find((r: any) => r.data.enrolmentId === expected.enrolmentId)
  t.equal(shown.data.grade, expected.grade, 'the grade as a number')
  t.notOk('fullName' in shown.data, 'a field outside the grant is not released')
  t.notOk('address' in shown.data, 'nor the address')
  // The route serves a known citizen only: the wait above was for the pupil's record, and the guardian's
  // comes from civil status, polled beside the school office. Wait for it.
  await waitFor(async () => await hub.store.get('persons', guardian), { what: 'the guardian\'s golden record' })
  const asGuardian = await read(guardian, 'enrolment-check')
  t.equal(asGuardian.status, 200)
  const theirs = records.filter(r => (r.record?.guardian as { personalId?: string }
    | undefined)?.personalId === guardian).map(r => r.record?.enrolmentId)
  t.ok(theirs.every(id => asGuardian.body.data.some((r: any) => r.data.enrolmentId === id)),
    `the guardian sees their children's enrolments (${theirs.length})`)
  const refused = await read(pupil, '1.004222')
  t.equal(refused.status, 403)
  t.equal(refused.body.code, 'LT_ERR_FORBIDDEN')

  // The invalid records wait as dead letters of the connector, each with a reason naming the field.
  const invalid = [...injected.map(e => ({ key: e.key, field: String(e.field) })), ...broken]
  const letters = await waitFor(async () => {
    const docs = (await hub.store.find('dead_letters', { limit: 1000 }) as DeadLetterDoc[]).filter(d =>
      d.connector === 'student-enrolment')
    // Each invalid record's own letter, not a count that another letter of the connector could make up.
    return invalid.every(bad => docs.some(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))) ? docs
      : undefined
  }, { what: `${invalid.length} student-enrolment dead letters`, timeoutMs: 60000 })
  for (const bad of invalid) {
    const letter = letters.find(l => l.origin.sourceKey === bad.key || l.key.includes(bad.key))
    t.ok(letter, `invalid pupil ${bad.key} is a dead letter`)
    t.match(letter?.reason, new RegExp(bad.field), `its reason names ${bad.field}`)
  }
})
