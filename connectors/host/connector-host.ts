// Runs the connectors of the connectors role and keeps them in line with the registry: every few
// seconds it reads the registrations and the desired state the API wrote (paused, run requested),
// starts, stops or replaces runners accordingly, and writes each runner's status back so the API,
// in whatever process, can show it. A registry or store that does not answer skips one round; it
// never stops the runners already going.
//
// One connectors-role process is assumed: two would each poll every source (harmless, the event
// ids make the second copy a duplicate, but wasteful).
import type { Logger } from 'pino'
import type { PollRunner, ConnectorStatus } from '../runner/poll-runner.js'
import type { ConnectorRegistry } from '../registry/registry.js'
import type { ControlDoc, RegistrationDoc, RunnerStatus } from '../registry/registry-docs.js'

/** A built-in runner, created by the wiring; the host pauses (stop) and resumes (start) it. */
export interface HostedBuiltIn { id: string, version: string, runner: PollRunner }

export interface ConnectorHostOptions {
  registry: ConnectorRegistry
  builtIns: readonly HostedBuiltIn[]
  createRunner: (doc: RegistrationDoc) => PollRunner
  intervalMs: number
  logger: Logger
}

export interface ConnectorHost {
  /** One reconciliation round (the timer calls it; tests may too). */
  reconcile: () => Promise<void>
  runners: () => Map<string, PollRunner>
  stop: () => Promise<void>
}

interface Hosted {
  version: string
  /** Changes when the registration changes: then the runner is replaced. */
  revision: string
  runner?: PollRunner
  handledRunAt?: string
  /** Counters of runners this one replaced, so the status counts since the host started. */
  carried: { read: number, published: number, rejected: number }
  lastReport?: string
}

/** builtIn: the same runner is stopped and started again, so it keeps its own counters. */
type Desired = { id: string, version: string, revision: string, builtIn: boolean, create?: () => PollRunner }

export function startConnectorHost (
  { registry, builtIns, createRunner, intervalMs, logger }: ConnectorHostOptions
): ConnectorHost {
  const log = logger.child({ component: 'connector-host' })
  const hosted = new Map<string, Hosted>()
  let timer: NodeJS.Timeout | undefined
  let round: Promise<void> | undefined
  let stopped = false

  async function retire (entry: Hosted, builtIn = false): Promise<void> {
    const runner = entry.runner
    if (runner === undefined) return
    entry.runner = undefined
    const s = runner.status()
    if (!builtIn) {
      const { read, published, rejected } = entry.carried
      entry.carried = { read: read + s.read, published: published + s.published, rejected: rejected + s.rejected }
    }
    await runner.stop()
  }

  async function apply (d: Desired, control: ControlDoc | undefined): Promise<void> {
    let entry = hosted.get(d.id)
    if (entry === undefined) {
      entry = {
        version: d.version, revision: d.revision, handledRunAt: control?.runRequestedAt,
        carried: { read: 0, published: 0, rejected: 0 }
      }
      // The wiring started the built-ins already; a pause on file stops them below.
      if (d.builtIn) entry.runner = d.create?.()
      hosted.set(d.id, entry)
    }
    const paused = control?.paused === true
    if (entry.runner !== undefined && (paused || entry.revision !== d.revision || d.create === undefined)) {
      await retire(entry, d.builtIn)
      log.info({ connector: d.id, paused }, paused ? 'connector paused' : 'connector stopped for a new version')
    }
    entry.version = d.version
    entry.revision = d.revision
    if (!paused && entry.runner === undefined && d.create !== undefined) {
      entry.runner = d.create()
      entry.runner.start()
      entry.handledRunAt = control?.runRequestedAt
      log.info({ connector: d.id, version: d.version }, 'connector started')
    }
    const asked = control?.runRequestedAt
    if (asked !== undefined && asked !== entry.handledRunAt) {
      entry.handledRunAt = asked
      if (entry.runner !== undefined) void entry.runner.runOnce()
    }
  }

  async function report (id: string, entry: Hosted, paused: boolean): Promise<void> {
    const s: ConnectorStatus | undefined = entry.runner?.status()
    const status: RunnerStatus = {
      read: entry.carried.read + (s?.read ?? 0),
      published: entry.carried.published + (s?.published ?? 0),
      rejected: entry.carried.rejected + (s?.rejected ?? 0),
      running: s?.running ?? false,
      ...(s?.lastRunAt !== undefined ? { lastRunAt: s.lastRunAt } : {}),
      ...(s?.lastSuccessAt !== undefined ? { lastSuccessAt: s.lastSuccessAt } : {}),
      ...(s?.lastError !== undefined ? { lastError: s.lastError } : {}),
      ...(s?.lagMs !== undefined ? { lagMs: s.lagMs } : {})
    }
    // A paused connector keeps the figures it had; only a live runner's figures move.
    if (s === undefined && paused && entry.lastReport !== undefined) return
    const text = JSON.stringify([entry.version, status])
    if (text === entry.lastReport) return
    await registry.reportStatus(id, entry.version, status)
    entry.lastReport = text
  }

  async function reconcile (): Promise<void> {
    const [docs, controls] = await Promise.all([registry.registrations(), registry.controls()])
    const desired: Desired[] = [
      ...builtIns.map(b =>
        ({ id: b.id, version: b.version, revision: 'built-in', builtIn: true, create: () => b.runner })),
      ...docs.map(doc => ({
        id: doc.connectorId,
        builtIn: false,
        version: doc.registration.version,
        revision: `${doc.version}`,
        create: doc.registration.mode === 'poll' ? () => createRunner(doc) : undefined
      }))
    ]
    const wanted = new Set(desired.map(d => d.id))
    for (const [id, entry] of hosted) {
      if (wanted.has(id)) continue
      await retire(entry)
      hosted.delete(id)
      log.info({ connector: id }, 'connector removed')
    }
    for (const d of desired) {
      try {
        await apply(d, controls.get(d.id))
        const entry = hosted.get(d.id) as Hosted
        if (d.create !== undefined) await report(d.id, entry, controls.get(d.id)?.paused === true)
      } catch (err) {
        log.warn({ connector: d.id, err: { message: (err as Error).message } },
          'connector could not be reconciled; next round retries')
      }
    }
  }

  function schedule (): void {
    if (stopped) return
    timer = setTimeout(() => {
      round = reconcile()
        .catch(err => {
          log.warn({ err: { message: (err as Error).message } }, 'registry unreachable; runners keep going')
        })
        .finally(() => { round = undefined; schedule() })
    }, intervalMs)
    timer.unref()
  }

  round = reconcile()
    .catch(err => { log.warn({ err: { message: (err as Error).message } }, 'registry unreachable at start') })
    .finally(() => { round = undefined; schedule() })

  return {
    reconcile: async () => { await round; await reconcile() },
    runners: () => new Map([...hosted].flatMap(([id, e]) => e.runner !== undefined ? [[id, e.runner]] : [])),
    async stop () {
      stopped = true
      clearTimeout(timer)
      await round
      await Promise.allSettled([...hosted.values()].map(async e => await retire(e)))
    }
  }
}
