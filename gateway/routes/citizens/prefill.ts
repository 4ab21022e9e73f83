// Dossier prefill for one-stop software: POST /v1/prefill fills a procedure's form from the golden
// records of its subjects, so the clerk asks the citizen only for what the hub cannot fill.
// GET /v1/procedures lists the procedures and their fields. The purpose of a prefill is its
// procedure code: X-Purpose must name it, and grants for that purpose decide which fields are read.
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { linkedRecords, readCurrent } from '../../../records/reader.js'
import { statusId, type StatusDoc } from '../../../connectors/registry/registry-docs.js'
import { ApiProblem } from '../../problem.js'
import { personalDataResponses, purposeHeaders } from '../../plugins/access-control.js'
import { prefill, type PrefillReaders } from '../../prefill/prefill.js'
import { release } from '../../read/release.js'
import { procedureTemplateSchema, type ProcedureTemplate } from '../../prefill/procedure-template.js'
import { prefillBodySchema, subjectProblem } from '../../prefill/prefill-request-schema.js'
import { prefillResponseSchema as prefillResponse } from '../../prefill/prefill-response-schema.js'

/** A connector's last successful sync: its last poll that read every stream, or its last push. */
function lastSyncOf (doc: StatusDoc | undefined): string | undefined {
  const times = [doc?.status.lastSuccessAt, doc?.status.lastPushAt].filter((x): x is string => x !== undefined).sort()
  return times.at(-1)
}

interface PrefillBody { procedureCode: string, personalId: string, subjects?: Record<string, string> }

/** The store reads a prefill makes; the operator console's demo page uses the same. */
export function prefillReaders (store: Store): PrefillReaders {
  return {
    person: async id => await readCurrent(store, 'person', id),
    household: async id => await readCurrent(store, 'household', id),
    cardsOf: async id => await linkedRecords(store, 'health-insurance-card', id),
    parcelsOf: async id => await linkedRecords(store, 'land-parcel', id),
    businessesOf: async id => await linkedRecords(store, 'business-household', id),
    lastSyncOf: async id => lastSyncOf(await store.get('connectors', statusId(id)) as StatusDoc | undefined)
  }
}

export function prefillRoutes (store: Store, templates: Map<string, ProcedureTemplate>) {
  const readers = prefillReaders(store)

  return async function (app: FastifyInstance): Promise<void> {
    app.addSchema(procedureTemplateSchema)
    app.addSchema(prefillResponse)

    app.get('/v1/procedures', {
      schema: {
        tags: ['prefill'],
        summary: 'One-stop procedures the hub can prefill, with their subjects and form fields',
        response: {
          200: {
            type: 'object',
            required: ['data'],
            properties: { data: { type: 'array', items: { $ref: 'ProcedureTemplate#' } } }
          }
        }
      }
    }, async () => ({ data: [...templates.values()] }))

    // attachValidation: a body whose only fault is its subject roles is answered with the rule's
    // own code (LT_ERR_PREFILL_SUBJECT); every other validation error as usual.
    app.post<{ Body: PrefillBody }>('/v1/prefill', {
      attachValidation: true,
      schema: {
        tags: ['prefill'],
        summary: 'Fill a procedure\'s form from the golden records of its subjects',
        description: 'X-Purpose must be the procedure code (else 400 LT_ERR_PURPOSE_MISMATCH). The subjects each ' +
          'procedure takes are in the body schema (GET /v1/procedures lists them); a role it does not have or a ' +
            'missing required one is 400 LT_ERR_PREFILL_SUBJECT. Each filled field carries its source and source ' +
              'time, and flags where sources conflict or the value is older than the procedure allows; `toAsk` ' +
                'lists what the clerk must still ask.',
        headers: purposeHeaders,
        body: prefillBodySchema(templates),
        response: { 200: { $ref: 'PrefillResponse#' }, 404: { $ref: 'Problem#' }, ...personalDataResponses }
      }
    }, async (request, reply) => {
      const invalid = request.validationError
      if (invalid != null) {
        throw (invalid.validationContext === 'body'
          ? subjectProblem(invalid.validation, request.body, templates)
          : undefined) ?? invalid
      }
      // Purpose and grant first: a client without a grant learns nothing, not even which procedures exist.
      await request.access.grantedFields('person')
      const { procedureCode, personalId, subjects: others = {} } = request.body
      const template = templates.get(procedureCode)
      if (template === undefined) {
        throw new ApiProblem(404, 'LT_ERR_PROCEDURE_NOT_FOUND', 'No such procedure',
          `The hub has no template for procedure ${procedureCode}; see GET /v1/procedures.`)
      }
      if (request.access.purpose !== procedureCode) {
        throw new ApiProblem(400, 'LT_ERR_PURPOSE_MISMATCH', 'The purpose must be the procedure',
          `A prefill for ${procedureCode} is processing for that procedure: send X-Purpose: ${procedureCode}.`, [{
          path: 'headers/x-purpose',
          message: `must be ${procedureCode}`
        }])
      }
      // The body schema admits only this procedure's other roles, the required ones present.
      const subjects: Record<string, string> = { [template.subjects[0].role]: personalId, ...others }
      // Without a grant on the person the read was refused above (403); a missing grant on linked
      // records (card, parcels, …) only turns those fields into questions.
      const result = await prefill(template, subjects, readers, request.access.fieldsIfGranted, new Date())
      // Every read that returned data is audited before the answer leaves (issue 7); a prefill that
      // found nothing is still a processing attempt and is logged with no subjects.
      const { reads, ...body } = result
      const attempt = { entity: 'person' as const, subjects: [], fields: [] }
      return await release(request, reply, { read: reads.length > 0 ? reads : [attempt], body })
    })
  }
}
