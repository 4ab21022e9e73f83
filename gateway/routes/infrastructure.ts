// GET /v1/infrastructure: the city's technical-infrastructure assets (roads, drainage, lighting, water)
// as a GeoJSON FeatureCollection (RFC 7946), application/geo+json. Not personal data, but behind a
// grant like every read (pumping stations and water mains are critical infrastructure) and audited
// with no subject. Filters: bbox (required shape `minLon,minLat,maxLon,maxLat`), network, asset type,
// ward; keyset pages of at most 100 features. The records reader bounds how much of the layer one
// page may examine (records/infrastructure-page.ts), so a sparse box can answer a short page whose
// `page.next` continues the scan.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { infrastructurePage } from '../../records/infrastructure-page.js'
import { INFRASTRUCTURE_ASSET_TYPES, urbanInfrastructureSchema } from '../../schemas/urban-infrastructure.js'
import { wardCodeSchema } from '../../schemas/common.js'
import { personalDataResponses } from '../plugins/access-control.js'
import { cursorParamSchema, limitParamSchema, openCursor, pageSchema } from '../read/pagination.js'
import { fieldsParamSchema } from '../read/field-selection.js'
import { selection } from '../read/read-record.js'
import { dataSchemaOf } from '../read/record-body.js'
import { entityTag } from '../read/etag.js'
import { notModifiedResponse, readHeaders, release } from '../read/release.js'
import { projectFields } from '../security/projection.js'
import { refsFor } from '../security/opaque-refs.js'
import { parseBboxParam } from './infrastructure-bbox.js'

export const GEOJSON_CONTENT_TYPE = 'application/geo+json'

interface Query {
  bbox?: string, network?: string, assetType?: string, wardCode?: string, fields?: string, limit: number,
  cursor?: string
}

const isAssetId = (id: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)

/** One feature as served: the granted members; geometry and properties null when not granted (RFC 7946 3.2). */
function featureSchema (): Record<string, unknown> {
  const data = dataSchemaOf('urban-infrastructure',
    'An infrastructure asset (canonical UrbanInfrastructure, granted members only).'
  ) as { properties: Record<string, unknown> }
  const { geometry, properties } = data.properties
  return {
    ...data,
    required: ['type', 'geometry', 'properties'],
    properties: {
      ...data.properties,
      type: { const: 'Feature' },
      geometry: {
        anyOf: [geometry, { type: 'null' }],
        description: 'GeoJSON geometry, WGS 84; null when the grant does not cover it.'
      },
      properties: {
        anyOf: [properties, { type: 'null' }],
        description: 'Asset attributes; null when the grant covers none.'
      }
    }
  }
}

export function infrastructureRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Query }>('/v1/infrastructure', {
      schema: {
        tags: ['infrastructure'],
        summary: 'Urban technical-infrastructure assets as a GeoJSON FeatureCollection',
        description: 'Roads, drainage, lighting and water-supply assets (ha-tang) whose bounding box meets `bbox`, ' +
          'optionally of one network, asset type or ward; `application/geo+json` (RFC 7946). ' +
          'Pages of at most 100 features in asset-id order ' +
          '(`limit`, `cursor` = the `page.next` of the previous page). ' +
          'A page may hold fewer than `limit` features while `page.next` is set: ' +
          'the hub examines a bounded share of the layer per page (docs/sources/urban-infrastructure.md).',
        headers: readHeaders,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['bbox'],
          properties: {
            bbox: {
              type: 'string',
              maxLength: 200,
              description: '`minLon,minLat,maxLon,maxLat` in WGS 84 degrees (RFC 7946 section 5), ' +
                'e.g. `105.70,9.98,105.82,10.08`.'
            },
            network: { enum: Object.keys(INFRASTRUCTURE_ASSET_TYPES), description: 'Only this network.' },
            assetType: { enum: Object.values(INFRASTRUCTURE_ASSET_TYPES).flat(), description: 'Only this asset type.' },
            wardCode: { ...wardCodeSchema, description: 'Only assets of this ward (current 5-digit code).' },
            fields: fieldsParamSchema,
            limit: limitParamSchema(),
            cursor: cursorParamSchema
          }
        },
        response: {
          // Keyed by media type, so the document says application/geo+json and Fastify serializes by it.
          200: {
            description: 'A GeoJSON FeatureCollection; `page` is a foreign member (RFC 7946 section 6.1).',
            content: {
              [GEOJSON_CONTENT_TYPE]: {
                schema: {
                  type: 'object',
                  required: ['type', 'features', 'page'],
                  properties: {
                    type: { const: 'FeatureCollection' },
                    features: { type: 'array', items: featureSchema() },
                    page: pageSchema
                  }
                },
                  example: {
                    type: 'FeatureCollection', features: urbanInfrastructureSchema.examples, page: { next: null }
                  }
              }
            }
          },
          ...notModifiedResponse,
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const { bbox: bboxText, network, assetType, wardCode, limit, cursor } = request.query
      // Grant first: a client without one learns nothing about the layer, not even what a bad box is.
      const selected = await selection(request, 'urban-infrastructure', request.query.fields)
      const bbox = parseBboxParam(bboxText)
      const refs = await refsFor(store)
      // A cursor opens only on the list it came from: the same filters.
      const scope = `infrastructure:${bbox.join(',')}:${network ?? ''}:${assetType ?? ''}:${wardCode ?? ''}`
      const after = cursor === undefined ? undefined : openCursor(refs, scope, cursor, isAssetId)
      const page = await infrastructurePage(store, { bbox, network, assetType, wardCode }, limit, after)
      // The reader cut the page (it may end early): seal the id it resumes after.
      const next = page.next === undefined ? null : refs.seal(scope, page.next)
      const out = page.views.map(view => projectFields(view.fields, selected))
      const features = out.map(({ data }) => ({
        type: 'Feature',
        ...(data.id !== undefined ? { id: data.id } : {}),
        ...(data.bbox !== undefined ? { bbox: data.bbox } : {}),
        geometry: data.geometry ?? null,
        properties: data.properties ?? null
      }))
      void reply.type(GEOJSON_CONTENT_TYPE)
      return await release(request, reply, {
        // Not personal data: the audit entry names no subject, only what was read.
          read: {
            entity: 'urban-infrastructure', subjects: [], fields: [...new Set(out.flatMap(o => o.returned))].sort()
          },
          tag: entityTag({
            route: 'infrastructure',
            scope,
            limit,
            cursor,
            records: page.views.map(v => [v.entityId, v.version]),
            fields: selected,
            next
          }),
        body: { type: 'FeatureCollection', features, page: { next } }
      })
    })
  }
}
