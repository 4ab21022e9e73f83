// Residence (cư trú) connector: residents by update time, and their households, which the source
// serves only person by person: the runner groups residents by household and publishes the whole
// household (head, address, members) whenever one of its members changes.
import type { DerivedStream, PollConnector } from '../contract.js'
import { updatedSinceConnector, type RawRecord } from '../runner/updated-since-source.js'
import { httpPollConfigSchema } from '../runner/http-config-schema.js'
import { householdRawSchema, residentRawSchema } from './raw-schema.js'
import { residenceMapping } from './mapping.js'

const SCHEDULE = '*/5 * * * * *'
const HEAD = '01'

interface Member {
  personalId: string,
  fullName: string,
  relationToHead: string,
  address?: { wardCode: string, addressLine: string }
}

const households: DerivedStream<RawRecord> = {
  name: 'households',
  from: 'residents',
  primaryKey: 'householdId',
  cursorField: 'updatedAt',
  rawSchema: householdRawSchema,
  groupOf: r => typeof r.householdId === 'string' ? r.householdId : undefined,
  memberKey: r => String(r.personalId),
  member (r): Member & Record<string, unknown> {
    const relationToHead = String(r.relationToHead)
    const home = r.permanentResidence as { wardCode: string, addressLine: string }
    return {
      personalId: String(r.personalId),
      fullName: String(r.fullName).normalize('NFC').trim(),
      relationToHead,
      // Only the head's address is the household's.
      ...(relationToHead === HEAD ? { address: { wardCode: home.wardCode, addressLine: home.addressLine } } : {})
    }
  },
  build (householdId, members) {
    const list = members as unknown as Member[]
    const head = list.find(m => m.relationToHead === HEAD)
    if (head?.address === undefined) return undefined
    return {
      householdId,
      headPersonalId: head.personalId,
      address: head.address,
      members: [...list].sort((a, b) => a.personalId < b.personalId ? -1 : 1).map(
        m => ({ personalId: m.personalId, fullName: m.fullName, relationToHead: m.relationToHead })
      )
    }
  }
}

export const residenceConnector: PollConnector<RawRecord> = updatedSinceConnector({
  manifest: {
    id: 'residence',
    version: '1.0.0',
    sourceSystem: 'cu-tru',
    mode: 'poll',
    schedule: SCHEDULE,
    configSchema: httpPollConfigSchema(
      'Residence (cư trú) source', { schedule: SCHEDULE, pageSize: 500, sizeParam: 'pageSize' }
    )
  },
  streams: [{
    name: 'residents',
    path: '/api/residents',
    sizeParam: 'pageSize',
    primaryKey: 'personalId',
    cursorField: 'updatedAt',
    createdField: 'createdAt',
    deleted: { field: 'deleted', value: true },
    rawSchema: residentRawSchema
  }],
  derivedStreams: [households],
  mapping: residenceMapping
})
