// Civil-status records to canonical Person, as data (the same format integrators register).
// A marriage registration is a fact about two persons: it sets both spouses' marital status.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const civilStatusMapping: ConnectorMapping = {
  streams: [{
    stream: 'persons',
    deleteWhen: { from: 'da_xoa', equals: true },
    entities: [{
      entity: 'person',
      id: {
        from: 'so_dinh_danh',
        transform: ['personal-id'],
        fallback: { from: 'so_cmnd', transform: ['cmnd'], kind: 'cmnd' }
      },
      fields: [
        { from: 'so_dinh_danh', to: 'personalId', transform: ['personal-id'] },
        { from: 'so_cmnd', to: 'legacyCmnd', transform: ['cmnd'] },
        { from: 'ho_va_ten', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'ho_va_ten', to: 'familyName', transform: ['name.family'], required: true },
        { from: 'ho_va_ten', to: 'middleName', transform: ['name.middle'], required: true },
        { from: 'ho_va_ten', to: 'givenName', transform: ['name.given'], required: true },
        { from: 'ngay_sinh', to: 'birthDate', transform: ['birth-date'], required: true },
        { from: 'gioi_tinh', to: 'sex', transform: ['sex'], required: true },
        { from: 'noi_sinh', to: 'placeOfBirth', transform: ['string'] },
        { from: 'dan_toc', to: 'ethnicityCode', transform: ['ethnicity'] },
        { from: 'ton_giao', to: 'religionCode', transform: ['religion'] },
        { from: 'quoc_tich', to: 'nationality', transform: ['string', 'upper'] },
        { from: 'ngay_mat', to: 'dateOfDeath', transform: ['past-date'] }
      ]
    }]
  }, {
    // No deleteWhen: a cancelled registration must not delete the spouses (see connector.ts).
    stream: 'marriages',
    entities: [{
      entity: 'person',
      id: { from: 'so_dinh_danh_chong', transform: ['personal-id'] },
      fields: [
        { from: 'so_dinh_danh_chong', to: 'personalId', transform: ['personal-id'] },
        { const: 'married', to: 'maritalStatus' }
      ]
    }, {
      entity: 'person',
      id: { from: 'so_dinh_danh_vo', transform: ['personal-id'] },
      fields: [
        { from: 'so_dinh_danh_vo', to: 'personalId', transform: ['personal-id'] },
        { const: 'married', to: 'maritalStatus' }
      ]
    }]
  }]
}
