// Every endpoint that returns personal data, in one list: the access matrix runs each against every
// client, subject and purpose, and fails when the OpenAPI document shows a personal-data endpoint
// (one taking X-Purpose) missing from this list. A new endpoint adds its line here.
import type { EntityName } from '../../gateway/security/entities.js'

export interface PersonalDataEndpoint {
  /** As in the OpenAPI document: method and path template. */
  route: string
  entity: EntityName
  /** The request about one subject (a 12-digit personal id; other ids are derived from it). */
  request: (subject: string) => { method: 'GET' | 'POST', url: string, payload?: unknown }
  /** The records of a 2xx body that carry granted fields. */
  records: (body: any) => Array<Record<string, unknown>>
  /** Status of an allowed read, for a subject the test seeded (as a citizen) or not. */
  expectedStatus: (held: boolean) => number
}

const one = (body: any): Array<Record<string, unknown>> => [body.data]
const listOfRecords = (body: any): Array<Record<string, unknown>> => (body.data as Array<{ data: Record<string, unknown> }>).map(r => r.data)
// Only citizens are seeded: the linked-record endpoints answer for a held citizen with nothing linked.
const linkedList = (entity: EntityName, path: string): PersonalDataEndpoint => ({
  route: `GET /v1/citizens/{personalId}/${path}`, entity, request: id => ({ method: 'GET', url: `/v1/citizens/${id}/${path}` }), records: listOfRecords, expectedStatus: held => held ? 200 : 404
})

export const personalDataEndpoints: PersonalDataEndpoint[] = [
  { route: 'GET /v1/citizens/{personalId}', entity: 'person', request: id => ({ method: 'GET', url: `/v1/citizens/${id}` }), records: one, expectedStatus: held => held ? 200 : 404 },
  { route: 'GET /v1/citizens/{personalId}/access-log', entity: 'access-log', request: id => ({ method: 'GET', url: `/v1/citizens/${id}/access-log` }), records: body => body.data, expectedStatus: () => 200 },
  { route: 'GET /v1/citizens/{personalId}/household', entity: 'household', request: id => ({ method: 'GET', url: `/v1/citizens/${id}/household` }), records: one, expectedStatus: () => 404 },
  linkedList('land-parcel', 'land-parcels'),
  linkedList('health-insurance-card', 'health-insurance'),
  linkedList('business-household', 'business-households'),
  { route: 'GET /v1/households/{householdId}', entity: 'household', request: id => ({ method: 'GET', url: `/v1/households/HK-${id}` }), records: one, expectedStatus: () => 404 },
  { route: 'GET /v1/land-parcels/{parcelId}', entity: 'land-parcel', request: id => ({ method: 'GET', url: `/v1/land-parcels/31147-12-${Number(id.slice(-3)) + 1}` }), records: one, expectedStatus: () => 404 }
]

/** Field paths a record carries: top-level keys, and `key.child` inside objects. */
export function pathsOf (record: Record<string, unknown>): string[] {
  return Object.entries(record).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map(c => `${k}.${c}`) : [k])
}

/** A path is granted when it or its parent object is. */
export const isGranted = (path: string, granted: readonly string[]): boolean =>
  granted.includes(path) || granted.includes(path.split('.')[0])

/** The operations of an OpenAPI document that take an X-Purpose header: the personal-data reads. */
export function purposeOperations (openapi: { paths: Record<string, Record<string, { parameters?: Array<{ in: string, name: string }> }>> }): string[] {
  return Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops)
    .filter(([, op]) => op.parameters?.some(p => p.in === 'header' && p.name.toLowerCase() === 'x-purpose') === true)
    .map(([method]) => `${method.toUpperCase()} ${path}`))
}
