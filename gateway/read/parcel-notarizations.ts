// The notarized transactions shown on a land parcel's read (issue 19: a notarized land-use-right
// transfer shows on the parcel until land registration records the new holder). Released only to a
// client granted `notarization` for the stated purpose, projected to that grant, with its own audit
// entry naming the parties; a client without the grant gets the parcel alone, as before. Wills stay
// sealed (records/sealed-wills.ts). Current reads only: a parcel read `asOf` a past time shows none.
import type { FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { RecordView } from '../../records/golden-record.js'
import { notarizationsOnParcel } from '../../records/parcel-notarizations.js'
import { releasableNotarizations } from '../../records/sealed-wills.js'
import { projectFields } from '../security/projection.js'
import type { OpaqueRefs } from '../security/opaque-refs.js'
import type { IncludeOptions } from './include.js'
import { recordBody, recordSchema } from './record-body.js'
import { subjectsOf, type RelatedRecords } from './read-record.js'

/** The `notarizations` member of a parcel's answer, for its response schema. */
export const parcelNotarizationsSchema = {
  type: 'array',
  description: 'Notarized transactions on the parcel (by parcel id, or by the serial of a certificate covering it), ' +
    'in id order, with the fields the client\'s `notarization` grant allows; present only with such a grant and ' +
    'without asOf.',
  items: (({ examples: _e, ...item }) => item)(
    recordSchema('notarization', 'Notarization fields (canonical Notarization, partial).') as { examples?: unknown })
} as const

export async function parcelNotarizations (
  store: Store, request: FastifyRequest, parcel: RecordView,
  { asOf, include, refs }: { asOf?: string, include: IncludeOptions, refs: OpaqueRefs }
): Promise<RelatedRecords | undefined> {
  if (asOf !== undefined) return undefined
  const granted = await request.access.fieldsIfGranted('notarization')
  if (granted.length === 0) return undefined
  const views = await releasableNotarizations(store, await notarizationsOnParcel(store, parcel.entityId))
  const now = new Date()
  const out = views.map(view => {
    const { data, returned } = projectFields(view.fields, granted)
    return { body: recordBody(view, now, { data, returned, include, refs }), returned }
  })
  return {
    members: { notarizations: out.map(o => o.body) },
    tag: { notarizations: views.map(v => [v.entityId, v.version]), fields: granted },
    reads: views.length === 0 ? [] : [{
      entity: 'notarization',
      subjects: [...new Set(views.flatMap(subjectsOf))].sort(),
      fields: [...new Set(out.flatMap(o => o.returned))].sort()
    }]
  }
}
