// Residence records to canonical Person (addresses, household, relation to its head) and the
// derived household records to canonical Household. Authoritative for addresses (cu-tru).
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const residenceMapping: ConnectorMapping = {
  streams: [{
    stream: 'residents',
    deleteWhen: { from: 'deleted', equals: true },
    entities: [{
      entity: 'person',
      id: { from: 'personalId', transform: ['personal-id'] },
      fields: [
        { from: 'personalId', to: 'personalId', transform: ['personal-id'] },
        { from: 'fullName', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'fullName', to: 'familyName', transform: ['name.family'], required: true },
        { from: 'fullName', to: 'middleName', transform: ['name.middle'], required: true },
        { from: 'fullName', to: 'givenName', transform: ['name.given'], required: true },
        { from: 'dateOfBirth', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'gender', to: 'sex', transform: ['sex'], required: true },
        { from: 'ethnicity', to: 'ethnicityCode', transform: ['ethnicity'] },
        { from: 'householdId', to: 'householdId', transform: ['string'] },
        // The residence system records the relation with the hub's own code list (schemas/household-relation.ts).
        { from: 'relationToHead', to: 'relationToHead', transform: ['string'] },
        {
          from: 'permanentResidence.wardCode',
          to: 'permanentAddress.wardCode',
          transform: ['ward-code'],
          required: true
        },
        { from: 'permanentResidence.addressLine', to: 'permanentAddress.line', transform: ['string'], required: true },
        { from: 'temporaryResidence.wardCode', to: 'temporaryAddress.wardCode', transform: ['ward-code'] },
        { from: 'temporaryResidence.addressLine', to: 'temporaryAddress.line', transform: ['string'] }
      ]
    }]
  }, {
    stream: 'households',
    entities: [{
      entity: 'household',
      id: { from: 'householdId', transform: ['string'] },
      fields: [
        { from: 'householdId', to: 'householdId', transform: ['string'] },
        { from: 'headPersonalId', to: 'headPersonalId', transform: ['personal-id'] },
        { from: 'address.wardCode', to: 'address.wardCode', transform: ['ward-code'], required: true },
        { from: 'address.addressLine', to: 'address.line', transform: ['string'], required: true },
        // Already in the canonical shape: the connector builds it (connector.ts).
        { from: 'members', to: 'members', required: true }
      ]
    }]
  }]
}
