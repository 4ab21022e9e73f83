// Land (đất đai) connector: cadastral parcels by update time, each with its current land-use
// certificate and holders. Authoritative for parcels and certificates (dat-dai).
import type { PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { landParcelRawSchema } from './raw-schema.js'
import { landMapping } from './mapping.js'

const SCHEDULE = '*/10 * * * * *'

interface Holder { LoaiGiayTo?: unknown, SoGiayTo?: unknown }

// Holders split by document: CCCD numbers are personal ids; CMND-only holders are kept apart
// for whoever links them later (the normalizer links person entities, not reference lists).
function deriveLand (r: RawRecord): RawRecord {
  const holders = Array.isArray(r.ChuSuDung) ? r.ChuSuDung as Holder[] : []
  const ids = (kind: string): string[] => [
    ...new Set(holders.filter(h => h.LoaiGiayTo === kind).map(h => String(h.SoGiayTo)))
  ]
  return { holderPersonalIds: ids('CCCD'), holderCmnds: ids('CMND'), parcelIds: [r.MaThua] }
}

export const landConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'land',
    version: '1.0.0',
    sourceSystem: 'dat-dai',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Land registry (đất đai) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'limit' }
    )
  },
  streams: [{
    name: 'parcels',
    path: '/dat-dai/thua-dat',
    sizeParam: 'limit',
    primaryKey: 'MaThua',
    cursorField: 'NgayCapNhat',
    deleted: { field: 'DaXoa', value: true },
    rawSchema: landParcelRawSchema,
    derive: deriveLand
  }],
  mapping: landMapping
})
