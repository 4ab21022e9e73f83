// Urban technical infrastructure (hạ tầng kỹ thuật đô thị) connector: the GIS department's asset layer
// (ha-tang) by update time, keyed by the asset id. Authoritative for its entity; holds no personal data.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { urbanInfrastructureRawSchema } from './raw-schema.js'
import { urbanInfrastructureMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const urbanInfrastructureConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'urban-infrastructure',
    version: '1.0.0',
    sourceSystem: 'ha-tang',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Urban infrastructure (ha-tang) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'limit' }
    )
  },
  streams: [{
    name: 'assets',
    path: '/ha-tang/tai-san',
    sizeParam: 'limit',
    primaryKey: 'MA_TS',
    cursorField: 'NGAY_CN',
    deleted: { field: 'TRANG_THAI_BG', value: 'XOA' },
    rawSchema: urbanInfrastructureRawSchema
  }],
  mapping: urbanInfrastructureMapping
})
