// Demo API clients for the embedded hub, so a newcomer can call the API at once: a department, a
// one-stop system, an integrator (no personal-data grant: it shows the 403) and an operator. Their
// keys go to a file in the data folder (git-ignored, mode 0600). Idempotent across restarts: a key
// still valid in the file is kept; otherwise a new one is issued and the client's old keys revoked.
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Store } from '../../infra/ports/store.js'
import { createClient, getKey, issueKey, listKeys, revokeKey, type ClientKind } from './clients.js'
import type { EntityName } from './entities.js'
import { putGrant } from './grants.js'
import { parseKey, verifySecret } from './keys.js'

interface DemoClient {
  id: string
  name: string
  kind: ClientKind
  grants: Array<{ purpose: string, entity: EntityName, fields: string[] }>
}

const identity = ['personalId', 'fullName', 'birthDate', 'sex']

export const demoClients: DemoClient[] = [
  {
    id: 'demo-tu-phap',
    name: 'Sở Tư pháp: civil-status system (demo)',
    kind: 'department',
    grants: [
      // 1.000894 marriage registration: both spouses' identity, nationality, residence, marital status.
      { purpose: '1.000894', entity: 'person', fields: [...identity, 'legacyCmnd', 'ethnicityCode', 'nationality', 'maritalStatus', 'permanentAddress'] }
    ]
  },
  {
    id: 'demo-mot-cua',
    name: 'Bộ phận một cửa phường Ninh Kiều: one-stop software (demo)',
    kind: 'one-stop',
    grants: [
      // 1.001193 birth registration: the parents' name, birth, ethnicity, nationality and residence.
      { purpose: '1.001193', entity: 'person', fields: [...identity, 'ethnicityCode', 'nationality', 'permanentAddress'] },
      // 1.004222 permanent residence: form CT01 fields.
      { purpose: '1.004222', entity: 'person', fields: [...identity, 'phone', 'email', 'permanentAddress', 'householdId', 'relationToHead'] }
    ]
  },
  { id: 'demo-integrator', name: 'Integrator registering connectors (demo)', kind: 'integrator', grants: [] },
  {
    id: 'demo-operator',
    name: 'Hub operator (demo)',
    kind: 'operator',
    grants: [
      // Decree 13/2023 art. 9: a data subject's right to know who processed their data.
      { purpose: 'ND13-2023-D9', entity: 'access-log', fields: ['seq', 'at', 'clientId', 'purpose', 'entity', 'fields', 'requestId'] }
    ]
  }
]

export interface DemoKey { id: string, name: string, kind: ClientKind, key: string, purposes: string[] }

export async function ensureDemoClients (store: Store, file: string): Promise<DemoKey[]> {
  const previous = await readKeysFile(file)
  const out: DemoKey[] = []
  for (const demo of demoClients) {
    await createClient(store, demo) // undefined when it exists already: fine
    for (const g of demo.grants) await putGrant(store, { clientId: demo.id, ...g })
    let key = previous.get(demo.id)
    if (key === undefined || !await stillValid(store, demo.id, key)) {
      const issued = await issueKey(store, demo.id)
      for (const old of await listKeys(store, demo.id)) {
        if (old.keyId !== issued.info.keyId && old.revokedAt === null) await revokeKey(store, demo.id, old.keyId)
      }
      key = issued.key
    }
    out.push({ id: demo.id, name: demo.name, kind: demo.kind, key, purposes: demo.grants.map(g => `${g.purpose} (${g.entity})`) })
  }
  await mkdir(dirname(file), { recursive: true })
  const note = 'Demo API keys of the embedded hub. Send as Authorization: Bearer <key>, with X-Purpose on personal-data reads. Never use in production.'
  await writeFile(file, JSON.stringify({ note, clients: out }, null, 2) + '\n', { mode: 0o600 })
  return out
}

async function stillValid (store: Store, clientId: string, key: string): Promise<boolean> {
  const parsed = parseKey(key)
  if (parsed === undefined) return false
  const stored = await getKey(store, parsed.keyId)
  return stored !== undefined && stored.clientId === clientId && stored.revokedAt === null && await verifySecret(parsed.secret, stored.hash)
}

async function readKeysFile (file: string): Promise<Map<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { clients?: Array<{ id?: unknown, key?: unknown }> }
    return new Map((parsed.clients ?? []).filter(c => typeof c.id === 'string' && typeof c.key === 'string').map(c => [c.id as string, c.key as string]))
  } catch {
    return new Map() // missing or unreadable: issue fresh keys
  }
}
