// The disagreements issue 19 asks the simulated departments to carry, checked against the city itself:
// a beneficiary who died in civil status is still paid, a pupil's school address is not the residence
// one; and the change stream that follows the snapshot.
import t from 'tap'
import { sourceChanges } from '../../../../sim/sources/changes.js'
import { sourceStream, type SourceDepartmentId } from '../../../../sim/sources/departments.js'
import type { SourceTruthConflict } from '../../../../sim/sources/truth.js'
import { smallCity } from '../city-fixture.js'
import { sourceCity } from './fixture.js'

const options = { citizens: 10000, seed: 31 }
const city = smallCity(options)
const persons = new Map(city.truth.flatMap(e => e.type === 'person' ? [[e.personalId, e]] : []))
const byCmnd = new Map([...persons.values()].flatMap(p => p.legacyId === undefined ? [] : [[p.legacyId, p.personalId]]))

t.test('a beneficiary who died in civil status: ended in the truth, ' +
  'still paid by a share of the department', async t => {
  const { written, truth } = sourceCity({ ...options, sourceRates: { unreportedDeath: 0.5, invalid: 0 } })
  const records = written.get('chinh-sach') ?? []
  const dead = records.filter(r =>
    persons.get(String(r.SoDinhDanh ?? byCmnd.get(String(r.SoCMND))))?.deathDate !== undefined)
  t.ok(dead.length >= 4, `${dead.length} beneficiaries died in civil status`)
  const conflicts =
    new Map(truth.flatMap(e => e.type === 'source-conflict' && e.department === 'chinh-sach' ? [[e.key, e]] : []))
  let stillPaid = 0
  for (const r of dead) {
    const c = conflicts.get(String(r.SoHoSo))
    if (r.TrangThai === 'Đang hưởng') {
      stillPaid++
      t.ok(c !== undefined, `${String(r.SoHoSo)}: still paid, and the truth says why`)
      t.equal(c?.winner, 'ho-tich', 'civil status wins')
      t.match(c?.values['ho-tich'], /^died \d{4}-\d{2}-\d{2}$/)
    } else {
      t.equal(r.TrangThai, 'Thôi hưởng', 'otherwise the department ended it')
      t.equal(r.LyDoThoiHuong, 'Chết', 'because of the death')
      t.equal(c, undefined, 'and there is nothing to explain')
    }
    const canonical = truth.find(e => e.type === 'source-record' && e.key === r.SoHoSo)
    t.match(canonical?.type === 'source-record' ? canonical.record : undefined, { status: 'ended', endReason: 'death' },
      'the truth record is ended either way')
  }
  t.ok(stillPaid > 0 && stillPaid < dead.length, `${stillPaid} of ${dead.length} still paid`)
})

t.test('a pupil whose school has another ward than residence: residence wins, ' +
  'with the residence value in the truth', async t => {
  const { written, truth } = sourceCity({ ...options, sourceRates: { conflict: 0.2, invalid: 0 } })
  const pupils = new Map((written.get('giao-duc') ?? []).map(r => [String(r.MaHocSinh), r]))
  const conflicts = truth.filter((e): e is SourceTruthConflict => e.type === 'source-conflict'
    && e.department === 'giao-duc')
  t.ok(conflicts.length > 10, `${conflicts.length} pupils disagree with residence`)
  for (const c of conflicts) {
    const r = pupils.get(c.key)
    const p = persons.get(c.entityKey)
    t.equal(c.winner, 'cu-tru')
    t.equal(c.values['cu-tru'], p?.permanentAddress.wardCode, 'the winner value is the residence ward')
    t.equal(r?.MaPhuongXa, c.values['giao-duc'], 'the school wrote the other one')
    t.not(r?.MaPhuongXa, p?.permanentAddress.wardCode)
    t.not(r?.MaPhuongXa, p?.permanentAddress.oldWardCode, 'and not merely the pre-2025 code of the same ward')
  }
})

t.test('the change stream: later versions, times after the snapshot in order, late deaths first', async t => {
  const asOf = '2025-09-30T00:00:00.000Z'
  const { written, truth } = sourceCity({ ...options, asOf, sourceRates: { unreportedDeath: 1 } })
  const changes = sourceChanges(written, truth, { seed: 31, asOf, count: 60 })
  t.same(sourceChanges(written, truth, { seed: 31, asOf, count: 60 }), changes, 'deterministic by seed')
  t.equal(changes.length, 60)
  const unreported = truth.filter(e => e.type === 'source-conflict' && e.department === 'chinh-sach').length
  t.ok(unreported > 0)
  t.ok(changes.slice(0, unreported).every(c => c.department === 'chinh-sach' && c.record.TrangThai === 'Thôi hưởng'),
    'late deaths are reported first')
  let last = asOf
  for (const c of changes) {
    const spec = sourceStream(c.department as SourceDepartmentId)
    t.ok(c.at > last, `${c.department} ${c.key} at ${c.at}: after the previous change`)
    last = c.at
    t.equal(c.record[spec.updatedField], c.at, 'the record carries its update time')
    const before = (written.get(c.department) ?? []).find(r => String(r[spec.keyField]) === c.key)
    t.ok(before !== undefined, 'a change is to a record of the snapshot')
    t.not(JSON.stringify(c.record), JSON.stringify(before), 'and changes it')
  }
  t.ok(new Set(changes.map(c => c.department)).size >= 3, 'several departments change')
})

t.test('a notarized land transfer names a parcel of the land register, ' +
  'sold by a holder to someone who is not one', async t => {
  const parcels = new Map(city.truth.flatMap(e => e.type === 'parcel' ? [[e.parcelId, e]] : []))
  const { truth } = sourceCity(options)
  const transfers = truth.flatMap(e => e.type === 'source-record' && e.department === 'cong-chung'
    && e.record.transactionType === 'land-use-right-transfer' ? [e.record] : [])
  t.ok(transfers.length > 5, `${transfers.length} transfers`)
  for (const r of transfers) {
    const [parcelId] = (r.property as { parcelIds: string[] }).parcelIds
    const parcel = parcels.get(parcelId as string)
    const parties = r.parties as Array<{ role: string, personalId: string }>
    t.ok(parcel !== undefined, `${parcelId as string} is in the land register`)
    t.ok(parties.filter(p => p.role === 'transferor').every(p => parcel?.holderIds.includes(p.personalId)),
      'sold by its holders')
    const buyer = parties.find(p => p.role === 'transferee')
    t.ok(buyer !== undefined && persons.has(buyer.personalId), 'to a citizen of the city')
    t.notOk(parcel?.holderIds.includes(buyer?.personalId as string),
      'who the land register does not yet show: the signal')
  }
})

t.test('a construction permit is for a residential parcel its owners hold', async t => {
  const parcels = new Map(city.truth.flatMap(e => e.type === 'parcel' ? [[e.parcelId, e]] : []))
  const { truth } = sourceCity(options)
  const permits = truth.flatMap(e => e.type === 'source-record' && e.department === 'xay-dung' ? [e.record] : [])
  t.ok(permits.length > 5)
  for (const r of permits) {
    const parcel = parcels.get((r.parcelIds as string[])[0] as string)
    t.ok(parcel?.purposes.some(p => p === 'ODT' || p === 'ONT'), 'residential land')
    t.ok((r.owners as Array<{ personalId: string }>).every(o => parcel?.holderIds.includes(o.personalId)),
      'owners hold the parcel')
    t.equal(r.certificateSerial, parcel?.certificate.serial)
  }
})
