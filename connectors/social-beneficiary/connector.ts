// Social-beneficiary (người có công, bảo trợ xã hội) connector: case files of the social-affairs
// department (chinh-sach) by update time, keyed by the case number. Authoritative for its entity; the
// person facts it carries stay with civil status, so a death registered there is a signal against an
// allowance still paid here (records/signals/), not a value this source overwrites.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { socialBeneficiaryRawSchema } from './raw-schema.js'
import { socialBeneficiaryMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const socialBeneficiaryConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'social-beneficiary',
    version: '1.0.0',
    sourceSystem: 'chinh-sach',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Social-beneficiary (chinh-sach) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'beneficiaries',
    path: '/chinh-sach/doi-tuong',
    sizeParam: 'pageSize',
    primaryKey: 'SoHoSo',
    cursorField: 'NgayCapNhat',
    deleted: { field: 'Xoa', value: 1 },
    rawSchema: socialBeneficiaryRawSchema
  }],
  mapping: socialBeneficiaryMapping
})
