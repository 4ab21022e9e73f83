// A data steward decides a conflict: POST /v1/conflicts/{id}/resolution picks a source's value or
// enters one, with a legal basis and a note; POST /v1/conflicts/{id}/reopening withdraws it. The
// decision is published on the event log and folded by the merger (provenance rule `steward`), so
// the answer is 202: the golden record and the conflict change when the merger has applied it.
// Operators only, with X-Purpose and a grant on the field, and audited like a read: the decision
// names the citizen and the values.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EventLog } from '../../../infra/ports/event-log.js'
import type { Store } from '../../../infra/ports/store.js'
import { sourceSystemPattern } from '../../../records/golden-record.js'
import { personalDataResponses, purposeHeaders, requireOperator } from '../../plugins/access-control.js'
import type { EntityName } from '../../security/entities.js'
import { conflictIdPattern, createStewardDecisions, parseConflictId, type Decided } from '../../steward/decide.js'

// maxLength stays under the router's maxParamLength (200, gateway/app.ts), so a too-long id gets the
// schema's 400 problem+json rather than the router's bare 414.
const params = {
  type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: conflictIdPattern, maxLength: 180 } }
} as const
const text = (max: number) => ({ type: 'string', minLength: 3, maxLength: max }) as const

const accepted = {
  type: 'object',
  required: ['conflictId', 'eventId', 'status'],
  properties: {
    conflictId: { type: 'string' },
    eventId: {
      type: 'string', description: 'The decision\'s event on canonical.<entity>; the record\'s provenance names it ' +
        'once applied.'
    },
    status: { enum: ['accepted'] }
  }
} as const

/** The audit entry of a decision: it names the record's people and the decided field. */
export async function auditDecision (request: FastifyRequest, d: Decided): Promise<void> {
  await request.access.audit({ entity: d.entity as EntityName, subjects: d.subjects, fields: [d.field] })
}

/** Who decided on which field; the record id (often a personal id) stays out of the log. */
const logDecision = (request: FastifyRequest, d: Decided, message: string): void => {
  request.log.info({
    entity: d.entity,
    field: d.field,
    eventId: d.eventId,
    by: request.access.principal.clientId
  }, message)
}

export function conflictResolutionRoutes (store: Store, eventLog: EventLog) {
  const decisions = createStewardDecisions({ store, eventLog })
  return async function (app: FastifyInstance): Promise<void> {
    type Resolve = {
      Params: { id: string },
      Body: { sourceSystem?: string, value?: unknown, legalBasis: string, note?: string }
    }
    app.post<Resolve>('/v1/conflicts/:id/resolution', {
      onRequest: requireOperator,
      schema: {
        tags: ['conflicts'],
        summary: 'Resolve a conflict as a data steward (operators; audited)',
        description: 'Pick one source\'s value (`sourceSystem`) or enter one (`value`), with the legal basis ' +
          'and a note. ' +
          'The decision holds until a source changes that field, then the conflict opens again by itself. ' +
          '409 LT_ERR_CONFLICT_NOT_OPEN when it is not open; 409 LT_ERR_CONFLICT_IS_SIGNAL for a signal ' +
          '(`signal` set), which closes when its department ends the record.',
        headers: purposeHeaders,
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['legalBasis'],
          properties: {
            sourceSystem: { type: 'string', pattern: sourceSystemPattern, examples: ['ho-tich'] },
            value: { description: 'A value the steward enters, in the field\'s canonical form.' },
            legalBasis: { ...text(500), examples: ['Điều 6 Nghị định 47/2024/NĐ-CP'] },
            note: { type: 'string', maxLength: 2000, examples: ['Đối chiếu giấy khai sinh bản gốc'] }
          }
        },
        response: { 202: accepted, 404: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async (request, reply) => {
      const { entity } = parseConflictId(request.params.id)
      const granted = await request.access.grantedFields(entity as EntityName)
      const decided = await decisions.resolve(request.params.id, request.access.principal.clientId, granted,
        request.body)
      await auditDecision(request, decided)
      logDecision(request, decided, 'conflict resolved by a steward')
      return await reply.code(202).send({
        conflictId: decided.conflictId,
        eventId: decided.eventId,
        status: 'accepted'
      })
    })

    app.post<{ Params: { id: string }, Body: { note: string, legalBasis?: string } }>('/v1/conflicts/:id/reopening', {
      onRequest: requireOperator,
      schema: {
        tags: ['conflicts'],
        summary: 'Withdraw a steward\'s resolution (operators; audited)',
        description: 'The conflict opens again while the sources still disagree. ' +
          '409 LT_ERR_CONFLICT_NOT_RESOLVED unless a steward resolved it.',
        headers: purposeHeaders,
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['note'],
          properties: { note: text(2000), legalBasis: { type: 'string', maxLength: 500 } }
        },
        response: { 202: accepted, 404: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async (request, reply) => {
      const { entity } = parseConflictId(request.params.id)
      const granted = await request.access.grantedFields(entity as EntityName)
      const decided = await decisions.reopen(request.params.id, request.access.principal.clientId, granted,
        request.body)
      await auditDecision(request, decided)
      logDecision(request, decided, 'conflict reopened by a steward')
      return await reply.code(202).send({
        conflictId: decided.conflictId,
        eventId: decided.eventId,
        status: 'accepted'
      })
    })
  }
}
