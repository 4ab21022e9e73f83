// Reads a citizen through the hub's API as a department would: its own client, a key and a grant of
// every person field for one purpose. The bench's changes are timed until a read shows them.
import type { Store } from '../../infra/ports/store.js'
import { readCurrent } from '../../records/reader.js'
import { createClient, issueKey } from '../../gateway/security/clients.js'
import { putGrant } from '../../gateway/security/grants.js'
import { grantableEntities } from '../../gateway/security/entities.js'

const CLIENT = 'bench-ingest'
const PURPOSE = 'bench.ingest.freshness'

export interface CitizenReader {
  /** The newest source time among the citizen's sources as the API tells it; undefined before the record exists. */
  newestSourceTime: (personalId: string) => Promise<number | undefined>
  /**
   * The same, read from the store with the API's own record reader: cheap (no HTTP, no audit entry),
   * so a probe can wait on it often and then confirm once through the API.
   */
  newestInStore: (personalId: string) => Promise<number | undefined>
}

const newest = (sources: Record<string, { sourceTime?: string }> | undefined): number | undefined => {
  const times = Object.values(sources ?? {}).map(s => Date.parse(s.sourceTime ?? ''))
  return times.length === 0 ? undefined : Math.max(...times)
}

export async function citizenReader (store: Store, gatewayUrl: string): Promise<CitizenReader> {
  await createClient(store, { id: CLIENT, name: 'bench:ingest', kind: 'department' })
  const { key } = await issueKey(store, CLIENT)
  await putGrant(store,
    { clientId: CLIENT, purpose: PURPOSE, entity: 'person', fields: [...grantableEntities.person.fields] })
  const headers = { authorization: `Bearer ${key}`, 'x-purpose': PURPOSE }
  return {
    async newestSourceTime (personalId) {
      const res = await fetch(`${gatewayUrl}/v1/citizens/${personalId}`, { headers })
      if (res.status === 404) { await res.arrayBuffer(); return undefined }
      if (res.status !== 200) throw new Error(`GET /v1/citizens/…: ${res.status} ${(await res.text()).slice(0, 200)}`)
      const body = await res.json() as { meta?: { sources?: Record<string, { sourceTime?: string }> } }
      return newest(body.meta?.sources)
    },
    async newestInStore (personalId) {
      return newest((await readCurrent(store, 'person', personalId))?.sources)
    }
  }
}
