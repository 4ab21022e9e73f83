// Counts operators watch to judge the data, never the records themselves: how many golden person
// records carry a personal id whose century/sex digit or year digits contradict the merged birth
// date or sex (LT_WARN_ID_*; the records show it in meta.warnings to readers granted both fields).
import type { FastifyInstance } from 'fastify'
import { MAX_FIND_LIMIT, type Store } from '../../infra/ports/store.js'
import { ID_MISMATCH_LINK } from '../../records/record-warnings.js'
import { requireOperator } from '../plugins/access-control.js'

/** Live person records with an id warning, counted page by page on their equality key. */
export async function countIdMismatches (store: Store): Promise<number> {
  let count = 0
  let after: string | undefined
  for (;;) {
    const page = await store.find('persons', {
      where: { [`links.${ID_MISMATCH_LINK}`]: true },
      orderBy: { field: '_id' },
      ...(after !== undefined ? { after: { value: after, id: after } } : {}),
      limit: MAX_FIND_LIMIT
    })
    count += page.filter(d => d.deleted !== true).length
    if (page.length < MAX_FIND_LIMIT) return count
    after = page[page.length - 1]._id
  }
}

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
              personalIdMismatches: { type: 'integer', description: 'Live persons whose 12-digit id\'s century/sex or year digits contradict their birth date or sex (meta.warnings on the record).' }
            }
          }
        }
      }
    }, async () => ({ personalIdMismatches: await countIdMismatches(store) }))
  }
}
