// Students (học sinh) connector: pupils by update time from the school management export (giao-duc),
// keyed by the school's student code. Authoritative for enrolments; the person facts it carries
// (name, birth date, address) stay with civil status and residence.
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { studentEnrolmentRawSchema } from './raw-schema.js'
import { studentEnrolmentMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

export const studentEnrolmentConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'student-enrolment',
    version: '1.0.0',
    sourceSystem: 'giao-duc',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Students (giao-duc) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'pupils',
    path: '/giao-duc/hoc-sinh',
    sizeParam: 'pageSize',
    primaryKey: 'MaHocSinh',
    cursorField: 'NgayCapNhat',
    deleted: { field: 'DaXoa', value: true },
    rawSchema: studentEnrolmentRawSchema
  }],
  mapping: studentEnrolmentMapping
})
