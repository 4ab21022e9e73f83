// Notarization (công chứng) connector: the notary offices' shared register of notarized contracts
// by update time, keyed by the register's key. Authoritative for notarizations (cong-chung); the
// land register stays the authority for who holds a parcel (a transfer is a pending change there).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { contractKind } from '../../schemas/vietnam/notary-codes.js'
import { notarizationRawSchema } from './raw-schema.js'
import { notarizationMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

type Side = Array<Record<string, unknown>>
const sideOf = (v: unknown): Side => Array.isArray(v)
  ? v.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
  : []

/** One party as the canonical list holds it; every key present, empty where it does not apply (the list stays aligned).
 */
function party (p: Record<string, unknown>, role: string): RawRecord {
  const doc = String(p.soGiayTo ?? '')
  return {
    role,
    personalId: p.loaiGiayTo === 'CCCD' ? doc : '',
    legacyCmnd: p.loaiGiayTo === 'CMND' ? doc : '',
    fullName: p.hoTen ?? '',
    organizationName: p.tenToChuc ?? '',
    taxCode: p.mst ?? ''
  }
}

// The two sides as one party list with the roles the contract label gives them; the parcel id
// from the pre-2025 commune, sheet and parcel the register writes; the office code the key starts with.
export function deriveNotarization (r: RawRecord): RawRecord {
  const kind = contractKind(String(r.loaiHopDong ?? ''))
  const property = typeof r.taiSan === 'object' && r.taiSan !== null ? r.taiSan as Record<string, unknown> : undefined
  return {
    parties: kind === undefined
      ? []
      : [...sideOf(r.benA).map(p => party(p, kind.roleA)), ...sideOf(r.benB).map(p => party(p, kind.roleB))],
    parcelIds: property === undefined
      ? []
      : [`${String(property.maXa)}-${String(property.soTo)}-${String(property.soThua)}`],
    officeCode: String(r.maHoSo ?? '').split('-')[0]
  }
}

export const notarizationConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'notarization',
    version: '1.0.0',
    sourceSystem: 'cong-chung',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Notary (công chứng) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'contracts',
    path: '/cong-chung/hop-dong',
    sizeParam: 'pageSize',
    primaryKey: 'maHoSo',
    cursorField: 'ngayCapNhat',
    deleted: { field: 'daXoa', value: true },
    rawSchema: notarizationRawSchema,
    derive: deriveNotarization
  }],
  mapping: notarizationMapping
})
