// What a grant can name: each entity holding personal data and the field paths a grant may list.
// Fields come from the canonical schema, one level of nesting deep (so `permanentAddress.wardCode`
// can be granted without the street), and a grant naming anything else is refused. A new personal-
// data endpoint adds its entity here with one line.
import { personSchema } from '../../schemas/person.js'
import { householdSchema } from '../../schemas/household.js'
import { landParcelSchema } from '../../schemas/land-parcel.js'
import { landUseCertificateSchema } from '../../schemas/land-use-certificate.js'
import { healthInsuranceCardSchema } from '../../schemas/health-insurance-card.js'
import { businessHouseholdSchema } from '../../schemas/business-household.js'
import { driverLicenceSchema } from '../../schemas/driver-licence.js'
import { unemploymentBenefitSchema } from '../../schemas/unemployment-benefit.js'
import { studentEnrolmentSchema } from '../../schemas/student-enrolment.js'
import { notarizationSchema } from '../../schemas/notarization.js'
import { constructionPermitSchema } from '../../schemas/construction-permit.js'
import { civilServantSchema } from '../../schemas/civil-servant.js'
import { socialBeneficiarySchema } from '../../schemas/social-beneficiary.js'
import { urbanInfrastructureSchema } from '../../schemas/urban-infrastructure.js'


/** Top-level properties, and for object properties also `parent.child`. */
export function fieldPaths (schema: { properties?: object }): string[] {
  const out: string[] = []
  for (const [name, sub] of Object.entries(schema.properties ?? {}) as Array<[string, { properties?: object }]>) {
    out.push(name)
    for (const child of Object.keys(sub.properties ?? {})) out.push(`${name}.${child}`)
  }
  return out
}

export const accessLogFields = ['seq', 'at', 'clientId', 'purpose', 'entity', 'fields', 'requestId'] as const

export const grantableEntities = {
  person: { description: 'A citizen\'s golden record (GET /v1/citizens/{id})', fields: fieldPaths(personSchema) },
  household: {
    description: 'A household of the residence database, with its members ' +
      '(GET /v1/households/{id}, GET /v1/citizens/{id}/household)',
    fields: fieldPaths(householdSchema)
  },
  'land-parcel': {
    description: 'A land parcel and its holders (GET /v1/land-parcels/{id}, GET /v1/citizens/{id}/land-parcels)',
    fields: fieldPaths(landParcelSchema)
  },
  'land-use-certificate': {
    description: 'A land-use certificate (GCN) and its holders',
    fields: fieldPaths(landUseCertificateSchema)
  },
  'health-insurance-card': {
    description: 'A health-insurance (BHYT) card (GET /v1/citizens/{id}/health-insurance)',
    fields: fieldPaths(healthInsuranceCardSchema)
  },
  'business-household': {
    description: 'A household business and its owner (GET /v1/citizens/{id}/business-households)',
    fields: fieldPaths(businessHouseholdSchema)
  },
  'driver-licence': {
    description: 'A driving licence (GPLX) and its classes (GET /v1/citizens/{id}/driver-licences)',
    fields: fieldPaths(driverLicenceSchema)
  },
  'unemployment-benefit': {
    description: 'An unemployment-benefit decision (trợ cấp thất nghiệp) (GET /v1/citizens/{id}/benefits)',
    fields: fieldPaths(unemploymentBenefitSchema)
  },
  'student-enrolment': {
    description: 'A pupil\'s enrolment for a school year, with the guardian (GET /v1/citizens/{id}/students)',
    fields: fieldPaths(studentEnrolmentSchema)
  },
  notarization: {
    description: 'A notarized contract or transaction (công chứng), also shown on its land parcel ' +
      '(GET /v1/citizens/{id}/notarizations)',
    fields: fieldPaths(notarizationSchema)
  },
  'construction-permit': {
    description: 'A construction permit (giấy phép xây dựng) and its post-permit inspections ' +
      '(GET /v1/citizens/{id}/construction-permits)',
    fields: fieldPaths(constructionPermitSchema)
  },
  // The most sensitive entity: granted to home affairs only, never to a demo client (demo-clients.ts).
  'civil-servant': {
    description: 'A cadre, civil servant or public employee: unit, position, rank (GET /v1/civil-servants/{staffCode})',
    fields: fieldPaths(civilServantSchema)
  },
  'social-beneficiary': {
    description: 'A person with merit or a social-protection beneficiary (người có công, bảo trợ xã hội) ' +
      '(GET /v1/citizens/{id}/benefits)',
    fields: fieldPaths(socialBeneficiarySchema)
  },
  // Not personal data, but critical infrastructure (pumping stations, water mains): read behind a grant too.
  'urban-infrastructure': {
    description: 'An urban technical-infrastructure asset as a GeoJSON Feature (GET /v1/infrastructure)',
    fields: fieldPaths(urbanInfrastructureSchema)
  },
  'access-log': {
    description: 'Who read a citizen\'s data (GET /v1/citizens/{id}/access-log)',
    fields: [...accessLogFields] as string[]
  }
} as const satisfies Record<string, { description: string, fields: string[] }>

export type EntityName = keyof typeof grantableEntities
export const entityNames = Object.keys(grantableEntities) as EntityName[]
export const isEntityName = (name: string): name is EntityName => Object.hasOwn(grantableEntities, name)
