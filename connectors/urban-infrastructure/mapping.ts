// Infrastructure assets (ha-tang) to canonical UrbanInfrastructure, a GeoJSON Feature keyed by the asset
// id (authoritative: ha-tang). The WKT in GEOM becomes the GeoJSON geometry and, from the same text, the
// feature's bbox, which the store keeps so a bbox query tests envelopes only (records/infrastructure-page.ts).
// A geometry that cannot be placed (axes swapped, not WGS 84, a one-point line) fails the record with
// LT_ERR_GEOMETRY at GEOM: a dead letter, never a feature in the wrong place. Old ward codes are mapped
// to the 2025 ones; labels go through their code tables (schemas/vietnam/infrastructure-codes.ts).
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const urbanInfrastructureMapping: ConnectorMapping = {
  streams: [{
    stream: 'assets',
    deleteWhen: { from: 'TRANG_THAI_BG', equals: 'XOA' },
    entities: [{
      entity: 'urban-infrastructure',
      id: { from: 'MA_TS', transform: ['string'] },
      fields: [
        { const: 'Feature', to: 'type' },
        { from: 'MA_TS', to: 'id', transform: ['string'], required: true },
        { from: 'GEOM', to: 'geometry', transform: ['wkt-geometry'], required: true },
        { from: 'GEOM', to: 'bbox', transform: ['wkt-bbox'], required: true },
        { from: 'MA_TS', to: 'properties.assetId', transform: ['string'], required: true },
        { from: 'NHOM', to: 'properties.network', transform: ['infrastructure-network'], required: true },
        { from: 'LOAI_TS', to: 'properties.assetType', transform: ['infrastructure-asset-type'], required: true },
        { from: 'MA_PX', to: 'properties.wardCode', transform: ['ward-code'], required: true },
        { from: 'TINH_TRANG', to: 'properties.condition', transform: ['infrastructure-condition'], required: true },
        { from: 'NAM_XD', to: 'properties.builtYear', transform: ['integer'] },
        { from: 'CHIEU_DAI', to: 'properties.lengthM', transform: ['number'] },
        { from: 'DUONG_KINH', to: 'properties.diameterMm', transform: ['integer'] },
        { from: 'NGAY_KIEM_TRA', to: 'properties.lastInspectedOn', transform: ['past-date'] }
      ]
    }]
  }]
}
