// Test helper: the reason for one field that does not match the truth, taken from the truth's own
// injection lines. 'unexplained …' when none applies: that is a defect to look at, not to hide.
import type { DepartmentId } from '../../../sim/city/departments.js'
import type { TruthEntry, TruthInvalid } from '../../../sim/city/truth.js'
import type { SourceTruthEntry } from '../../../sim/sources/truth.js'
import type { ExpectedRecord } from './expected.js'
import type { Miss, TruthInjections } from './compare.js'
import { authority } from './authority.js'

const SYSTEM_DEPARTMENT: Record<string, DepartmentId> = { 'ho-tich': 'civil-status', 'cu-tru': 'residence',
  'dat-dai': 'land', bhyt: 'bhyt', 'dang-ky-kinh-doanh': 'business' }
// The truth's conflict field for a golden person field.
const CONFLICT_FIELD: Record<string, string> = { fullName: 'fullName', birthDate: 'birthDate', sex: 'sex',
  'permanentAddress.wardCode': 'wardCode' }

const describe = (i: TruthInvalid): string =>
  `${i.department}.${i.stream} record dead-lettered (${i.reason} in ${i.field})`

export function explainMiss (miss: Omit<Miss, 'reason'>, record: ExpectedRecord,
  ix: TruthInjections, truth: TruthEntry[],
  sourceTruth: SourceTruthEntry[] = []): string {
  const source = authority(miss)
  // The key the authoritative source files this record under (a parcel's certificate under the parcel).
  const sourceKey = record.entity === 'land-use-certificate' ? (record.fields.parcelIds as string[])[0] : record.id
  const invalidOf = (entityKey: string, department: DepartmentId, stream?: string): TruthInvalid | undefined =>
    (ix.invalid.get(entityKey) ?? []).find(i => i.department === department
      && (stream === undefined || i.stream === stream))

  // A record that names a holder by the 9-digit CMND only waits in the unresolved set until a source
  // links that CMND to the personal id; civil status is the source that shows both, so when the
  // holder's civil-status record is dead-lettered the record stays there (listed, not dropped).
  const holders = ([] as unknown[]).concat(record.fields.holderPersonalIds
    ?? record.fields.holderPersonalId ?? []) as string[]
  const unlinkedHolders = holders.filter(id =>
    (ix.variants.get(id) ?? []).some(v => v.kind === 'legacy-id' && v.department === source && v.key === sourceKey) &&
    invalidOf(id, 'civil-status') !== undefined)
  if (miss.kind === 'no-record' && unlinkedHolders.length > 0) {
    return `legacy-id: ${source} names a holder by CMND only and the ` +
      `holder's ${describe(invalidOf(unlinkedHolders[0], 'civil-status') as TruthInvalid)}: the ${miss.entity} ` +
      `waits in the unresolved set`
  }

  // A household is derived from its residents: without the head's record there is none, and a
  // member whose record is dead-lettered is not listed.
  if (record.entity === 'household') {
    const head = invalidOf(record.fields.headPersonalId as string, 'residence', 'residents')
    if (miss.kind === 'no-record' && head !== undefined)
      return `household head's ${describe(head)}: household not derived`
    if (miss.field === 'members' && miss.kind === 'mismatch') {
      const got = new Set(miss.got as string[])
      const lost = (miss.want as string[]).filter(m => !got.has(m)).map(m => m.split(':')[0])
      const extra = (miss.got as string[]).filter(m => !(miss.want as string[]).includes(m))
      if (extra.length === 0 && lost.every(id => invalidOf(id, 'residence', 'residents') !== undefined))
        return 'member\'s residence.residents record dead-lettered: member not listed'
    }
  }

  // The authoritative record itself is invalid: the record or field is missing, or another source's value stands.
  const own = record.entity === 'person' ? invalidOf(record.id, source)
    : record.entityKeys.flatMap(k => ix.invalid.get(k) ?? []).find(i => i.department === source && i.key === sourceKey)
  if (own !== undefined) {
    if (miss.kind === 'no-record') return `${describe(own)}: no record`
    if (miss.kind === 'missing') return `${describe(own)}: no other source holds the field`
    if (miss.kind === 'mismatch' && miss.from !== undefined) {
      const from = SYSTEM_DEPARTMENT[miss.from]
      const injected = (ix.conflicts.get(record.id) ?? []).some(c => c.department === from
        && c.field === CONFLICT_FIELD[miss.field])
      if (injected) return `${describe(own)}: value from ${from}, which carries an injected conflict`
      // An issue-19 department's value (a school's address, a licence's birth date) with its own disagreement.
      const sourceConflict = sourceTruth.some(c => c.type === 'source-conflict' && c.entity === record.entity &&
        c.entityKey === record.id && c.field === miss.field && c.values[miss.from as string] === miss.got)
      if (sourceConflict) return `${describe(own)}: value from ${miss.from}, which carries an injected source-conflict`
    }
  }

  // A marriage registration that is dead-lettered leaves both spouses single in the register.
  if (miss.field === 'maritalStatus' && (miss.kind === 'missing' || miss.kind === 'mismatch')) {
    const marriage = truth.find(e => e.type === 'marriage' && (e.husbandId === record.id || e.wifeId === record.id))
    const bad = marriage?.type === 'marriage' ? truth.find((e): e is TruthInvalid => e.type === 'invalid'
      && e.department === 'civil-status' && e.stream === 'ket-hon' && (e.entityKey === marriage.registrationNo
      || e.key === marriage.registrationNo)) : undefined
    if (bad !== undefined) return `marriage: ${describe(bad)}`
  }

  const invalid = record.entityKeys.flatMap(k => ix.invalid.get(k) ?? [])
  const variants = record.entityKeys.flatMap(k => ix.variants.get(k) ?? [])
  const conflicts = record.entityKeys.flatMap(k => ix.conflicts.get(k) ?? [])
  return `unexplained: ${miss.kind}; ` +
    `invalid ${invalid.map(i => `${i.department}/${i.reason}/${i.field}`).join(',') || '-'}; ` +
    `variants ${variants.map(v => `${v.department}/${v.kind}`).join(',') || '-'}; ` +
    `conflicts ${conflicts.map(c => `${c.department}/${c.field}`).join(',') || '-'}`
}
