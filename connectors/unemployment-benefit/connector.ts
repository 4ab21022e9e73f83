// Unemployment-benefit (trợ cấp thất nghiệp) connector: decisions of the job centre (viec-lam) by
// update time, keyed by the decision number and year. Authoritative for unemployment benefits; the
// person facts it carries stay with civil status and residence, the social-insurance number with bhyt.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { unemploymentBenefitRawSchema } from './raw-schema.js'
import { unemploymentBenefitMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const unemploymentBenefitConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'unemployment-benefit',
    version: '1.0.0',
    sourceSystem: 'viec-lam',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Unemployment-benefit (viec-lam) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'benefits',
    path: '/viec-lam/tro-cap',
    sizeParam: 'pageSize',
    primaryKey: 'soQuyetDinh',
    cursorField: 'updated',
    deleted: { field: 'deleted', value: true },
    rawSchema: unemploymentBenefitRawSchema
  }],
  mapping: unemploymentBenefitMapping
})
