// The notifier's access port (consumers/notifier/access-port.ts) made of the gateway's own grant
// checker, audit writer and projection: a delivery is limited and audited exactly as a read is.
import type { Store } from '../infra/ports/store.js'
import type { NotifierAccess } from '../consumers/notifier/access-port.js'
import { createGrantChecker } from '../gateway/security/grant-checker.js'
import { createAuditWriter } from '../gateway/security/audit-writer.js'
import { projectFields } from '../gateway/security/projection.js'
import type { EntityName } from '../gateway/security/entities.js'

export function notifierAccess (
  store: Store, { grantCacheTtlMs = 1000, auditBatchMax = 256, auditTimeoutMs = 5000 } = {}
): NotifierAccess {
  const grants = createGrantChecker({ store, ttlMs: grantCacheTtlMs })
  const audit = createAuditWriter({ store, batchMax: auditBatchMax, timeoutMs: auditTimeoutMs })
  return {
    fieldsFor: async (clientId, purpose, entity) => await grants.fieldsFor(clientId, purpose, entity as EntityName),
    audit: async disclosure => await audit.append(disclosure),
    project: projectFields,
    close: async () => await audit.close()
  }
}
