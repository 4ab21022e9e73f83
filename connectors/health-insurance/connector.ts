// Health-insurance (BHYT) connector: cards by update time, keyed by the 10-digit social-insurance
// number, which survives a card's renewal. Authoritative for cards (bhyt).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { bhytCardRawSchema } from './raw-schema.js'
import { bhytMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const healthInsuranceConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'health-insurance',
    version: '1.0.0',
    sourceSystem: 'bhyt',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Health-insurance (BHYT) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'limit' }
    )
  },
  streams: [{
    name: 'cards',
    path: '/bhyt/the',
    sizeParam: 'limit',
    primaryKey: 'MA_SO_BHXH',
    cursorField: 'NGAY_CAP_NHAT',
    deleted: { field: 'DA_XOA', value: 1 },
    rawSchema: bhytCardRawSchema
  }],
  mapping: bhytMapping
})
