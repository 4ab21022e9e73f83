// Opaque references (Law 91/2025 minimisation): read responses must not carry identifiers the grant
// does not cover. Event ids embed source keys (a BHYT number, a parcel id, a register number) and
// record ids are themselves identifiers, so responses carry keyed HMAC references instead, and
// page cursors are sealed with AES-GCM. Both keys derive from one hub secret, generated once and
// kept in the store, so every gateway process answers with the same refs and opens the same cursors.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import type { Store, StoredDoc } from '../../infra/ports/store.js'

// Kept with the clients and keys: access-control material, listed by no client route (they filter by type).
const COLLECTION = 'api_clients'
const SECRET_ID = 'hub-secret:v1'
interface SecretDoc extends StoredDoc { type: 'hub-secret', secret: string, createdAt: string }

/** Characters of a ref's HMAC (base64url): 132 bits, no collision in any real register. */
const REF_CHARS = 22
const IV_BYTES = 12
const TAG_BYTES = 16

export interface OpaqueRefs {
  /** `ev_<base64url>`: the same event always gets the same ref, and nothing of its id shows. */
  eventRef: (eventId: string) => string
  /** `rec_<base64url>`: stands for a record id the grant does not cover. */
  recordRef: (entity: string, id: string) => string
  /** The text sealed for one scope (e.g. a route and its subject); opens only in that scope. */
  seal: (scope: string, text: string) => string
  /** The sealed text, or undefined when it was not sealed by this hub for this scope. */
  open: (scope: string, sealed: string) => string | undefined
}

const subKey = (secret: Buffer, use: string): Buffer => createHmac('sha256', secret).update(use).digest()

/**
 * Refs remembered per text: every read sends one per source (and per field with provenance), and a
 * popular record asks for the same ones again and again; an HMAC costs more than the rest of its
 * meta. Bounded: emptied when full (a miss costs only the HMAC it saved). The refs are what the
 * HMAC gives, so remembering them changes no answer.
 */
const MAX_REMEMBERED_REFS = 50_000

export function opaqueRefs (secret: Buffer): OpaqueRefs {
  const refKey = subKey(secret, 'lt-ref-v1')
  const sealKey = subKey(secret, 'lt-seal-v1')
  const remembered = new Map<string, string>()
  const mac = (text: string): string => {
    let ref = remembered.get(text)
    if (ref === undefined) {
      ref = createHmac('sha256', refKey).update(text).digest('base64url').slice(0, REF_CHARS)
      if (remembered.size >= MAX_REMEMBERED_REFS) remembered.clear()
      remembered.set(text, ref)
    }
    return ref
  }
  return {
    eventRef: eventId => `ev_${mac(`event\u0000${eventId}`)}`,
    recordRef: (entity, id) => `rec_${mac(`record\u0000${entity}\u0000${id}`)}`,
    seal (scope, text) {
      // Deterministic IV (synthetic, from the scope and text): one page always gets the same cursor,
      // so its ETag stays stable; equal cursors reveal only that they point at the same place.
      const iv = createHmac('sha256', sealKey).update(`${scope}\u0000${text}`).digest().subarray(0, IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv).setAAD(Buffer.from(scope, 'utf8'))
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
    },
    open (scope, sealed) {
      const raw = Buffer.from(sealed, 'base64url')
      if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString('base64url') !== sealed) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, IV_BYTES))
          .setAAD(Buffer.from(scope, 'utf8'))
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
      } catch {
        return undefined
      }
    }
  }
}

/** The hub secret: read from the store, or generated and stored on first use (a racing writer's wins). */
export async function loadHubSecret (store: Store): Promise<Buffer> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await store.get(COLLECTION, SECRET_ID) as SecretDoc | undefined
    if (found?.type === 'hub-secret') return Buffer.from(found.secret, 'base64')
    const doc: SecretDoc = {
      _id: SECRET_ID,
      version: 1,
      type: 'hub-secret',
      secret: randomBytes(32).toString('base64'),
      createdAt: new Date().toISOString()
    }
    const { applied } = await store.bulkUpsert(COLLECTION, [{ doc, expectedVersion: null }])
    if (applied.length === 1) return Buffer.from(doc.secret, 'base64')
  }
  throw new Error('the hub secret could not be read or created')
}

const byStore = new WeakMap<Store, Promise<OpaqueRefs>>()

/** The refs of the hub whose store this is, the secret loaded once per store (and retried after a failure). */
export async function refsFor (store: Store): Promise<OpaqueRefs> {
  let refs = byStore.get(store)
  if (refs === undefined) {
    refs = loadHubSecret(store).then(opaqueRefs)
    byStore.set(store, refs)
    refs.catch(() => byStore.delete(store))
  }
  return await refs
}
