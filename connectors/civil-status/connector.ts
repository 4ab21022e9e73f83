// Civil-status (hộ tịch) connector: polls the office's citizen list by update time.
import type { PollConnector, SourcePage } from '../contract.js'
import { civilStatusRawSchema } from './raw-schema.js'
import { civilStatusMapping } from './mapping.js'

export interface CivilStatusRaw {
  so_dinh_danh?: string
  ngay_cap_nhat: string
  ngay_tao?: string
  da_xoa?: boolean
  [field: string]: unknown
}

export const civilStatusConnector: PollConnector<CivilStatusRaw> = {
  manifest: {
    id: 'civil-status',
    version: '1.0.0',
    sourceSystem: 'ho-tich',
    mode: 'poll',
    schedule: '*/5 * * * * *',
    streams: [{ name: 'persons', primaryKey: 'so_dinh_danh', cursorField: 'ngay_cap_nhat', rawSchema: civilStatusRawSchema }]
  },
  mapping: civilStatusMapping,
  pageUrl (baseUrl, _stream, cursor, limit) {
    const url = new URL('/api/v1/cong-dan', baseUrl)
    url.searchParams.set('limit', String(limit))
    if (cursor !== undefined) {
      url.searchParams.set('updatedSince', cursor.updatedSince)
      url.searchParams.set('afterKey', cursor.afterKey)
    }
    return url.toString()
  },
  parsePage (body): SourcePage<CivilStatusRaw> {
    const page = body as { data?: unknown, next?: unknown }
    if (!Array.isArray(page?.data)) throw new Error('page has no data array')
    const next = page.next as SourcePage<CivilStatusRaw>['next'] | undefined
    return { records: page.data as CivilStatusRaw[], next: next ?? null }
  },
  cursorAfter: record => ({ updatedSince: record.ngay_cap_nhat, afterKey: record.so_dinh_danh ?? '' }),
  toChange (record) {
    const deleted = record.da_xoa === true
    // Older records may hold only the legacy CMND; it keys them until the normalizer links them.
    const key = record.so_dinh_danh ?? `cmnd:${String(record.so_cmnd)}`
    return {
      entityKey: key,
      sourceKey: key,
      op: deleted ? 'd' : record.ngay_tao !== undefined && record.ngay_tao === record.ngay_cap_nhat ? 'c' : 'u',
      sourceTime: record.ngay_cap_nhat,
      // A delete carries the tombstone as served, so the normalizer can read every id it held.
      data: record
    }
  }
}
