// The last step of every personal-data read (records, lists, search, conflicts, the access log,
// prefill): cache headers, the audit entries, then the body or a 304. The audit is written before
// either: a 304 tells the client the data it holds is still the citizen's current data, which is
// itself a disclosure under the stated purpose (docs/api.md). A read that covers several entities
// (a prefill) appends one entry per entity, together, so the group commit writes them in one block.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { PersonalDataRead } from '../plugins/access-control.js'
import { purposeHeaders } from '../plugins/access-control.js'
import { noneMatch } from './etag.js'

/**
 * `no-store`: no HTTP cache (browser, proxy) may keep personal data. Revalidation does not need a
 * cache: a client that keeps its own copy sends the ETag it got in If-None-Match.
 */
export const PERSONAL_DATA_CACHE_CONTROL = 'private, no-store'

export interface Release<T> {
  /** What the answer discloses: one audit entry per entity read. */
  read: PersonalDataRead | PersonalDataRead[]
  tag?: string
  body: T
}

export async function release<T> (
  request: FastifyRequest, reply: FastifyReply, { read, tag, body }: Release<T>
): Promise<T | FastifyReply> {
  void reply.header('cache-control', PERSONAL_DATA_CACHE_CONTROL)
  if (tag !== undefined) void reply.header('etag', tag).header('vary', 'Authorization, X-Purpose')
  if (Array.isArray(read)) await Promise.all(read.map(async r => await request.access.audit(r)))
  else await request.access.audit(read)
  if (tag !== undefined && noneMatch(request.headers['if-none-match'], tag)) return await reply.code(304).send()
  return body
}

/** Documents the 304 of a conditional GET in a route's response schema. */
export const notModifiedResponse = {
  304: { description: 'Not modified: the ETag sent in If-None-Match is still current. No body.', type: 'null' }
} as const

/** The conditional-GET header, documented next to X-Purpose. */
export const conditionalHeaders = {
  'if-none-match': {
    type: 'string',
    description: 'An ETag of an earlier answer: 304 with no body while it is still current.'
  }
} as const

/** Request headers of a personal-data read: X-Purpose and If-None-Match. */
export const readHeaders = {
  type: 'object',
  properties: { ...purposeHeaders.properties, ...conditionalHeaders }
} as const
