// Restricted search: a clerk who has a citizen's name, date of birth and ward (from a paper form)
// but no personal id gets at most five candidates, never a list. The search is one exact find on
// the derived key `links.nameDob` (records/links.ts) and the ward; more than five matches
// is refused, so no query can walk the register. Candidates carry only the granted identifying
// fields, and the read is audited with every candidate as a subject.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { dateSchema, fullNameSchema, sexSchema, wardCodeSchema } from '../../../schemas/common.js'
import { personsByNameDob } from '../../../records/lookups.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses, purposeHeaders } from '../../plugins/access-control.js'
import { projectFields } from '../../security/projection.js'
import { release } from '../../read/release.js'

export const MAX_CANDIDATES = 5

/** What a candidate may show: enough to tell people apart, nothing else. */
export const candidateFields = ['personalId', 'fullName', 'birthDate', 'permanentAddress.wardCode'] as const

interface SearchBody { fullName: string, birthDate: string, wardCode: string, sex?: 'male' | 'female' | 'unknown' }

const candidateSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Only the granted fields among these.',
  properties: {
    personalId: { type: 'string' },
    fullName: { type: 'string' },
    birthDate: { type: 'string', format: 'date' },
    permanentAddress: { type: 'object', additionalProperties: false, properties: { wardCode: { type: 'string' } } }
  }
} as const

const covered = (path: string, granted: readonly string[]): boolean =>
  granted.includes(path) || granted.includes(path.split('.')[0])

export function citizenSearchRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.post<{ Body: SearchBody }>('/v1/citizens/search', {
      schema: {
        tags: ['citizens'],
        summary: 'Find a citizen by full name, date of birth and ward: at most 5 candidates',
        description: 'Exact match on the full name (case, diacritics and spacing ignored) and the date of birth, ' +
          `within the ward of the permanent address. More than ${MAX_CANDIDATES} matches: ` +
          '422 LT_ERR_SEARCH_TOO_BROAD (add `sex`). Candidates show only the granted fields among personalId, ' +
          'fullName, birthDate, permanentAddress.wardCode. Audited.',
        headers: purposeHeaders,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fullName', 'birthDate', 'wardCode'],
          properties: {
            fullName: { ...fullNameSchema, minLength: 2 },
            birthDate: dateSchema,
            wardCode: { ...wardCodeSchema, description: 'Ward of the permanent address (current 5-digit code).' },
            sex: { ...sexSchema, description: 'Optional: narrows a search that matched too many.' }
          },
          examples: [{ fullName: 'Nguyễn Văn An', birthDate: '1985-03-15', wardCode: '31135' }]
        },
        response: {
          200: {
            type: 'object',
            required: ['data'],
            properties: { data: { type: 'array', maxItems: MAX_CANDIDATES, items: candidateSchema } },
            examples: [{
              data: [{
                personalId: '092085001234',
                fullName: 'Nguyễn Văn An',
                birthDate: '1985-03-15',
                permanentAddress: { wardCode: '31135' }
              }]
            }]
          },
          422: { $ref: 'Problem#' },
          ...personalDataResponses
        }
      }
    }, async (request, reply) => {
      const granted = await request.access.grantedFields('person')
      const shown = candidateFields.filter(f => covered(f, granted))
      if (shown.length === 0) {
        throw new ApiProblem(403, 'LT_ERR_FIELD_NOT_GRANTED', 'Field not granted for this purpose',
          `A search shows ${candidateFields.join(', ')}; ` +
          'your grant for this purpose on entity \'person\' covers none of them.',
          [{ path: 'grant', message: `needs one of: ${candidateFields.join(', ')}` }])
      }
      const views = await personsByNameDob(store, request.body, MAX_CANDIDATES + 1)
      if (views.length > MAX_CANDIDATES) {
        throw new ApiProblem(422, 'LT_ERR_SEARCH_TOO_BROAD', 'Too many citizens match',
          `More than ${MAX_CANDIDATES} citizens of this ward share this name and date of birth; ` +
          'add `sex`, or ask the citizen for their personal id.',
          [{ path: 'body', message: `matches more than ${MAX_CANDIDATES}` }])
      }
      const candidates = views.map(v => projectFields(v.fields, shown))
      return await release(request, reply, {
        read: {
          entity: 'person',
          subjects: views.map(v => v.entityId),
          fields: [...new Set(candidates.flatMap(c => c.returned))].sort()
        },
        body: { data: candidates.map(c => c.data) }
      })
    })
  }
}
