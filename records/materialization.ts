// Whether the golden records are behind their history (issue 14): while the merger catches up it
// may hold records back and write each once later. It says so durably before it holds any back,
// and clears it once every record is written, so a reader can tell the view is behind and a merger
// that restarts knows which history to materialize again. Kept as a cursor: one small document.
import type { Store } from '../infra/ports/store.js'

const WHERE = { owner: 'lienthong.merger', stream: 'materialization' }

interface Marker { behindSince: string | null }

/** Since when (the write time of the first history held back) the records may be behind; undefined when not. */
export async function materializationBehindSince (store: Store): Promise<string | undefined> {
  const marker = await store.getCursor(WHERE.owner, WHERE.stream) as Marker | undefined
  return typeof marker?.behindSince === 'string' ? marker.behindSince : undefined
}

export async function markMaterializationBehind (store: Store, since: string): Promise<void> {
  await store.saveCursor(WHERE.owner, WHERE.stream, { behindSince: since } satisfies Marker)
}

export async function markMaterializationCaughtUp (store: Store): Promise<void> {
  await store.saveCursor(WHERE.owner, WHERE.stream, { behindSince: null } satisfies Marker)
}
