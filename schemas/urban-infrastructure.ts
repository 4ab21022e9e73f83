// Canonical UrbanInfrastructure (hạ tầng kỹ thuật đô thị): one asset of the city's technical
// networks as a GeoJSON Feature (RFC 7946), keyed by its asset id. Not personal data: served as
// feature collections with a bounding-box filter. Coordinates are WGS 84 longitude, latitude as
// RFC 7946 requires; sources that keep VN-2000 are converted by the normalizer.
import type { FromSchema } from 'json-schema-to-ts'
import { dateSchema, wardCodeSchema } from './common.js'

// A position checks only that both numbers lie within ±180: telling longitude from latitude needs
// tuple keywords newer than draft-07 (test/unit/schemas/draft-07.test.ts), so the normalizer
// checks latitude and that points fall inside the city.
const position = {
  type: 'array',
  minItems: 2,
  maxItems: 3,
  items: { type: 'number', minimum: -180, maximum: 180 }
} as const
const line = { type: 'array', minItems: 2, items: position } as const
const ring = { type: 'array', minItems: 4, items: position } as const

// One GeoJSON geometry object: its type and its coordinates, nothing else.
const geometry = <T extends string, C>(type: T, coordinates: C) => ({
  type: 'object', additionalProperties: false, required: ['type', 'coordinates'], properties: {
    type: { const: type },
    coordinates
  }
} as const)

export const geometrySchema = {
  description: 'GeoJSON geometry (RFC 7946 section 3.1): Point, LineString, MultiLineString or Polygon.',
  oneOf: [
    geometry('Point', position),
    geometry('LineString', line),
    geometry('MultiLineString', { type: 'array', minItems: 1, items: line } as const),
    geometry('Polygon', { type: 'array', minItems: 1, items: ring } as const)
  ]
} as const

export const INFRASTRUCTURE_ASSET_TYPES = {
  road: ['road-segment', 'bridge', 'sidewalk'],
  drainage: ['drain-pipe', 'drain-channel', 'manhole', 'outfall', 'pumping-station'],
  lighting: ['street-light', 'lighting-cabinet', 'lighting-cable'],
  'water-supply': ['water-main', 'valve', 'hydrant', 'water-meter-cluster']
} as const

const assetTypes: string[] = Object.values(INFRASTRUCTURE_ASSET_TYPES).flat()

export const urbanInfrastructureSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/urban-infrastructure.json',
  title: 'UrbanInfrastructure',
  description: 'One asset of the urban technical infrastructure (roads, drainage, lighting, water supply) as a ' +
    'GeoJSON Feature: geometry in WGS 84, network, asset type, ward and condition. Holds no personal data.',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id', 'geometry', 'properties'],
  properties: {
    type: { const: 'Feature' },
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: 'Asset id (mã tài sản), same as properties.assetId.'
    },
    bbox: {
      type: 'array',
      minItems: 4,
      maxItems: 4,
      items: { type: 'number' },
      description: 'RFC 7946 bbox: west, south, east, north.'
    },
    geometry: geometrySchema,
    properties: {
      type: 'object',
      additionalProperties: false,
      required: ['assetId', 'network', 'assetType', 'wardCode', 'condition'],
      properties: {
        assetId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
        network: {
          enum: Object.keys(INFRASTRUCTURE_ASSET_TYPES),
          description: 'giao thông, thoát nước, chiếu sáng, cấp nước.'
        },
        assetType: {
          enum: assetTypes,
          description: 'Kind of asset within the network (docs/sources/urban-infrastructure.md).'
        },
        name: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. Đường 3 Tháng 2; NFC.' },
        wardCode: {
          ...wardCodeSchema,
          description: 'Ward/commune the asset lies in (the one holding most of a line).'
        },
        condition: {
          enum: ['good', 'fair', 'poor', 'out-of-service'],
          description: 'tốt, trung bình, xuống cấp, ngừng hoạt động.'
        },
        operator: { type: 'string', minLength: 1, maxLength: 200, description: 'Đơn vị quản lý vận hành.' },
        builtYear: { type: 'integer', minimum: 1850, maximum: 2100 },
        lengthM: { type: 'number', exclusiveMinimum: 0, description: 'Length of a line asset, m.' },
        widthM: { type: 'number', exclusiveMinimum: 0, description: 'Carriageway or channel width, m.' },
        diameterMm: { type: 'integer', minimum: 1, maximum: 5000, description: 'Pipe diameter, mm.' },
        material: { type: 'string', minLength: 1, maxLength: 100 },
        lastInspectedOn: { ...dateSchema, description: 'Date of the last condition survey.' }
      }
    }
  },
  examples: [{
    type: 'Feature',
    id: 'TN-31135-000412',
    geometry: { type: 'LineString', coordinates: [[105.7851, 10.0338], [105.7866, 10.0329], [105.7879, 10.0321]] },
    properties: {
      assetId: 'TN-31135-000412',
      network: 'drainage',
      assetType: 'drain-pipe',
      name: 'Cống dọc đường Hòa Bình',
      wardCode: '31135',
      condition: 'fair',
      operator: 'Công ty Cổ phần Cấp thoát nước Cần Thơ',
      builtYear: 2008,
      lengthM: 340,
      diameterMm: 800,
      material: 'Bê tông cốt thép',
      lastInspectedOn: '2025-04-18'
    }
  }, {
    type: 'Feature',
    id: 'CS-31147-001203',
    geometry: { type: 'Point', coordinates: [105.7712, 10.0199] },
    properties: {
      assetId: 'CS-31147-001203',
      network: 'lighting',
      assetType: 'street-light',
      wardCode: '31147',
      condition: 'good',
      builtYear: 2019
    }
  }]
} as const

export type UrbanInfrastructure = FromSchema<typeof urbanInfrastructureSchema>
