// Business household registration (đăng ký kinh doanh) connector: registrations by update time,
// keyed by the certificate number. Authoritative for business households (dang-ky-kinh-doanh).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { businessHouseholdRawSchema } from './raw-schema.js'
import { businessHouseholdMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'
const STATUS: Record<string, string> = { HOAT_DONG: 'active', TAM_NGUNG: 'suspended', CHAM_DUT: 'ceased' }

function deriveBusiness (r: RawRecord): RawRecord {
  return {
    status: STATUS[String(r.trangThai)],
    businessLines: [{ code: String(r.maNganh), description: String(r.nganhNghe).normalize('NFC').trim() }]
  }
}

export const businessHouseholdConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'business-household',
    version: '1.0.0',
    sourceSystem: 'dang-ky-kinh-doanh',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Business household registration (đăng ký kinh doanh) source',
      { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'registrations',
    path: '/api/ho-kinh-doanh',
    sizeParam: 'pageSize',
    primaryKey: 'soGiayChungNhan',
    cursorField: 'ngayCapNhat',
    deleted: { field: 'daXoa', value: true },
    rawSchema: businessHouseholdRawSchema,
    derive: deriveBusiness
  }],
  mapping: businessHouseholdMapping
})
