// A page of live infrastructure features matching a bounding box and optional ward, network and asset
// type, in `_id` order. The store port finds by equality only (what FerretDB pushes down), so the
// equality filters narrow the scan in the store (links.ward, links.network, links.assetType, indexed
// on first use) and the box is tested in code against the envelope each feature stores (its RFC 7946
// `bbox`, computed by the mapping), never against the geometry. The scan is bounded: a page examines
// at most `budget` records; when the box is sparse and the budget runs out first, the page is short
// (even empty) and its cursor resumes after the last record examined, so no request reads the whole
// layer. What that means for scale: docs/sources/urban-infrastructure.md.
import type { FieldValue, Store } from '../infra/ports/store.js'
import { bboxesIntersect, bboxOf, isBbox, type Bbox } from '../schemas/geo/bbox.js'
import { goldenCollection, type RecordView } from './golden-record.js'
import { INFRASTRUCTURE_LINK } from './infrastructure-links.js'
import { viewOf } from './reader.js'

export interface InfrastructureFilter { bbox?: Bbox, wardCode?: string, network?: string, assetType?: string }

/** Records examined per store call, and per page at most. */
export const INFRASTRUCTURE_SCAN_BATCH = 500
export const INFRASTRUCTURE_SCAN_BUDGET = 5000

export interface InfrastructurePage {
  views: RecordView[]
  /** The `_id` to resume after; undefined when the layer holds nothing further for this filter. */
  next?: string
}

/** The feature's envelope: the stored bbox, or (records written without one) its geometry's. */
export function envelopeOf (fields: Record<string, unknown>): Bbox | undefined {
  if (isBbox(fields.bbox)) return fields.bbox
  const geometry = fields.geometry as { coordinates?: unknown } | undefined
  return bboxOf(geometry?.coordinates)
}

export async function infrastructurePage (store: Store, filter: InfrastructureFilter, limit: number, afterId?: string,
  budget = INFRASTRUCTURE_SCAN_BUDGET): Promise<InfrastructurePage> {
  // The most selective equality first: the embedded store scans by the first field's index.
  const where: Record<string, FieldValue> = {
    ...(filter.wardCode !== undefined ? { [INFRASTRUCTURE_LINK.ward]: filter.wardCode } : {}),
    ...(filter.assetType !== undefined ? { [INFRASTRUCTURE_LINK.assetType]: filter.assetType } : {}),
    ...(filter.network !== undefined ? { [INFRASTRUCTURE_LINK.network]: filter.network } : {}),
    deleted: false
  }
  const found: RecordView[] = []
  let after = afterId
  let examined = 0
  while (examined < budget) {
    const asked = Math.min(INFRASTRUCTURE_SCAN_BATCH, budget - examined)
    const batch = await store.find(goldenCollection['urban-infrastructure'], {
      where,
      orderBy: { field: '_id' },
      limit: asked,
      ...(after !== undefined ? { after: { value: after, id: after } } : {})
    })
    for (const doc of batch) {
      examined++
      after = doc._id
      const view = viewOf(doc)
      if (view === undefined || view.deleted) continue
      const envelope = envelopeOf(view.fields)
      if (filter.bbox !== undefined && (envelope === undefined || !bboxesIntersect(envelope, filter.bbox))) continue
      found.push(view)
      // One beyond the page says whether another page exists; the cursor is the page's last id.
      if (found.length > limit) return { views: found.slice(0, limit), next: found[limit - 1]?.entityId }
    }
    if (batch.length < asked) return { views: found }
  }
  // Budget spent with the layer not exhausted: a short page, resumed after the last record examined.
  return { views: found, next: after }
}
