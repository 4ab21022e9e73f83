// Construction-permit (cấp phép xây dựng) connector: permits of the permit office (xay-dung) by update
// time, keyed by the permit number and year, with their post-permit inspections. Authoritative for
// permits; the owners' names stay with civil status.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { parcelIdOfText } from '../../schemas/vietnam/construction-permit-codes.js'
import { constructionPermitRawSchema } from './raw-schema.js'
import { constructionPermitMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

// The parcel is free text beside the pre-2025 commune code; the land register's parcel id is both
// together (<old commune>-<sheet>-<parcel>), so the permit links to the parcel the land connector keys.
export function derivePermit (r: RawRecord): RawRecord {
  const id = parcelIdOfText(String(r.ThuaDat ?? ''), String(r.MaXaBanDo ?? ''))
  return { parcelIds: id === undefined ? [] : [id] }
}

export const constructionPermitConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'construction-permit',
    version: '1.0.0',
    sourceSystem: 'xay-dung',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Construction-permit (xay-dung) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'permits',
    path: '/xay-dung/giay-phep',
    sizeParam: 'pageSize',
    primaryKey: 'SoGiayPhep',
    cursorField: 'NgaySua',
    deleted: { field: 'Huy', value: true },
    rawSchema: constructionPermitRawSchema,
    derive: derivePermit
  }],
  mapping: constructionPermitMapping
})
