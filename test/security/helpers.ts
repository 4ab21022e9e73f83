// Shared set-up of the security tests: a gateway over a real embedded (SQLite) store, log lines
// captured in memory, citizens written as golden records, clients with keys and grants made
// through the same repositories the admin API uses.
import type { Test } from 'tap'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildGateway } from '../../gateway/app.js'
import type { SecuritySettings } from '../../gateway/plugins/access-control.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { createLogger } from '../../infra/logging/logger.js'
import type { Store } from '../../infra/ports/store.js'
import { canonicalEvent, harness } from '../unit/merger/fixtures.js'
import type { Person } from '../../schemas/person.js'
import { createClient, issueKey, type ClientKind } from '../../gateway/security/clients.js'
import { putGrant } from '../../gateway/security/grants.js'
import type { EntityName } from '../../gateway/security/entities.js'

export const OPERATOR_KEY = 'test-operator-key-0123456789-abcdefghijklmnop'

export interface TestGateway { app: FastifyInstance, store: Store, logs: () => string }

export function openTestStore (t: Test, file = join(t.testdir({}), 'store.sqlite')): Store {
  const store = openEmbeddedStore({ file })
  t.teardown(async () => { await store.close() })
  return store
}

export async function openGateway (t: Test, { store = openTestStore(t), security = {} }: { store?: Store,
  security?: Partial<SecuritySettings> } = {}): Promise<TestGateway> {
  let captured = ''
  const sink = new Writable({ write (chunk, _enc, done) { captured += String(chunk); done() } })
  const app = await buildGateway({
    store,
    logger: createLogger('trace', sink),
    readiness: [],
    security: { operatorKey: OPERATOR_KEY, keyCacheTtlMs: 60000, grantCacheTtlMs: 0, ...security }
  })
  // Closed before the store (teardowns run last-in first-out).
  t.teardown(async () => { await app.close() })
  return { app, store, logs: () => captured }
}

export function person (personalId: string, extra: Partial<Person> = {}): Person {
  return {
    personalId,
    fullName: 'Trần Thị Mai',
    familyName: 'Trần',
    middleName: 'Thị',
    givenName: 'Mai',
    birthDate: '1990-09-02',
    sex: 'female',
    ethnicityCode: '01',
    nationality: 'VN',
    maritalStatus: 'married',
    phone: '0912345678',
    email: 'mai.tran@example.com',
    permanentAddress: { line: '12 Đường 30/4', wardCode: '31117' },
    householdId: 'HK-0001',
    ...extra
  }
}

/** A citizen's golden record, merged by the real merger from a civil-status event (and a delete). */
export async function seedPerson (store: Store, p: Person, deleted = false): Promise<void> {
  const { apply, dead } = harness(undefined, store)
  await apply([
    canonicalEvent({ entityId: p.personalId, system: 'ho-tich', at: 1, fields: { ...p } }),
    ...(deleted ? [canonicalEvent({ entityId: p.personalId, system: 'ho-tich', at: 2, op: 'delete' })] : [])
  ])
  if (dead.length > 0) throw new Error(`seed rejected: ${dead.map(d => d.reason).join('; ')}`)
}

export interface TestClient { id: string, kind: ClientKind, key: string, keyId: string }

export async function makeClient (store: Store, id: string, kind: ClientKind,
  grants: Array<{ purpose: string, entity: EntityName, fields: string[] }> = []): Promise<TestClient> {
  await createClient(store, { id, name: `${id} (test)`, kind })
  const { key, info } = await issueKey(store, id)
  for (const g of grants) await putGrant(store, { clientId: id, ...g })
  return { id, kind, key, keyId: info.keyId }
}

export const bearer = (key: string): { authorization: string } => ({ authorization: `Bearer ${key}` })
