// The two API clients the benchmark calls as: a department reading citizens and a one-stop
// system prefilling the combined child procedure, each granted every top-level field it reads.
// Made through the same functions the admin API uses; a fresh key per run (keys are shown once).
import type { Store } from '../../infra/ports/store.js'
import { createClient, issueKey } from '../../gateway/security/clients.js'
import { putGrant } from '../../gateway/security/grants.js'
import { grantableEntities, type EntityName } from '../../gateway/security/entities.js'

export const LOOKUP_PURPOSE = '1.004222'
export const PREFILL_PROCEDURE = '2.000986'

const topLevel = (entity: EntityName): string[] => grantableEntities[entity].fields.filter(f => !f.includes('.'))

export interface BenchKeys { department: string, oneStop: string }

export async function ensureBenchClients (store: Store): Promise<BenchKeys> {
  await createClient(store, { id: 'bench-department', name: 'Benchmark: departmental reader', kind: 'department' })
  await putGrant(store,
    { clientId: 'bench-department', purpose: LOOKUP_PURPOSE, entity: 'person', fields: topLevel('person') })
  await createClient(store, { id: 'bench-one-stop', name: 'Benchmark: one-stop prefill', kind: 'one-stop' })
  for (const entity of ['person', 'household', 'health-insurance-card', 'land-parcel'] as const) {
    await putGrant(store, { clientId: 'bench-one-stop', purpose: PREFILL_PROCEDURE, entity, fields: topLevel(entity) })
  }
  return { department: (await issueKey(store, 'bench-department')).key,
    oneStop: (await issueKey(store, 'bench-one-stop')).key }
}
