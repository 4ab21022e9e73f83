// Test helper: what each golden record should hold according to the synthetic city's ground truth,
// as canonical field paths (the names the mappings write) and values. `undefined` means the field
// must be absent (a living person has no dateOfDeath). A person never married is single: civil status
// holds every person of the city and no marriage for them (survivorship.json absentMeans).
import type { CanonicalEntity } from '../../../schemas/canonical-event.js'
import type { TruthEntry, TruthPerson, TruthHousehold, TruthParcel, TruthCard,
  TruthBusiness } from '../../../sim/city/truth.js'

export interface ExpectedRecord {
  entity: CanonicalEntity
  id: string
  /** The person, parcel… the truth's invalid / conflict / variant lines name as entityKey. */
  entityKeys: string[]
  fields: Record<string, unknown>
}

const sorted = (ids: string[]): string[] => [...ids].sort()

export function expectedRecords (truth: TruthEntry[]): ExpectedRecord[] {
  const married = new Set<string>()
  for (const e of truth) if (e.type === 'marriage') { married.add(e.husbandId); married.add(e.wifeId) }
  // Single is derived from the civil-status register holding the person: not when their record there is dead-lettered.
  const notInCivilStatus = new Set(truth.flatMap(e => e.type === 'invalid' && e.department === 'civil-status'
    && e.stream === 'cong-dan' ? [e.entityKey] : []))
  const out: ExpectedRecord[] = []
  for (const e of truth) {
    switch (e.type) {
      case 'person': out.push(person(e, married.has(e.personalId) ? 'married' : notInCivilStatus.has(e.personalId)
        ? undefined : 'single')); break
      case 'household': out.push(household(e)); break
      case 'parcel': out.push(...parcel(e)); break
      case 'card': out.push(card(e)); break
      case 'business': out.push(business(e)); break
    }
  }
  return out
}

function person (p: TruthPerson, maritalStatus: 'married' | 'single' | undefined): ExpectedRecord {
  return {
    entity: 'person',
    id: p.personalId,
    entityKeys: [p.personalId],
    fields: {
      personalId: p.personalId,
      legacyCmnd: p.legacyId,
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      ethnicityCode: p.ethnicityCode,
      religionCode: p.religionCode,
      nationality: p.nationality,
      placeOfBirth: p.birthPlace,
      dateOfDeath: p.deathDate,
      maritalStatus,
      householdId: p.householdId,
      relationToHead: p.relationToHead,
      'permanentAddress.wardCode': p.permanentAddress.wardCode,
      'permanentAddress.line': p.permanentAddress.line,
      'temporaryAddress.wardCode': p.temporaryAddress?.wardCode,
      'temporaryAddress.line': p.temporaryAddress?.line
    }
  }
}

function household (h: TruthHousehold): ExpectedRecord {
  return {
    entity: 'household',
    id: h.householdId,
    entityKeys: [h.headId, ...h.members.map(m => m.personalId)],
    fields: {
      householdId: h.householdId,
      headPersonalId: h.headId,
      'address.wardCode': h.address.wardCode,
      'address.line': h.address.line,
      members: sorted(h.members.map(m => `${m.personalId}:${m.relationToHead}`))
    }
  }
}

function parcel (x: TruthParcel): ExpectedRecord[] {
  const keys = [x.parcelId, ...x.holderIds]
  return [{
    entity: 'land-parcel',
    id: x.parcelId,
    entityKeys: keys,
    fields: {
      parcelId: x.parcelId,
      oldWardCode: x.oldCommuneCode,
      mapSheet: x.sheet,
      parcelNumber: x.parcel,
      areaM2: x.areaM2,
      landUsePurposes: x.purposes,
      'address.line': x.address,
      'address.wardCode': x.wardCode,
      holderPersonalIds: sorted(x.holderIds)
    }
  }, {
    entity: 'land-use-certificate',
    id: x.certificate.serial,
    entityKeys: keys,
    fields: {
      serial: x.certificate.serial,
      registerEntry: x.certificate.registerNo.toUpperCase(),
      issueDate: x.certificate.issuedOn,
      'issuingBody.name': x.certificate.issuer,
      holderPersonalIds: sorted(x.holderIds),
      parcelIds: [x.parcelId]
    }
  }]
}

function card (c: TruthCard): ExpectedRecord {
  return {
    entity: 'health-insurance-card',
    id: c.socialInsuranceNumber,
    entityKeys: [c.personalId, c.socialInsuranceNumber],
    fields: {
      socialInsuranceNumber: c.socialInsuranceNumber,
      cardNumber: c.cardNumber,
      holderPersonalId: c.personalId,
      beneficiaryGroup: c.group,
      benefitLevel: c.benefitLevel,
      validFrom: c.validFrom,
      validTo: c.validTo,
      initialFacilityCode: c.facilityCode
    }
  }
}

function business (b: TruthBusiness): ExpectedRecord {
  return {
    entity: 'business-household',
    id: b.registrationNo,
    entityKeys: [b.ownerId, b.registrationNo],
    fields: {
      registrationNumber: b.registrationNo,
      name: b.name,
      ownerPersonalId: b.ownerId,
      'address.wardCode': b.wardCode,
      'address.line': b.address,
      'businessLines.0.code': b.sectorCode,
      capitalVnd: b.capitalVnd,
      registrationDate: b.registeredOn,
      status: b.status
    }
  }
}
