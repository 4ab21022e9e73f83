// Maps one civil-status raw record to the canonical Person, using the Vietnam rules. Pure.
import type { Person } from '../../schemas/person.js'
import { normalizeName, parseSex, parseVnDate, parsePersonalId } from '../../schemas/vietnam/index.js'

export type MappingResult = { ok: true, person: Person } | { ok: false, code: string, message: string }

export function civilStatusToPerson (raw: Record<string, unknown>): MappingResult {
  const id = parsePersonalId(String(raw.so_dinh_danh ?? ''))
  if (!id.ok) return { ok: false, code: id.code, message: `so_dinh_danh: ${id.message}` }
  const name = normalizeName(String(raw.ho_va_ten ?? ''))
  if (name.family === '' || name.given === '') return { ok: false, code: 'LT_ERR_NAME', message: 'ho_va_ten: needs a family and a given name' }
  const birth = parseVnDate(String(raw.ngay_sinh ?? ''))
  if (!birth.ok) return { ok: false, code: birth.code, message: `ngay_sinh: ${birth.message}` }
  const sex = parseSex(raw.gioi_tinh as string | undefined)
  if (!sex.ok) return { ok: false, code: sex.code, message: `gioi_tinh: ${sex.message}` }
  const person: Person = {
    personalId: id.value,
    fullName: name.full,
    familyName: name.family,
    middleName: name.middle,
    givenName: name.given,
    birthDate: birth.iso,
    sex: sex.sex
  }
  if (typeof raw.so_cmnd === 'string') person.legacyCmnd = raw.so_cmnd
  if (typeof raw.noi_sinh === 'string' && raw.noi_sinh !== '') person.placeOfBirth = raw.noi_sinh.normalize('NFC')
  if (typeof raw.dan_toc === 'string') person.ethnicityCode = raw.dan_toc
  if (typeof raw.quoc_tich === 'string') person.nationality = raw.quoc_tich
  if (typeof raw.ngay_mat === 'string') {
    const death = parseVnDate(raw.ngay_mat)
    if (!death.ok) return { ok: false, code: death.code, message: `ngay_mat: ${death.message}` }
    person.dateOfDeath = death.iso
  }
  return { ok: true, person }
}
