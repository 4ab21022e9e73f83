// API clients and their keys, in the 'api_clients' collection. A client is `client:<id>`; each key
// is its own document `key:<keyId>`, so authentication finds a key with one get by id (no scan)
// and revoking one key is one versioned write. Clients are disabled, never deleted: the audit log
// keeps naming them.
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import { generateKey, hashSecret } from './keys.js'
import type { ApiClient, ClientKind, KeyInfo } from './client-schemas.js'

// The response shapes and the patterns they check live with their schemas.
export { clientIdPattern, clientKinds, type ApiClient, type ClientKind, type KeyInfo } from './client-schemas.js'

interface ClientDoc extends StoredDoc {
  type: 'client', clientId: string, name: string, kind: ClientKind, disabled: boolean, createdAt: string
}
export interface KeyDoc extends StoredDoc {
  type: 'key', clientId: string, keyId: string, hash: string, createdAt: string, revokedAt: string | null
}

const COLLECTION = 'api_clients'
const clientDocId = (id: string): string => `client:${id}`
const keyDocId = (keyId: string): string => `key:${keyId}`
const toClient = (d: ClientDoc): ApiClient =>
  ({ id: d.clientId, name: d.name, kind: d.kind, disabled: d.disabled, createdAt: d.createdAt })
export const toKeyInfo = (d: KeyDoc): KeyInfo =>
  ({ keyId: d.keyId, clientId: d.clientId, createdAt: d.createdAt, revokedAt: d.revokedAt })

/** Creates the client, or returns undefined when the id is taken. */
export async function createClient (
  store: Store, { id, name, kind }: { id: string, name: string, kind: ClientKind }, now = new Date()
): Promise<ApiClient | undefined> {
  const doc: ClientDoc = {
    _id: clientDocId(id), version: 1, type: 'client', clientId: id, name, kind, disabled: false,
    createdAt: now.toISOString()
  }
  const { applied } = await store.bulkUpsert(COLLECTION, [{ doc, expectedVersion: null }])
  return applied.length === 1 ? toClient(doc) : undefined
}

export async function getClient (store: Store, id: string): Promise<ApiClient | undefined> {
  const doc = await store.get(COLLECTION, clientDocId(id)) as ClientDoc | undefined
  return doc?.type === 'client' ? toClient(doc) : undefined
}

export async function listClients (
  store: Store, { limit, after }: { limit: number, after?: string }
): Promise<ApiClient[]> {
  const docs = await store.find(COLLECTION, {
    where: { type: 'client' },
    orderBy: { field: '_id' },
    limit,
    ...(after !== undefined ? { after: { value: clientDocId(after), id: clientDocId(after) } } : {})
  }) as ClientDoc[]
  return docs.map(toClient)
}

/** Sets `disabled`; undefined when no such client. A concurrent change is retried on fresh data. */
export async function setClientDisabled (store: Store, id: string, disabled: boolean): Promise<ApiClient | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await store.get(COLLECTION, clientDocId(id)) as ClientDoc | undefined
    if (doc === undefined) return undefined
    const next: ClientDoc = { ...doc, disabled, version: doc.version + 1 }
    const { applied } = await store.bulkUpsert(COLLECTION, [{ doc: next, expectedVersion: doc.version }])
    if (applied.length === 1) return toClient(next)
  }
  throw new Error(`client ${id} kept changing under a concurrent writer`)
}

/** Issues a new key; the plain key is returned once and never stored. */
export async function issueKey (
  store: Store, clientId: string, now = new Date()
): Promise<{ key: string, info: KeyInfo }> {
  const { key, keyId, secret } = generateKey()
  const doc: KeyDoc = {
    _id: keyDocId(keyId), version: 1, type: 'key', clientId, keyId, hash: await hashSecret(secret),
    createdAt: now.toISOString(), revokedAt: null
  }
  const { applied } = await store.bulkUpsert(COLLECTION, [{ doc, expectedVersion: null }])
  if (applied.length !== 1) throw new Error('key id collision') // 64 random bits: not expected in practice
  return { key, info: toKeyInfo(doc) }
}

export async function getKey (store: Store, keyId: string): Promise<KeyDoc | undefined> {
  const doc = await store.get(COLLECTION, keyDocId(keyId)) as KeyDoc | undefined
  return doc?.type === 'key' ? doc : undefined
}

export async function listKeys (store: Store, clientId: string): Promise<KeyInfo[]> {
  const docs = await store.find(COLLECTION, {
    where: { type: 'key', clientId }, orderBy: { field: 'createdAt' }, limit: 1000
  }) as KeyDoc[]
  return docs.map(toKeyInfo)
}

/** Revokes a key of this client; undefined when the client has no such key. Revoking twice keeps the first time. */
export async function revokeKey (
  store: Store, clientId: string, keyId: string, now = new Date()
): Promise<KeyInfo | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await getKey(store, keyId)
    if (doc === undefined || doc.clientId !== clientId) return undefined
    if (doc.revokedAt !== null) return toKeyInfo(doc)
    const next: KeyDoc = { ...doc, revokedAt: now.toISOString(), version: doc.version + 1 }
    const { applied } = await store.bulkUpsert(COLLECTION, [{ doc: next, expectedVersion: doc.version }])
    if (applied.length === 1) return toKeyInfo(next)
  }
  throw new Error(`key ${keyId} kept changing under a concurrent writer`)
}
