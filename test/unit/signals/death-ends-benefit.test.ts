// A death registered in civil status ends a social allowance and an unemployment benefit: the merger
// opens a conflict on the benefit's status for the owning department whichever record arrives first,
// leaves the department's status in the golden record, and resolves the conflict once the department
// ends the benefit or the death is withdrawn. Benefits already ended, and the living, raise nothing.
import t from 'tap'
import { canonicalEvent, harness } from '../merger/fixtures.js'
import type { ConflictDoc } from '../../../records/golden-record.js'
import { findConflicts } from '../../../records/conflicts.js'
import { DEATH_SIGNAL } from '../../../records/signals/death-ends-benefit.js'

const PID = '092140000512'
const person = (at: number, fields: Record<string, unknown> = {}) => canonicalEvent({
  entityId: PID, system: 'ho-tich', at,
  fields: { personalId: PID, fullName: 'Trần Thị Bảy', birthDate: '1940-02-11', ...fields }
})
const allowance = (at: number, status = 'active', extra: Record<string, unknown> = {}) => canonicalEvent({
  entity: 'social-beneficiary', entityId: 'HS31135-0000421', system: 'chinh-sach', at,
  fields: {
    caseId: 'HS31135-0000421', personalId: PID, fullName: 'Trần Thị Bảy', programme: 'social-protection',
    category: 'elderly-80-plus',
    decision: { number: '87/QĐ-UBND', date: '2020-03-02' }, monthlyAllowanceVnd: 750000, allowanceFrom: '2020-03-01',
    status, ...extra
  }
})
const benefit = (at: number, status = 'active') => canonicalEvent({
  entity: 'unemployment-benefit', entityId: '2451-QD-SNV-2025', system: 'viec-lam', at,
  fields: {
    benefitId: '2451-QD-SNV-2025', personalId: PID, fullName: 'Trần Thị Bảy',
    decision: { number: '2451/QĐ-SNV', date: '2025-08-12' },
    periodFrom: '2025-08-20', periodTo: '2025-12-19', months: 4, monthlyAmountVnd: 4230000,
    jobCentre: { code: 'TTDVVL-CT', name: 'TTDVVL' },
    status, ...(status === 'ended' ? { endReason: 'death', endedOn: '2025-10-01' } : {})
  }
})
const DEATH = { dateOfDeath: '2025-09-14' }

t.test('death after the allowance: a conflict for chinh-sach, the allowance left as the department says', async t => {
  const h = harness()
  await h.apply([allowance(1)])
  await h.apply([person(2)])
  t.same(await findConflicts(h.store, { entity: 'social-beneficiary' }, { limit: 10 }), [],
    'no signal while the person lives')
  await h.apply([person(3, DEATH)])
  const [doc] = await findConflicts(h.store,
    { entity: 'social-beneficiary', sourceSystem: 'chinh-sach', status: 'open' }, { limit: 10 })
  t.match(doc, {
    _id: 'social-beneficiary:HS31135-0000421:status', field: 'status', signal: DEATH_SIGNAL,
    chosenSourceSystem: 'chinh-sach',
    values: [{ sourceSystem: 'ho-tich', value: 'ended' }, { sourceSystem: 'chinh-sach', value: 'active' }]
  })
  const golden = await h.store.get('social_beneficiaries', 'HS31135-0000421') as { fields: Record<string, unknown> }
  t.equal(golden.fields.status, 'active', 'the hub does not end the allowance itself')
  // The department ends it: the conflict is resolved.
  await h.apply([allowance(4, 'ended', { allowanceTo: '2025-09-30', endReason: 'death' })])
  const [after] = await findConflicts(h.store, { entity: 'social-beneficiary' }, { limit: 10 })
  t.match(after, { status: 'resolved', signal: DEATH_SIGNAL })
  t.ok(after.resolvedAt, 'with the time the hub learned it')
})

t.test('death before the allowance arrives, and an unemployment benefit: ' +
  'both raised for their departments', async t => {
  const h = harness()
  await h.apply([person(1, DEATH)])
  await h.apply([allowance(2), benefit(2)])
  const social = await findConflicts(h.store,
    { entity: 'social-beneficiary', sourceSystem: 'chinh-sach', status: 'open' }, { limit: 10 })
  const unemployment = await findConflicts(h.store,
    { entity: 'unemployment-benefit', sourceSystem: 'viec-lam', status: 'open' }, { limit: 10 })
  t.same(social.map(c => c.entityId), ['HS31135-0000421'])
  t.same(unemployment.map(c => c.entityId), ['2451-QD-SNV-2025'])
  t.equal(unemployment[0].chosenSourceSystem, 'viec-lam')
  // Delivered again (nothing new to merge): the same documents, not a second conflict or a new version.
  const version = (unemployment[0] as ConflictDoc).version
  await h.apply([person(1, DEATH), benefit(2)])
  const again = await findConflicts(h.store, { entity: 'unemployment-benefit' }, { limit: 10 })
  t.equal(again.length, 1)
  t.equal((again[0] as ConflictDoc).version, version, 'an unchanged signal is not rewritten')
})

t.test('death and benefit in the same batch; a death withdrawn resolves; an ended benefit raises nothing', async t => {
  const h = harness()
  await h.apply([person(1, DEATH), benefit(1),
    allowance(1, 'ended', { allowanceTo: '2025-09-30', endReason: 'death' })])
  t.same((await findConflicts(h.store, { entity: 'unemployment-benefit', status: 'open' }, { limit: 10 })).length, 1,
    'the active benefit is raised')
  t.same(await findConflicts(h.store, { entity: 'social-beneficiary' }, { limit: 10 }), [],
    'the ended allowance is not')
  // Civil status corrects the record (the death was registered against the wrong person).
  await h.apply([person(2, { dateOfDeath: null })])
  const [doc] = await findConflicts(h.store, { entity: 'unemployment-benefit' }, { limit: 10 })
  t.equal(doc.status, 'resolved', 'a withdrawn death resolves the signal')
})

t.test('the same document whichever order the records arrive in (a rebuild from the log compares them)', async t => {
  const docs = async (batches: Array<Array<ReturnType<typeof person>>>): Promise<unknown[]> => {
    const h = harness()
    for (const batch of batches) await h.apply(batch)
    return (await h.store.find('conflicts', { limit: 10 })).map(({ version: _v, ...rest }) => rest)
  }
  const deathFirst = await docs([[person(1, DEATH)], [allowance(2)]])
  const allowanceFirst = await docs([[allowance(2)], [person(1, DEATH)]])
  t.equal(deathFirst.length, 1)
  t.same(allowanceFirst, deathFirst, 'detectedAt comes from the records, not the clock')
})
