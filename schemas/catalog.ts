// The canonical schemas by name: the one list the validator compiles and the gateway serves.
// A name is the last part of the schema's $id (…/schemas/<name>.json).
import { changeEventSchema } from './change-event.js'
import { canonicalEventSchema } from './canonical-event.js'
import { personSchema } from './person.js'
import { householdSchema } from './household.js'
import { householdMembershipSchema } from './household-membership.js'
import { birthRegistrationSchema } from './birth-registration.js'
import { marriageRegistrationSchema } from './marriage-registration.js'
import { deathRegistrationSchema } from './death-registration.js'
import { residenceSchema } from './residence.js'
import { landParcelSchema } from './land-parcel.js'
import { landUseCertificateSchema } from './land-use-certificate.js'
import { healthInsuranceCardSchema } from './health-insurance-card.js'
import { businessHouseholdSchema } from './business-household.js'
import { notarizationSchema } from './notarization.js'
import { studentEnrolmentSchema } from './student-enrolment.js'
import { socialBeneficiarySchema } from './social-beneficiary.js'
import { unemploymentBenefitSchema } from './unemployment-benefit.js'
import { driverLicenceSchema } from './driver-licence.js'
import { civilServantSchema } from './civil-servant.js'
import { constructionPermitSchema } from './construction-permit.js'
import { urbanInfrastructureSchema } from './urban-infrastructure.js'

export const canonicalSchemas = {
  'change-event': changeEventSchema,
  'canonical-event': canonicalEventSchema,
  person: personSchema,
  household: householdSchema,
  'household-membership': householdMembershipSchema,
  'birth-registration': birthRegistrationSchema,
  'marriage-registration': marriageRegistrationSchema,
  'death-registration': deathRegistrationSchema,
  residence: residenceSchema,
  'land-parcel': landParcelSchema,
  'land-use-certificate': landUseCertificateSchema,
  'health-insurance-card': healthInsuranceCardSchema,
  'business-household': businessHouseholdSchema,
  // The sources of issue 19: schemas only, until each has a connector and a canonical topic.
  notarization: notarizationSchema,
  'student-enrolment': studentEnrolmentSchema,
  'social-beneficiary': socialBeneficiarySchema,
  'unemployment-benefit': unemploymentBenefitSchema,
  'driver-licence': driverLicenceSchema,
  'civil-servant': civilServantSchema,
  'construction-permit': constructionPermitSchema,
  'urban-infrastructure': urbanInfrastructureSchema
} as const

export type CanonicalSchemaName = keyof typeof canonicalSchemas

/** `id` is the schema's `$id`; a property named `$id` would read as a keyword to schema tooling. */
export interface CanonicalSchemaSummary { name: CanonicalSchemaName, id: string, title: string, description: string }

export function isCanonicalSchemaName (name: string): name is CanonicalSchemaName {
  return Object.hasOwn(canonicalSchemas, name)
}

export function listCanonicalSchemas (): CanonicalSchemaSummary[] {
  return (Object.keys(canonicalSchemas) as CanonicalSchemaName[]).map(name => {
    const { $id, title, description } = canonicalSchemas[name]
    return { name, id: $id, title, description }
  })
}
