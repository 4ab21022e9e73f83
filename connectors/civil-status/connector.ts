// Civil-status (hộ tịch) connector: the office's citizen list and its marriage register, both
// polled by update time. Authoritative for identity (survivorship: source system ho-tich).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { civilStatusRawSchema, marriageRawSchema } from './raw-schema.js'
import { civilStatusMapping } from './mapping.js'

export interface CivilStatusRaw {
  so_dinh_danh?: string
  ngay_cap_nhat: string
  ngay_tao?: string
  da_xoa?: boolean
  [field: string]: unknown
}

const SCHEDULE = '*/5 * * * * *'

export const civilStatusConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'civil-status',
    version: '1.1.0',
    sourceSystem: 'ho-tich',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Civil-status (hộ tịch) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'limit' }
    )
  },
  streams: [{
    name: 'persons',
    path: '/api/v1/cong-dan',
    sizeParam: 'limit',
    primaryKey: 'so_dinh_danh',
    cursorField: 'ngay_cap_nhat',
    createdField: 'ngay_tao',
    deleted: { field: 'da_xoa', value: true },
    rawSchema: civilStatusRawSchema,
    // Older records may hold only the legacy CMND; it keys them until the normalizer links them.
    entityKey: r => typeof r.so_dinh_danh === 'string' ? r.so_dinh_danh : `cmnd:${String(r.so_cmnd)}`
  }, {
    name: 'marriages',
    path: '/api/v1/ket-hon',
    sizeParam: 'limit',
    primaryKey: 'so_dang_ky',
    cursorField: 'ngay_cap_nhat',
    createdField: 'ngay_tao',
    deleted: { field: 'da_xoa', value: true },
    // The register entry is about two persons: removing it must not delete them, so a cancelled
    // entry is published as an update that still carries da_xoa for whoever reads the raw log.
    onDelete: 'update',
    rawSchema: marriageRawSchema
  }],
  mapping: civilStatusMapping
})
