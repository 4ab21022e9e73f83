// The benchmark's store: an embedded SQLite file or a MongoDB (FerretDB) database, both under
// names of their own, never the hub's.
import type { Store } from '../../infra/ports/store.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { openMongoStore } from '../../infra/store/mongodb.js'

export type StoreLocation = { engine: 'embedded', file: string } | { engine: 'mongo', uri: string, database: string }

export async function openBenchStore (location: StoreLocation): Promise<Store> {
  return location.engine === 'embedded'
    ? openEmbeddedStore({ file: location.file })
    : await openMongoStore({ uri: location.uri, database: location.database, timeoutMs: 60000 })
}
