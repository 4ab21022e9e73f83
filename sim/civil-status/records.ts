// The civil-status (hộ tịch) record as that office's system serves it; the city generator
// renders it in sim/dialects/civil-status.ts.
import { generateCity } from '../city/generate.js'
import type { CivilStatusRecord } from '../dialects/civil-status.js'

export type { CivilStatusRecord, MarriageRecord } from '../dialects/civil-status.js'

// The office's person records of a city of `count` citizens as one flat export taken at `at`:
// every record stamped with that time and no creation time, and no invalid records.
export function generateCivilStatusRecords (count: number, seed: number, at: Date): CivilStatusRecord[] {
  const records: CivilStatusRecord[] = []
  generateCity({ citizens: count, seed, rates: { invalid: 0 } }, {
    record: (department, stream, record) => {
      if (department !== 'civil-status' || stream !== 'cong-dan') return
      const { ngay_tao: _created, ...rest } = record as unknown as CivilStatusRecord
      records.push({ ...rest, ngay_cap_nhat: at.toISOString() })
    },
    truth: () => {}
  })
  return records
}
