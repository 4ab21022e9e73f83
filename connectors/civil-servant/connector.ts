// Civil-servant (cán bộ, công chức, viên chức) connector: staff records of the home-affairs personnel
// database (noi-vu) by update time, keyed by the staff code. Authoritative for civil servants. The
// most sensitive source of the hub: no demo client is granted it (gateway/security/demo-clients.ts).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { civilServantRawSchema } from './raw-schema.js'
import { civilServantMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const civilServantConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'civil-servant',
    version: '1.0.0',
    sourceSystem: 'noi-vu',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Civil servants (noi-vu) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'staff',
    path: '/noi-vu/can-bo',
    sizeParam: 'pageSize',
    primaryKey: 'ma_can_bo',
    cursorField: 'ngay_cap_nhat',
    deleted: { field: 'da_xoa', value: true },
    rawSchema: civilServantRawSchema
  }],
  mapping: civilServantMapping
})
