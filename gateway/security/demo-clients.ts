// Demo API clients for the embedded hub, so a newcomer can follow the README's journeys at once: a
// department, a one-stop system (every procedure), an integrator (the connector registry, no personal
// data) and an operator (clients, grants, the access log and conflicts). Their
// keys go to a file in the data folder (git-ignored, mode 0600). Idempotent across restarts: a key
// still valid in the file is kept; otherwise a new one is issued and the client's old keys revoked.
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Store } from '../../infra/ports/store.js'
import { createClient, getKey, issueKey, listKeys, revokeKey, type ClientKind } from './clients.js'
import { grantableEntities, type EntityName } from './entities.js'
import { loadProcedureTemplates } from '../prefill/procedure-template.js'
import { putGrant } from './grants.js'
import { parseKey, verifySecret } from './keys.js'

interface DemoClient {
  id: string
  name: string
  kind: ClientKind
  grants: Array<{ purpose: string, entity: EntityName, fields: string[] }>
}
type Grant = DemoClient['grants'][number]

const identity = ['personalId', 'fullName', 'birthDate', 'sex']
const allFields = (entity: EntityName): string[] => [...grantableEntities[entity].fields]

/** The purpose the demo operator states when it looks at conflicts between sources (data stewardship). */
export const STEWARDSHIP_PURPOSE = 'data-stewardship'
// Not 'civil-servant': stewardship does not cover the most sensitive source, whose conflicts only home
// affairs may see (docs/sources/civil-servant.md); no demo client is granted it.
const conflictEntities: EntityName[] = ['person', 'household', 'land-parcel', 'land-use-certificate',
  'health-insurance-card', 'business-household',
  'driver-licence', 'unemployment-benefit', 'student-enrolment', 'notarization',
  'construction-permit', 'social-beneficiary', 'urban-infrastructure']

/** One grant per (procedure, entity) with exactly the fields the procedure's template prefills. */
function procedureGrants (): Grant[] {
  const out = new Map<string, Grant>()
  for (const template of loadProcedureTemplates().values()) {
    for (const field of template.fields) {
      if (field.path === undefined) continue
      // `land-parcel[].area` -> land-parcel, area (the split prefill.ts makes).
      const [prefix, name] = field.path.split(/\.(?=[a-zA-Z][a-zA-Z0-9]*$)/)
      const entity = prefix.replace(/\[\]$/, '') as EntityName
      const grant = out.get(`${template.code} ${entity}`) ?? { purpose: template.code, entity, fields: [] }
      if (!grant.fields.includes(name)) grant.fields.push(name)
      out.set(`${template.code} ${entity}`, grant)
    }
  }
  return [...out.values()]
}

/** The demo clients, fitted to the README's journeys. Built when asked (the templates are files). */
export function demoClients (): DemoClient[] {
  return [
    {
      id: 'demo-tu-phap',
      name: 'Sở Tư pháp: civil-status system (demo)',
      kind: 'department',
      grants: [
        // 1.000894 marriage registration: both spouses' identity, nationality, residence, marital status,
        // and what a clerk checks beside them: the household, land parcels and health-insurance cards.
        {
          purpose: '1.000894',
          entity: 'person',
          fields: [...identity, 'legacyCmnd', 'ethnicityCode', 'nationality', 'maritalStatus', 'permanentAddress',
            'householdId', 'relationToHead']
        },
        ...(['household', 'land-parcel', 'health-insurance-card'] as const)
          .map(entity => ({ purpose: '1.000894', entity, fields: allFields(entity) }))
      ]
    },
    {
      id: 'demo-mot-cua',
      name: 'Bộ phận một cửa phường Ninh Kiều: one-stop software (demo)',
      kind: 'one-stop',
      // Every procedure in gateway/prefill/procedures/, each with the fields its form prefills.
      grants: procedureGrants()
    },
    // Registers, dry-runs, pauses and resumes connectors; reads no personal data.
    { id: 'demo-integrator', name: 'Integrator registering connectors (demo)', kind: 'integrator', grants: [] },
    {
      id: 'demo-operator',
      name: 'Hub operator (demo)',
      kind: 'operator',
      grants: [
        // Decree 13/2023 art. 9: a data subject's right to know who processed their data.
        {
          purpose: 'ND13-2023-D9',
          entity: 'access-log',
          fields: ['seq', 'at', 'clientId', 'purpose', 'entity', 'fields', 'requestId']
        },
        // Data stewardship: GET /v1/conflicts on every entity, with X-Purpose: data-stewardship.
        ...conflictEntities.map(entity => ({ purpose: STEWARDSHIP_PURPOSE, entity, fields: allFields(entity) })),
        // The console's one-stop demo page shows what each procedure's prefill returns.
        ...procedureGrants()
      ]
    }
  ]
}

export interface DemoKey { id: string, name: string, kind: ClientKind, key: string, purposes: string[] }

export async function ensureDemoClients (store: Store, file: string): Promise<DemoKey[]> {
  const previous = await readKeysFile(file)
  const out: DemoKey[] = []
  for (const demo of demoClients()) {
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
    out.push({
      id: demo.id,
      name: demo.name,
      kind: demo.kind,
      key,
      purposes: demo.grants.map(g => `${g.purpose} (${g.entity})`)
    })
  }
  await mkdir(dirname(file), { recursive: true })
  const note = 'Demo API keys of the embedded hub. Send as Authorization: Bearer <key>, ' +
    'with X-Purpose on personal-data reads. Never use in production.'
  await writeFile(file, JSON.stringify({ note, clients: out }, null, 2) + '\n', { mode: 0o600 })
  return out
}

async function stillValid (store: Store, clientId: string, key: string): Promise<boolean> {
  const parsed = parseKey(key)
  if (parsed === undefined) return false
  const stored = await getKey(store, parsed.keyId)
  return stored !== undefined && stored.clientId === clientId && stored.revokedAt === null &&
    await verifySecret(parsed.secret, stored.hash)
}

async function readKeysFile (file: string): Promise<Map<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { clients?: Array<{ id?: unknown, key?: unknown }> }
    return new Map((parsed.clients ?? [])
      .filter(c => typeof c.id === 'string' && typeof c.key === 'string')
      .map(c => [c.id as string, c.key as string]))
  } catch {
    return new Map() // missing or unreadable: issue fresh keys
  }
}
