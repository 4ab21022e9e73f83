// Driver-licence (GPLX) connector: licences by update time, keyed by the 12-digit licence number,
// which a renewal keeps. Authoritative for licences (gplx); the person facts it carries stay with
// civil status and residence.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { driverLicenceRawSchema } from './raw-schema.js'
import { driverLicenceMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const driverLicenceConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'driver-licence',
    version: '1.0.0',
    sourceSystem: 'gplx',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Driver-licence (GPLX) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'limit' }
    )
  },
  streams: [{
    name: 'licences',
    path: '/gplx/giay-phep',
    sizeParam: 'limit',
    primaryKey: 'SO_GPLX',
    cursorField: 'NGAY_CAP_NHAT',
    deleted: { field: 'XOA', value: 'Y' },
    rawSchema: driverLicenceRawSchema
  }],
  mapping: driverLicenceMapping
})
