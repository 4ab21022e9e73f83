// The simulated city as running systems: one loopback HTTP server per department, loaded from a
// generated directory or generated in memory (small cities, tests, the demo), with mutators,
// a stream of life events, webhook push and file export.
import { DEPARTMENTS, type DepartmentId, type DepartmentSpec } from '../city/departments.js'
import { generateCity, type GenerationSummary } from '../city/generate.js'
import type { InjectionRates } from '../city/inject.js'
import type { TruthEntry } from '../city/truth.js'
import { seededRandom } from '../random.js'
import type { SourceTruthEntry } from '../sources/truth.js'
import type { SourceRates } from '../sources/context.js'
import { isSourceDepartment, renderServedSourceDepartments } from '../sources/served.js'
import type { SourceDepartmentId } from '../sources/departments.js'
import { liveSourceChange } from '../sources/changes.js'
import { ChangeMaker, type ChangeKind } from './changes.js'
import { startDepartmentServer, type DepartmentServer } from './department-server.js'
import { exportTables, type ExportFormat } from './export.js'
import { readManifest, readStreamFile } from './load-dir.js'
import { createStreamTable, type SourceRecord, type StreamTable, type TableChange } from './record-table.js'
import { createWebhookPusher, type CityEvent, type WebhookOptions, type WebhookPusher } from './webhook.js'

export interface SimulatedCityOptions {
  // A directory written by sim:generate; without it the city is generated in memory.
  dir?: string
  citizens?: number
  seed?: number
  asOf?: string
  rates?: Partial<InjectionRates>
  // The issue-19 departments' own injection rates (sim/sources/context.ts); defaults without it.
  sourceRates?: Partial<SourceRates>
  host?: string
  // Department i listens on portBase + i (civil-status, residence, land, bhyt, business); 0 = any free port.
  portBase?: number
  departments?: DepartmentId[]
}

export interface Departments {
  civilStatus: DepartmentServer
  residence: DepartmentServer
  land: DepartmentServer
  bhyt: DepartmentServer
  business: DepartmentServer
  gplx: DepartmentServer
  viecLam: DepartmentServer
  giaoDuc: DepartmentServer
  congChung: DepartmentServer
  xayDung: DepartmentServer,
  noiVu: DepartmentServer,
  chinhSach: DepartmentServer,
  haTang: DepartmentServer
}

export interface SimulatedCity {
  // With options.departments, only the departments asked for are present.
  departments: Departments
  // Ground truth, only when the city was generated in memory (else read truth.ndjson).
  truth?: TruthEntry[]
  // Ground truth of the served issue-19 departments (gplx), likewise only when generated in memory.
  sourceTruth?: SourceTruthEntry[]
  summary?: GenerationSummary
  onChange: (listener: (e: CityEvent) => void) => () => void
  // Applies n changes at once (deterministic for the seed): for tests.
  applyChanges: (n: number, kind?: ChangeKind) => number
  startChanges: (options: { perSecond: number }) => void
  stopChanges: () => void
  pushTo: (options: WebhookOptions) => WebhookPusher
  exportFiles: (options: { format: ExportFormat, dir: string }) => Promise<string[]>
  close: () => Promise<void>
}

const CHANGE_SALT = 0x0C4A96E5
// The served issue-19 departments change on their own PRNG, so the first five's sequence stays the same.
const SOURCE_CHANGE_SALT = 0x51C3A7B1
// Their share of the live change rate: a licence loses points now and then, a person moves more often.
const SOURCE_CHANGE_SHARE = 0.1

export async function startSimulatedCity (options: SimulatedCityOptions = {}): Promise<SimulatedCity> {
  const { host = '127.0.0.1', portBase = 0, seed = 47 } = options
  const wanted = new Set(options.departments ?? DEPARTMENTS.map(d => d.id))
  const specs = DEPARTMENTS.filter(d => wanted.has(d.id))
  const lastPort = portBase + Math.max(...specs.map(d => d.portOffset))
  if (!Number.isInteger(portBase) || portBase < 0 || lastPort > 65535) {
    throw new Error(`portBase must be 0 or leave room for every department below 65536, got ${String(portBase)}`)
  }

  const loaded = new Map<string, SourceRecord[]>()
  let truth: TruthEntry[] | undefined
  let sourceTruth: SourceTruthEntry[] | undefined
  let summary: GenerationSummary | undefined
  let asOf: string
  if (options.dir !== undefined) {
    const manifest = readManifest(options.dir)
    asOf = manifest.options.asOf
    summary = manifest
    for (const d of specs) for (const s of d.streams) {
      loaded.set(`${d.id}.${s.name}`, await readStreamFile(options.dir, s))
    }
  } else {
    truth = []
    const into = truth
    summary = generateCity({ citizens: options.citizens ?? 300, seed, asOf: options.asOf, rates: options.rates }, {
      record: (department, stream, record) => {
        if (!wanted.has(department)) return
        const name = `${department}.${stream}`
        const list = loaded.get(name) ?? []
        list.push(record)
        loaded.set(name, list)
      },
      truth: e => into.push(e)
    })
    asOf = summary.options.asOf
    sourceTruth = []
    const sourceInto = sourceTruth
    renderServedSourceDepartments({ citizens: options.citizens ?? 300, seed, asOf, sourceRates: options.sourceRates },
      wanted, (department, stream, record) => {
      const name = `${department}.${stream}`
      const list = loaded.get(name) ?? []
      list.push(record)
      loaded.set(name, list)
    }, e => sourceInto.push(e))
  }

  // One clock for the whole city: strictly increasing, never behind the wall clock nor behind
  // any loaded record, so a change always sorts after everything already served.
  let clock = Math.max(Date.now(), Date.parse(asOf))
  const tick = (): string => { clock = Math.max(clock + 1, Date.now()); return new Date(clock).toISOString() }
  const listeners = new Set<(e: CityEvent) => void>()
  let kind = 'manual'
  const onTableChange = (c: TableChange): void => {
    if (listeners.size === 0) return
    const occurredAt = String(c.record[c.spec.updatedField])
    const e: CityEvent = { eventId: `${c.spec.department}.${c.spec.name}:${c.key}:${occurredAt}`,
      department: c.spec.department, stream: c.spec.name, key: c.key, op: c.op, kind, occurredAt, record: c.record }
    for (const l of listeners) l(e)
  }

  const servers: DepartmentServer[] = []
  const started: Partial<Departments> = {}
  try {
    for (const d of specs) {
      const tables = d.streams.map(s =>
        createStreamTable(s, loaded.get(`${d.id}.${s.name}`) ?? [], tick, onTableChange))
      const server = await startDepartmentServer(d.id, tables, host, portBase === 0 ? 0 : portBase + d.portOffset)
      servers.push(server)
      started[(d as DepartmentSpec).handle] = server
    }
  } catch (err) {
    await Promise.allSettled(servers.map(async s => await s.close()))
    throw err
  }
  loaded.clear()

  const table = (handle: keyof Departments, stream: string): StreamTable | undefined => started[handle]?.streams[stream]
  const changeTables = {
    people: table('civilStatus', 'cong-dan'),
    residents: table('residence', 'residents'),
    parcels: table('land', 'thua-dat'),
    cards: table('bhyt', 'the')
  }
  const hasAll = Object.values(changeTables).every(t => t !== undefined)
  const maker = hasAll ? new ChangeMaker(changeTables as Required<typeof changeTables> as never,
    seededRandom(seed ^ CHANGE_SALT), () => new Date(clock).toISOString().slice(0, 10)) : undefined
  const applyChanges = (n: number, only?: ChangeKind): number => {
    if (maker === undefined) throw new Error('changes need the civil-status, residence, land and bhyt departments')
    let done = 0
    for (let i = 0; i < n; i++) {
      kind = only ?? 'change'
      try { if (maker.apply(only)) done++ } finally { kind = 'manual' }
    }
    return done
  }
  // The served issue-19 departments' change streams (sim/sources/changes.ts), on the live timer only: a
  // licence loses points, a benefit ends early, a pupil changes school, … Every table of every served
  // department started here takes part, so a department added to the served list needs no edit here.
  const sourceTables = specs.filter(d => isSourceDepartment(d.id)).flatMap(d => d.streams.flatMap(s => {
    const t = table(d.handle, s.name)
    return t === undefined ? [] : [{ department: d.id as SourceDepartmentId, table: t }]
  }))
  const sourceRandom = seededRandom(seed ^ SOURCE_CHANGE_SALT)
  const applySourceChanges = (n: number): void => {
    if (sourceTables.length === 0) return
    for (let i = 0; i < n; i++) {
      const { department, table: changing } = sourceRandom.pick(sourceTables)
      const key = changing.randomKey(sourceRandom)
      const record = key === undefined ? undefined : changing.get(key)
      const change = record === undefined ? undefined
        : liveSourceChange(department, record, new Date(clock).toISOString().slice(0, 10))
      if (key !== undefined && change !== undefined) {
        kind = 'change'
        try { changing.update(key, change.patch) } finally { kind = 'manual' }
      }
    }
  }
  let timer: NodeJS.Timeout | undefined
  let budget = 0
  let sourceBudget = 0
  const pushers = new Set<WebhookPusher>()

  return {
    departments: started as Departments,
    truth,
    sourceTruth,
    summary,
    onChange: listener => { listeners.add(listener); return () => { listeners.delete(listener) } },
    applyChanges,
    startChanges: ({ perSecond }) => {
      if (!(perSecond > 0 && perSecond <= 100_000)) {
        throw new Error(`perSecond must be > 0 and <= 100000, got ${String(perSecond)}`)
      }
      if (timer !== undefined) clearInterval(timer)
      budget = 0
      timer = setInterval(() => {
        budget += perSecond / 10
        const n = Math.floor(budget)
        budget -= n
        // The first five's changes need their four departments; a city of served departments alone has none.
        if (n > 0 && maker !== undefined) applyChanges(n)
        sourceBudget += perSecond * SOURCE_CHANGE_SHARE / 10
        const m = Math.floor(sourceBudget)
        sourceBudget -= m
        if (m > 0) applySourceChanges(m)
      }, 100)
      timer.unref()
    },
    stopChanges: () => { if (timer !== undefined) clearInterval(timer); timer = undefined },
    pushTo: webhook => {
      const pusher = createWebhookPusher(webhook,
        listener => { listeners.add(listener); return () => { listeners.delete(listener) } })
      pushers.add(pusher)
      return pusher
    },
    exportFiles: async ({ format, dir }) =>
      await exportTables(servers.flatMap(s => Object.values(s.streams)), format, dir),
    close: async () => {
      if (timer !== undefined) clearInterval(timer)
      await Promise.allSettled([...pushers].map(async p => await p.stop()))
      await Promise.allSettled(servers.map(async s => await s.close()))
    }
  }
}
