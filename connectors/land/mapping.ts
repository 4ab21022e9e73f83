// Land records to canonical LandParcel and LandUseCertificate (authoritative: dat-dai). Holder
// ids come from `_derived` (connector.ts), split by document: holders named by a 12-digit personal
// id are listed at once; holders named by CMND only are linked by the normalizer (`legacy`), which
// holds the parcel until every one of them is known.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const landMapping: ConnectorMapping = {
  streams: [{
    stream: 'parcels',
    deleteWhen: { from: 'DaXoa', equals: true },
    entities: [{
      entity: 'land-parcel',
      id: { from: 'MaThua', transform: ['parcel-id'] },
      fields: [
        { from: 'MaThua', to: 'parcelId', transform: ['parcel-id'] },
        { from: 'MaXaCu', to: 'oldWardCode', transform: ['string'], required: true },
        { from: 'SoTo', to: 'mapSheet', transform: ['integer'], required: true },
        { from: 'SoThua', to: 'parcelNumber', transform: ['integer'], required: true },
        { from: 'DienTich', to: 'areaM2', transform: ['number'], required: true },
        { from: 'MucDich', to: 'landUsePurposes', transform: ['land-purposes'], required: true },
        { from: 'DiaChi', to: 'address.line', transform: ['string'], required: true },
        { from: 'MaXa', to: 'address.wardCode', transform: ['ward-code'], required: true },
        {
          from: '_derived.holderPersonalIds',
          to: 'holderPersonalIds',
          transform: ['personal-id'],
          legacy: { from: '_derived.holderCmnds', transform: ['cmnd'], kind: 'cmnd' }
        }
      ]
    }, {
      entity: 'land-use-certificate',
      when: { from: 'GiayChungNhan.SoPhatHanh' },
      id: { from: 'GiayChungNhan.SoPhatHanh', transform: ['certificate-serial'] },
      fields: [
        { from: 'GiayChungNhan.SoPhatHanh', to: 'serial', transform: ['certificate-serial'] },
        { from: 'GiayChungNhan.SoVaoSo', to: 'registerEntry', transform: ['string', 'upper'], required: true },
        { from: 'GiayChungNhan.CoQuanCap', to: 'issuingBody.name', transform: ['string'], required: true },
        { from: 'GiayChungNhan.NgayCap', to: 'issueDate', transform: ['past-date'], required: true },
        {
          from: '_derived.holderPersonalIds',
          to: 'holderPersonalIds',
          transform: ['personal-id'],
          legacy: { from: '_derived.holderCmnds', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: '_derived.parcelIds', to: 'parcelIds', transform: ['parcel-id'], required: true }
      ]
    }, {
      // Each holder's name, as the land registry knows it, weighed against civil status's.
      entity: 'person',
      each: 'ChuSuDung',
      when: { from: 'LoaiGiayTo', equals: 'CCCD' },
      id: { from: 'SoGiayTo', transform: ['personal-id'] },
      fields: [{ from: 'HoTen', to: 'fullName', transform: ['name.full'] }]
    }, {
      // A holder named by CMND only: no personal id to read, so the CMND is the legacy key.
      entity: 'person',
      each: 'ChuSuDung',
      when: { from: 'LoaiGiayTo', equals: 'CMND' },
      id: {
        from: 'SoCccd',
        transform: ['personal-id'],
        fallback: { from: 'SoGiayTo', transform: ['cmnd'], kind: 'cmnd' }
      },
      fields: [{ from: 'HoTen', to: 'fullName', transform: ['name.full'] }]
    }]
  }]
}
