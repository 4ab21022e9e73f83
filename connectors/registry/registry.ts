// The connector registry: built-in connectors (configured by the operator) and registered ones
// (added through the API, persisted in the store). The gateway edits registrations and desired
// state; the connectors role reads them and reports status back here. Everything goes through the
// store, so the API and the runners may live in different processes.
import type { Store, StoredDoc, VersionedWrite } from '../../infra/ports/store.js'
import { MAX_FIND_LIMIT } from '../../infra/ports/store.js'
import type { ConnectorManifest } from '../contract.js'
import type { ConnectorMapping } from '../mapping/mapping-schema.js'
import type { Registration } from './registration.js'
import { secretFields, type ValidateRegistration } from './validate-registration.js'
import { compareSemver } from './semver.js'
import { hashToken } from '../push/push-token.js'
import { RegistryError, builtIn, notFound } from './registry-error.js'
import {
  controlId, statusId, type ControlDoc, type RegistrationDoc, type RunnerStatus, type StatusDoc
} from './registry-docs.js'

export interface BuiltInConnector { manifest: ConnectorManifest, mapping: ConnectorMapping }

export interface ConnectorView {
  id: string
  version: string
  sourceSystem: string
  mode: ConnectorManifest['mode']
  builtIn: boolean
  title?: string
  paused: boolean
  streams: Array<{
    name: string,
    primaryKey: string,
    cursorField: string,
    path?: string,
    rawSchema: Record<string, unknown>
  }>
  source?: Omit<NonNullable<Registration['source']>, never>
  config?: { schema: Record<string, unknown>, values: Record<string, unknown>, secretsSet: string[] }
  push?: { tokenSet: boolean }
  mapping: ConnectorMapping
  createdAt?: string
  updatedAt?: string
}

export interface StatusView extends RunnerStatus {
  id: string
  version: string
  state: 'paused' | 'running' | 'failing' | 'healthy' | 'not-run-yet'
  paused: boolean
  runRequestedAt?: string
  reportedAt?: string
}

export interface ConnectorRegistryOptions {
  store: Store
  builtIns: readonly BuiltInConnector[]
  validate: ValidateRegistration
  now?: () => Date
}

export type ConnectorRegistry = ReturnType<typeof createConnectorRegistry>

const invalid = (errors: Array<{ path: string, code: string, message: string }>): RegistryError =>
  new RegistryError(400, 'LT_ERR_CONNECTOR_INVALID', errors.map(e => `${e.path} ${e.message}`).join('; '), errors)

export function createConnectorRegistry ({
  store,
  builtIns,
  validate,
  now = () => new Date()
}: ConnectorRegistryOptions) {
  const fixed = new Map(builtIns.map(b => [b.manifest.id, b]))

  async function findAll<T extends StoredDoc> (kind: string): Promise<T[]> {
    const out: T[] = []
    for (;;) {
      const last = out[out.length - 1]
      const page = await store.find('connectors', {
        where: { kind },
        orderBy: { field: 'connectorId' },
        limit: MAX_FIND_LIMIT,
        ...(last !== undefined ? { after: { value: last.connectorId as string, id: last._id } } : {})
      })
      out.push(...page as T[])
      if (page.length < MAX_FIND_LIMIT) return out
    }
  }

  const registrationDoc = async (id: string): Promise<RegistrationDoc | undefined> =>
    await store.get('connectors', id) as RegistrationDoc | undefined
  const controlDoc = async (id: string): Promise<ControlDoc | undefined> =>
    await store.get('connectors', controlId(id)) as ControlDoc | undefined

  async function exists (id: string): Promise<void> {
    if (!fixed.has(id) && await registrationDoc(id) === undefined) throw notFound(id)
  }

  function builtInView (b: BuiltInConnector, paused: boolean): ConnectorView {
    const m = b.manifest
    return {
      id: m.id,
      version: m.version,
      sourceSystem: m.sourceSystem,
      mode: m.mode,
      builtIn: true,
      paused,
      streams: m.streams.map(s => ({ ...s })),
      mapping: b.mapping
    }
  }

  function registeredView (doc: RegistrationDoc, paused: boolean): ConnectorView {
    const r = doc.registration
    const secrets = secretFields(r)
    const values = Object.fromEntries(Object.entries(r.config?.values ?? {}).filter(([k]) => !secrets.includes(k)))
    return {
      id: r.id, version: r.version, sourceSystem: r.sourceSystem, mode: r.mode, builtIn: false, paused,
      ...(r.title !== undefined ? { title: r.title } : {}),
      streams: r.streams,
      ...(r.source !== undefined ? { source: r.source } : {}),
      ...(r.config !== undefined
        ? {
            config: {
              schema: r.config.schema, values, secretsSet: secrets.filter(k => r.config?.values[k] !== undefined)
            }
          }
        : {}),
      ...(r.mode === 'push' ? { push: { tokenSet: doc.pushTokenHash !== undefined } } : {}),
      mapping: r.mapping, createdAt: doc.createdAt, updatedAt: doc.updatedAt
    }
  }

  /** Validates, hashes the push token and builds the document to store. */
  async function prepare (body: unknown, previous: RegistrationDoc | undefined): Promise<RegistrationDoc> {
    const merged = previous !== undefined ? keepSecrets(body, previous.registration) : body
    const check = await validate(merged, { tokenOnFile: previous?.pushTokenHash !== undefined })
    if (!check.ok) throw invalid(check.errors)
    const { push, ...registration } = check.registration
    const at = now().toISOString()
    const pushTokenHash = push?.token !== undefined
      ? await hashToken(push.token)
      : registration.mode === 'push' ? previous?.pushTokenHash : undefined
    return {
      _id: registration.id, version: (previous?.version ?? 0) + 1, kind: 'registration', connectorId: registration.id,
      registration: registration as Registration,
      ...(pushTokenHash !== undefined ? { pushTokenHash } : {}),
      createdAt: previous?.createdAt ?? at, updatedAt: at
    }
  }

  async function write (doc: StoredDoc, expectedVersion: number | null, onStale: RegistryError): Promise<void> {
    const result = await store.bulkUpsert('connectors', [{ doc, expectedVersion }])
    if (result.stale.length > 0) throw onStale
  }

  async function updateControl (id: string, change: (c: ControlDoc) => void): Promise<ControlDoc> {
    await exists(id)
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await controlDoc(id)
      const next: ControlDoc = current !== undefined ? structuredClone(current) : {
        _id: controlId(id),
        version: 0,
        kind: 'control',
        connectorId: id,
        paused: false
      }
      change(next)
      next.version = (current?.version ?? 0) + 1
      const result = await store.bulkUpsert('connectors', [{ doc: next, expectedVersion: current?.version ?? null }])
      if (result.stale.length === 0) return next
    }
    throw new RegistryError(409, 'LT_ERR_CONNECTOR_CONFLICT',
      `connector '${id}' is being changed by someone else; try again`)
  }

  return {
    builtIns: fixed,

    async list (): Promise<ConnectorView[]> {
      const [docs, controls] = await Promise.all(
        [findAll<RegistrationDoc>('registration'), findAll<ControlDoc>('control')])
      const paused = new Set(controls.filter(c => c.paused).map(c => c.connectorId))
      return [
        ...[...fixed.values()].map(b => builtInView(b, paused.has(b.manifest.id))),
        ...docs.map(d => registeredView(d, paused.has(d.connectorId)))
      ]
    },

    async view (id: string): Promise<ConnectorView> {
      const paused = (await controlDoc(id))?.paused === true
      const b = fixed.get(id)
      if (b !== undefined) return builtInView(b, paused)
      const doc = await registrationDoc(id)
      if (doc === undefined) throw notFound(id)
      return registeredView(doc, paused)
    },

    async register (body: unknown): Promise<ConnectorView> {
      const id = (body as { id?: unknown } | null)?.id
      if (typeof id === 'string' && fixed.has(id)) {
        throw new RegistryError(409, 'LT_ERR_CONNECTOR_EXISTS', `'${id}' is the id of a built-in connector`)
      }
      const doc = await prepare(body, undefined)
      await write(doc, null, new RegistryError(409, 'LT_ERR_CONNECTOR_EXISTS',
        `connector '${doc.connectorId}' is already registered; PUT a new version instead`))
      return registeredView(doc, false)
    },

    async update (id: string, body: unknown): Promise<ConnectorView> {
      if (fixed.has(id)) throw builtIn(id)
      const previous = await registrationDoc(id)
      if (previous === undefined) throw notFound(id)
      const bodyId = (body as { id?: unknown } | null)?.id
      if (bodyId !== undefined && bodyId !== id) throw invalid([{
        path: '/id',
        code: 'LT_ERR_CONNECTOR_INVALID',
        message: `must be '${id}', the connector being updated`
      }])
      const doc = await prepare(body, previous)
      if (compareSemver(doc.registration.version, previous.registration.version) <= 0) {
        throw new RegistryError(409, 'LT_ERR_CONNECTOR_VERSION',
          `version ${doc.registration.version} must be greater than the registered ${previous.registration.version}`, [{
          path: '/version',
          message: `must be greater than ${previous.registration.version}`
        }])
      }
      await write(doc, previous.version, new RegistryError(409, 'LT_ERR_CONNECTOR_CONFLICT',
        `connector '${id}' changed while this update was prepared; read it again`))
      return registeredView(doc, (await controlDoc(id))?.paused === true)
    },

    async remove (id: string): Promise<void> {
      if (fixed.has(id)) throw builtIn(id)
      const doc = await registrationDoc(id)
      if (doc === undefined) throw notFound(id)
      await store.deleteMany('connectors', [id, controlId(id), statusId(id)])
      // A later registration under the same id starts from a fresh snapshot.
      for (const s of doc.registration.streams) await store.saveCursor(id, s.name, { snapshotDone: false })
      for (;;) {
        const receipts = await store.find('connectors', {
          where: { kind: 'push-receipt', connectorId: id },
          limit: MAX_FIND_LIMIT
        })
        if (receipts.length === 0) break
        await store.deleteMany('connectors', receipts.map(r => r._id))
      }
    },

    setPaused: async (id: string, paused: boolean): Promise<ControlDoc> =>
      await updateControl(id, c => { c.paused = paused }),
    requestRun: async (id: string): Promise<ControlDoc> =>
      await updateControl(id, c => { c.runRequestedAt = now().toISOString() }),

    async status (id: string): Promise<StatusView> {
      const view = await this.view(id)
      const [control, report] = await Promise.all(
        [controlDoc(id), store.get('connectors', statusId(id)) as Promise<StatusDoc | undefined>])
      const s: RunnerStatus = report?.status ?? { read: 0, published: 0, rejected: 0, running: false }
      const state = view.paused
        ? 'paused'
        : s.running
          ? 'running'
          : s.lastError !== undefined
            ? 'failing'
            : (s.lastSuccessAt ?? s.lastPushAt) !== undefined ? 'healthy' : 'not-run-yet'
      return {
        id, version: report?.connectorVersion ?? view.version, state, paused: view.paused, ...s,
        ...(control?.runRequestedAt !== undefined ? { runRequestedAt: control.runRequestedAt } : {}),
        ...(report !== undefined ? { reportedAt: report.reportedAt } : {})
      }
    },

    // For the connectors role and the push endpoint.
    registrationDoc,
    registrations: async (): Promise<RegistrationDoc[]> => await findAll<RegistrationDoc>('registration'),
    controls: async (): Promise<Map<string, ControlDoc>> =>
      new Map((await findAll<ControlDoc>('control')).map(c => [c.connectorId, c])),

    async reportStatus (id: string, connectorVersion: string, status: RunnerStatus): Promise<void> {
      await updateStatus(store, id, connectorVersion, () => status, now)
    },

    async recordPush (id: string, connectorVersion: string, counts: {
      accepted: number,
      duplicates: number,
      rejected: number
    }): Promise<void> {
      await updateStatus(store, id, connectorVersion, s => ({
        ...s,
        read: s.read + counts.accepted + counts.duplicates + counts.rejected,
        published: s.published + counts.accepted,
        rejected: s.rejected + counts.rejected,
        duplicates: (s.duplicates ?? 0) + counts.duplicates,
        lastPushAt: now().toISOString()
      }), now)
    }
  }
}

async function updateStatus (
  store: Store, id: string, connectorVersion: string, change: (s: RunnerStatus) => RunnerStatus, now: () => Date
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get('connectors', statusId(id)) as StatusDoc | undefined
    const doc: StatusDoc = {
      _id: statusId(id), version: (current?.version ?? 0) + 1, kind: 'status', connectorId: id, connectorVersion,
      status: change(current?.status ?? {
        read: 0,
        published: 0,
        rejected: 0,
        running: false
      }), reportedAt: now().toISOString()
    }
    const write: VersionedWrite = { doc, expectedVersion: current?.version ?? null }
    if ((await store.bulkUpsert('connectors', [write])).stale.length === 0) return
  }
}

/** An update may leave write-only values out: the stored ones are kept. */
function keepSecrets (body: unknown, previous: Registration): unknown {
  if (body === null || typeof body !== 'object') return body
  const b = body as Record<string, unknown> & { config?: { values?: Record<string, unknown> } }
  const values = b.config?.values
  if (values === undefined || typeof values !== 'object' || values === null) return body
  const kept = { ...values }
  for (const name of secretFields(previous)) {
    if (kept[name] === undefined && previous.config?.values[name] !== undefined) {
      kept[name] = previous.config.values[name]
    }
  }
  return { ...b, config: { ...b.config, values: kept } }
}
