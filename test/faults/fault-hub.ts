// A hub as three processes (connectors, consumers, gateway) on one embedded data folder, for the
// fault matrix. Observed only from outside: the processes, GET /health/*, and the SQLite files
// (read-only), so the suite does not depend on how a role supervises itself.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { request } from 'undici'
import { builtInConnectors } from '../../connectors/built-in.js'
import { sourceEnvPrefix } from '../../infra/config/sources.js'
import { spawnHub, type HubProcess } from '../helpers/spawn-hub.js'
import { waitFor } from '../helpers/wait-for.js'

export type Role = 'connectors' | 'consumers' | 'gateway'
export const roles: Role[] = ['connectors', 'consumers', 'gateway']

/** The bound on recovery without a human: generous for a loaded 2-core machine, never asserted as a timing. */
export const RECOVERY_MS = 300000

const EVERY_SECOND = '* * * * * *'

/**
 * Every built-in connector's top-level streams (derived ones, built from another stream's records, have
 * no cursor of their own): a load has drained once each has saved its first full
 * read. Derived from the built-in list, so a connector added there is waited for too (a fixed 6 made
 * every wait run to its bound once a seventh stream existed).
 */
export const BUILT_IN_STREAMS = builtInConnectors.reduce((n, c) => n + c.manifest.streams.length -
  ('derivedStreams' in c ? c.derivedStreams?.length ?? 0 : 0), 0) // a derived stream saves no cursor of its own

/** Each built-in source polled every second (LT_SOURCE_<ID>_SCHEDULE), whatever the list holds. */
const everySecond = Object.fromEntries(
  builtInConnectors.map(c => [`${sourceEnvPrefix(c.manifest.id)}_SCHEDULE`, EVERY_SECOND])
)

/** A small, still city (no change stream) polled every second, so a restarted connector resumes at once. */
export function hubEnv (dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LT_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    LT_SIM_PORT: '0',
    PORT: '0',
    LT_SIM_CITIZENS: '40',
    LT_SIM_SEED: '7',
    LT_SIM_CHANGES_PER_SECOND: '0',
    LT_CONSUMER_BATCH_SIZE: '10',
    ...everySecond,
    ...extra
  }
}

export interface FaultHub {
  dataDir: string
  processes: Record<Role, HubProcess>
  /** The gateway's base URL (it changes when the gateway restarts on a free port). */
  base: () => string
  start: (role: Role, extraEnv?: Record<string, string>) => Promise<void>
  kill: (role: Role, signal?: NodeJS.Signals) => Promise<void>
  stopAll: (signal?: NodeJS.Signals) => Promise<void>
}

export function faultHub (dataDir: string, env: Record<string, string> = {}): FaultHub {
  const processes = {} as Record<Role, HubProcess>
  let base = ''
  return {
    dataDir,
    processes,
    base: () => base,
    start: async (role, extraEnv = {}) => {
      const p = spawnHub(['--role', role], { ...hubEnv(dataDir, env), ...extraEnv })
      processes[role] = p
      if (role === 'gateway') base = (await p.waitForOutput(/API docs \(Swagger UI\): (http:\/\/\S+)\/docs/))[1]
      else await p.waitForOutput(/Liên Thông started/)
    },
    kill: async (role, signal = 'SIGKILL') => { await processes[role]?.stop(signal) },
    stopAll: async (signal = 'SIGKILL') => {
      await Promise.all(Object.values(processes).map(async p => await p.stop(signal)))
    }
  }
}

/** The three roles started one after the other, each up before the next. */
export async function startFaultHub (dataDir: string, env: Record<string, string> = {}): Promise<FaultHub> {
  const hub = faultHub(dataDir, env)
  for (const role of roles) await hub.start(role)
  return hub
}

export interface Readiness { status: number | 'refused', body?: { status: string, checks: Record<string, string> } }

// How long a health request may take before it counts as 'refused' (no answer). Readiness bounds each of its
// checks at 3 s itself and answers 503 naming a slow one; the margin above that is for a process that other
// work on a 2-core CI machine keeps off the CPU, where 10 s could turn a truthful answer into a refusal.
const ANSWER_MS = 30000

export async function readiness (base: string): Promise<Readiness> {
  try {
    const res = await request(`${base}/health/ready`, { headersTimeout: ANSWER_MS, bodyTimeout: ANSWER_MS })
    return { status: res.statusCode, body: await res.body.json() as Readiness['body'] }
  } catch {
    return { status: 'refused' }
  }
}

export async function live (base: string): Promise<number | 'refused'> {
  try {
    const res = await request(`${base}/health/live`, { headersTimeout: ANSWER_MS, bodyTimeout: ANSWER_MS })
    await res.body.dump()
    return res.statusCode
  } catch {
    return 'refused'
  }
}

/** Reads one of the data folder's SQLite files read-only, closing it at once (no lock held between looks). */
export function readDb<T> (
  dataDir: string,
  file: 'event-log.sqlite' | 'store.sqlite',
  read: (db: Database.Database) => T
): T {
  const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true })
  try { db.pragma('busy_timeout = 10000'); return read(db) } finally { db.close() }
}

/** Messages in the sources' topics (how far the connectors got). */
export const sourceMessages = (dataDir: string): number =>
  readDb(dataDir, 'event-log.sqlite', db =>
    (db.prepare("SELECT count(*) AS n FROM messages WHERE topic LIKE 'source.%'").get() as { n: number }).n)

/** Sum of the merger's positions (how far the consumers got). */
export const mergerPosition = (dataDir: string): number =>
  readDb(dataDir, 'event-log.sqlite', db =>
    (db.prepare("SELECT coalesce(sum(seq), 0) AS n FROM group_offsets WHERE grp = 'merger'")
      .get() as { n: number }).n)

/** The consumer group that must reach each topic's end before the store is final. */
const groupOf = (topic: string): string | undefined =>
  topic.startsWith('source.')
    ? 'normalizer'
    : topic.startsWith('canonical.')
      ? 'merger'
      : topic.startsWith('dlq.') ? 'dead-letter-archiver' : undefined

/** Each topic's end and its consumer's position; the topics whose consumer is behind. */
export function behind (dataDir: string): string[] {
  return readDb(dataDir, 'event-log.sqlite', db => {
    const ends = db.prepare('SELECT topic, max(seq) AS end FROM messages GROUP BY topic')
      .all() as Array<{ topic: string, end: number }>
    const at = db.prepare('SELECT seq FROM group_offsets WHERE grp = ? AND topic = ?')
    return ends.filter(({ topic, end }) => {
      const grp = groupOf(topic)
      if (grp === undefined) return false
      const row = at.get(grp, topic) as { seq: number } | undefined
      return (row?.seq ?? 0) < end
    }).map(e => e.topic)
  })
}

class StaleStreamCount extends Error {}

/** Built-in connectors' top-level streams whose first full read (snapshot) is not saved yet. */
export function snapshotsPending (dataDir: string, expected: number): number {
  const done = readDb(dataDir, 'store.sqlite', db =>
    (db.prepare("SELECT cursor FROM cursors WHERE stream NOT LIKE '%/%'").all() as Array<{ cursor: string }>)
      .filter(r => (JSON.parse(r.cursor) as { snapshotDone?: boolean }).snapshotDone === true).length)
  if (done > expected) {
    throw new StaleStreamCount(`${done} streams read, more than the ${expected} expected: the count is stale`)
  }
  return expected - done
}

/** Every built-in stream read once and every consumer at the end of its topics. */
export async function drained (
  dataDir: string,
  what: string,
  streams = BUILT_IN_STREAMS,
  timeoutMs = RECOVERY_MS
): Promise<void> {
  await waitFor(() => {
    try {
      return snapshotsPending(dataDir, streams) === 0 && behind(dataDir).length === 0
    } catch (err) {
      if (err instanceof StaleStreamCount) throw err
      return false // a file not created yet, or busy past the bound: look again
    }
  }, { timeoutMs, intervalMs: 250, what })
}
