// Link keys a golden record carries so others can find it by a person: scalar fields the store
// can find by equality. The linked ids come from the record's merged canonical fields:
//   person                 links.householdId      <- fields.householdId
//                          links.nameDob          <- nameMatchKey(fields.fullName) | fields.birthDate (restricted
//                          search)
//   household              links.person0..15      <- fields.headPersonalId, fields.members[].personalId
//   land-parcel            links.person0..7       <- fields.holderPersonalIds[]
//   land-use-certificate   links.person0..7       <- fields.holderPersonalIds[]; links.parcel0..7 <- fields.parcelIds[]
//   health-insurance-card  links.person0          <- fields.holderPersonalId
//   business-household     links.person0          <- fields.ownerPersonalId
//   driver-licence         links.person0          <- fields.holderPersonalId
//   unemployment-benefit   links.person0          <- fields.personalId
//   student-enrolment      links.person0, person1 <- fields.studentPersonalId, fields.guardian.personalId
//   notarization           links.person0..7       <- fields.parties[].personalId;
//                          links.parcel0..7       <- fields.property.parcelIds[];
//                          links.certificate      <- fields.property.certificateSerial
//                          (so a parcel, and the certificate that covers it, find the transactions on it)
//   construction-permit    links.person0..7       <- fields.ownerPersonalIds[]; links.parcel0..7 <- fields.parcelIds[]
//   civil-servant          links.person0          <- fields.personalId
//   social-beneficiary     links.person0          <- fields.personalId
//   urban-infrastructure   links.ward, links.network, links.assetType <- fields.properties.* (no person)
import type { CanonicalEntity } from '../schemas/canonical-event.js'
import { nameMatchKey } from '../schemas/vietnam/names.js'
import { personLinkSlots } from './golden-record.js'
import { infrastructureLinks } from './infrastructure-links.js'

export const PARCEL_SLOTS = 8
export const parcelSlot = (i: number): string => `links.parcel${i}`

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string' ? [value] : []
/** The personal ids of a notarization's parties; an organisation, or a party named by CMND only, has none. */
const partyIds = (parties: unknown): string[] =>
  Array.isArray(parties) ? parties.flatMap(p => strings((p as { personalId?: unknown } | null)?.personalId)) : []
const propertyOf = (fields: Record<string, unknown>): { parcelIds?: unknown, certificateSerial?: unknown } =>
  typeof fields.property === 'object' && fields.property !== null ? fields.property : {}

/** The parcels a record is about, for the `links.parcel<i>` slots. */
export function linkedParcelIds (entity: CanonicalEntity, fields: Record<string, unknown>): string[] {
  if (entity === 'land-use-certificate' || entity === 'construction-permit') return strings(fields.parcelIds)
  if (entity === 'notarization') return strings(propertyOf(fields).parcelIds)
  return []
}

export function linkedPersonIds (entity: CanonicalEntity, fields: Record<string, unknown>): string[] {
  switch (entity) {
    case 'household': {
      const members = Array.isArray(fields.members) ? fields.members as Array<{ personalId?: unknown }> : []
      return [...strings(fields.headPersonalId), ...members.flatMap(m => strings(m?.personalId))]
    }
    case 'land-parcel':
    case 'land-use-certificate': return strings(fields.holderPersonalIds)
    case 'health-insurance-card': return strings(fields.holderPersonalId)
    case 'business-household': return strings(fields.ownerPersonalId)
    case 'driver-licence': return strings(fields.holderPersonalId)
    case 'unemployment-benefit': return strings(fields.personalId)
    case 'student-enrolment': {
      const guardian = fields.guardian as { personalId?: unknown } | undefined
      return [...strings(fields.studentPersonalId), ...strings(guardian?.personalId)]
    }
    case 'notarization': return partyIds(fields.parties)
    case 'construction-permit': return strings(fields.ownerPersonalIds)
    case 'civil-servant': return strings(fields.personalId)
    case 'social-beneficiary': return strings(fields.personalId)
    default: return []
  }
}

/**
 * The equality key of the restricted citizen search: the name folded as sources disagree on it
 * (case, diacritics, spacing) and the birth date. One key per person, so a search is one exact
 * find, never a scan, and never more than the people who share a name and a birthday.
 */
export const nameDobKey = (fullName: string, birthDate: string): string => `${nameMatchKey(fullName)}|${birthDate}`

export function deriveLinks (entity: CanonicalEntity, fields: Record<string, unknown>): Record<string, string | true> {
  const links: Record<string, string | true> = {}
  if (entity === 'person' && typeof fields.householdId === 'string') links.householdId = fields.householdId
  if (entity === 'person' && typeof fields.fullName === 'string' && typeof fields.birthDate === 'string') {
    links.nameDob = nameDobKey(fields.fullName, fields.birthDate)
  }
  const slot = (prefix: string, ids: string[], slots: number): void => {
    const unique = [...new Set(ids)].sort()
    unique.slice(0, slots).forEach((id, i) => { links[`${prefix}${i}`] = id })
    if (unique.length > slots) links.truncated = true
  }
  slot('person', linkedPersonIds(entity, fields), personLinkSlots[entity])
  const parcels = linkedParcelIds(entity, fields)
  if (parcels.length > 0) slot('parcel', parcels, PARCEL_SLOTS)
  const serial = entity === 'notarization' ? propertyOf(fields).certificateSerial : undefined
  if (typeof serial === 'string') links.certificate = serial
  if (entity === 'urban-infrastructure') Object.assign(links, infrastructureLinks(fields))
  return links
}
