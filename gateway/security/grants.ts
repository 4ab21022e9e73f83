// Grants: client × purpose × entity → fields, in the 'grants' collection, one document per triple
// keyed by it, so the check on every request is one get by id. No document, no access.
import type { Store, StoredDoc } from '../../infra/ports/store.js'
import type { EntityName } from './entities.js'
import type { Grant } from './grant-schema.js'

/** A procedure code (`1.001193`, `1.001612.000.00.00.H19`) or a legal-basis code (`ND13-2023-D17`). */
export const purposePattern = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'
const purposeRegex = new RegExp(purposePattern)
export const isPurpose = (value: string): boolean => purposeRegex.test(value)

// The response shape lives with its schema.
export type { Grant } from './grant-schema.js'
interface GrantDoc extends StoredDoc, Grant {}

const COLLECTION = 'grants'
// '|' can appear in none of the three parts (see the patterns), so the id is unambiguous.
export const grantId = (clientId: string, purpose: string, entity: string): string => `${clientId}|${purpose}|${entity}`
const toGrant = ({ clientId, purpose, entity, fields, updatedAt }: GrantDoc): Grant =>
  ({ clientId, purpose, entity, fields, updatedAt })

export async function getGrant (
  store: Store, clientId: string, purpose: string, entity: EntityName
): Promise<Grant | undefined> {
  const doc = await store.get(COLLECTION, grantId(clientId, purpose, entity)) as GrantDoc | undefined
  return doc === undefined ? undefined : toGrant(doc)
}

/** Creates or replaces the grant's field list. */
export async function putGrant (store: Store, grant: Omit<Grant, 'updatedAt'>, now = new Date()): Promise<Grant> {
  const fields = [...new Set(grant.fields)].sort()
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get(COLLECTION, grantId(grant.clientId, grant.purpose, grant.entity))
    const doc: GrantDoc = {
      ...grant, fields, updatedAt: now.toISOString(),
      _id: grantId(grant.clientId, grant.purpose, grant.entity), version: (current?.version ?? 0) + 1
    }
    const { applied } = await store.bulkUpsert(COLLECTION, [{ doc, expectedVersion: current?.version ?? null }])
    if (applied.length === 1) return toGrant(doc)
  }
  throw new Error('grant kept changing under a concurrent writer')
}

/** True when a grant was removed. */
export async function deleteGrant (
  store: Store, clientId: string, purpose: string, entity: EntityName
): Promise<boolean> {
  return await store.deleteMany(COLLECTION, [grantId(clientId, purpose, entity)]) === 1
}

export async function listGrants (store: Store, clientId: string): Promise<Grant[]> {
  const docs = await store.find(COLLECTION, {
    where: { clientId }, orderBy: { field: '_id' }, limit: 1000
  }) as GrantDoc[]
  return docs.map(toGrant)
}
