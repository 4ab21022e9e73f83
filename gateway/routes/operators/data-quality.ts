// Counts operators watch to judge the data, never the records themselves: how many golden person
// records carry a personal id whose century/sex digit or year digits contradict the merged birth
// date or sex (LT_WARN_ID_*; the records show it in meta.warnings to readers granted both fields).
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../../infra/ports/store.js'
import { countIdMismatches } from '../../../records/data-quality.js'
import { requireOperator } from '../../plugins/access-control.js'

export function dataQualityRoutes (store: Store) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/v1/data-quality', {
      onRequest: requireOperator,
      schema: {
        tags: ['data-quality'],
        summary: 'Counts of records whose merged data contradicts itself (operators only)',
        response: {
          200: {
            type: 'object',
            required: ['personalIdMismatches'],
            properties: {
              personalIdMismatches: {
                type: 'integer',
                description: 'Live persons whose 12-digit id\'s century/sex or year digits contradict their ' +
                  'birth date ' +
                  'or sex (meta.warnings on the record).'
              }
            }
          }
        }
      }
    }, async () => ({ personalIdMismatches: await countIdMismatches(store) }))
  }
}
