// The conformance suite every connector must pass, built-in or registered: a function over a
// PollConnector and a way to start a fixtures source for it. It runs the connector through the
// real runner on the embedded adapters and reports every check as data (tests assert on it; an
// API can serve it). Checks: manifest and config schema valid and documented, mapping valid,
// reads its fixtures, invalid records go to dead letters while valid ones flow, resumes from a
// saved cursor with nothing lost or repeated, incremental changes after the snapshot, and every
// mapped record passes the canonical schemas.
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import cron from 'node-cron'
import { pino } from 'pino'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { deadLetterTopic } from '../../infra/event-log/dead-letters.js'
import type { Store } from '../../infra/ports/store.js'
import { createSchemaValidator } from '../../schemas/validator.js'
import type { ChangeEvent } from '../../schemas/change-event.js'
import { connectorDeadLetterGroup, rawTopic, type PollConnector } from '../../connectors/contract.js'
import { createMappingValidator } from '../../connectors/mapping/validate-mapping.js'
import { applyMapping } from '../../connectors/mapping/apply-mapping.js'
import { createPollRunner, type PollRunner } from '../../connectors/runner/poll-runner.js'
import { createRawSchemaCompiler } from '../../connectors/runner/raw-schema-compiler.js'
import { recordingLog, type RecordingLog } from './recording-log.js'
import { checkConfigSchema, checkManifest } from './manifest-checks.js'

export interface StreamExpectation {
  /** Keys the connector must publish (as the event's `key`). */
  valid?: string[]
  /** Keys the connector must send to its dead letters. */
  invalid?: string[]
}

export interface FixtureSource {
  baseUrl: string
  /** Per stream; a stream not named here is read but its keys are not compared. */
  expected: Record<string, StreamExpectation>
  /** Changes one record at the source after the snapshot, for the incremental check. */
  change?: () => Promise<{ stream: string, key: string, op: 'u' | 'd' }>
  close: () => Promise<void>
}

export interface ConformanceFixtures {
  start: () => Promise<FixtureSource>
  /** Small pages, so the resume check stops inside a stream (default 7). */
  pageSize?: number
}

export interface ConformanceCheck { name: string, ok: boolean, problems: string[] }
export interface ConformanceReport { connector: string, version: string, ok: boolean, checks: ConformanceCheck[] }

const MAX_PROBLEMS = 20

interface Run { log: RecordingLog, store: Store, runners: PollRunner[], close: () => Promise<void> }

export async function checkConformance<R> (connector: PollConnector<R>, fixtures: ConformanceFixtures,
  { workDir }: { workDir: string }): Promise<ConformanceReport> {
  const checks: ConformanceCheck[] = []
  const check = (name: string, problems: string[]): void => {
    checks.push({ name, ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) })
  }
  const schemas = createSchemaValidator()
  const mappingValidator = createMappingValidator(schemas)
  const compile = createRawSchemaCompiler()
  const pageSize = fixtures.pageSize ?? 7

  check('manifest', checkManifest(connector.manifest, compile, cron.validate))
  check('config schema', checkConfigSchema(connector.manifest.configSchema, schemas.ajv))
  const mapping = mappingValidator.validateMapping(connector.mapping)
  const mappedStreams = new Set(connector.mapping.streams.map(s => s.stream))
  check('mapping', [
    ...(mapping.ok ? [] : mapping.errors.map(e => `${e.path}: ${e.message}`)),
    ...connector.manifest.streams.filter(s => !mappedStreams.has(s.name)).map(s => `stream ${s.name} has no mapping`),
    ...[...mappedStreams].filter(s => !connector.manifest.streams.some(m => m.name === s))
      .map(s => `the mapping names stream ${s}, which the manifest does not have`)
  ])

  const source = await fixtures.start()
  let runCount = 0
  const open = async (): Promise<Run> => {
    const dir = join(workDir, `run-${++runCount}`)
    mkdirSync(dir, { recursive: true })
    const log = recordingLog(openEmbeddedEventLog({ file: join(dir, 'log.sqlite') }))
    const store = openEmbeddedStore({ file: join(dir, 'store.sqlite') })
    const runners: PollRunner[] = []
    return {
      log,
      store,
      runners,
      close: async () => {
        for (const r of runners) await r.stop()
        await log.close()
        await store.close()
      }
    }
  }
  const runner = (run: Run, maxPagesPerRun?: number): PollRunner => {
    const r = createPollRunner({
      connector, baseUrl: source.baseUrl, pageSize, timeoutMs: 5000, maxAttempts: 2, maxPagesPerRun,
      eventLog: run.log, store: run.store, logger: pino({ level: 'silent' }), compile
    })
    run.runners.push(r)
    return r
  }
  const events = (run: Run): ChangeEvent[] => run.log.published(rawTopic(connector.manifest.id))
    .map(m => JSON.parse(m.value) as ChangeEvent)
  const streamOf = (e: ChangeEvent): string => e.source.split('/').pop() as string

  const full = await open()
  const resumed = await open()
  try {
    const fullRunner = runner(full)
    await fullRunner.runOnce()
    const status = fullRunner.status()
    const snapshot = events(full)
    const validateEvent = schemas.validator<ChangeEvent>('change-event')
    const fitsEnvelope = (e: unknown): boolean => validateEvent(e)
    check('reads its fixtures', [
      ...(status.lastError !== undefined ? [`the run failed: ${status.lastError.code} ${status.lastError.message}`]
        : []),
      ...(snapshot.length === 0 ? ['published nothing'] : []),
      ...snapshot.filter(e => !fitsEnvelope(e)).map(e => `event ${e.id} does not fit the change-event envelope`),
      ...snapshot.filter(e => e.op !== 'r' && e.op !== 'd').map(e => `snapshot event ${e.id} has op ${e.op}, not r`),
      ...compareKeys('published', source.expected, 'valid', groupKeys(snapshot.map(e => [streamOf(e), e.sourcekey])))
    ])
    const letters = full.log.published(deadLetterTopic(connectorDeadLetterGroup(connector.manifest.id)))
    check('invalid records go to dead letters', [
      ...letters.filter(m => (m.headers?.['lt-dlq-reason'] ?? '') === '' || (m.headers?.['lt-dlq-code'] ?? '') === '')
        .map(m => `dead letter ${m.key} has no reason or code`),
      ...compareKeys('dead-lettered', source.expected, 'invalid',
        groupKeys(letters.map(m => [m.headers?.['lt-dlq-stream'] ?? '?', m.key])))
    ])
    check('mapped output passes the canonical schemas', canonicalProblems(connector, snapshot, mappingValidator))

    // Stop after the first page of every stream, restart with a new runner on the same store, and
    // compare with the single full run: the same event ids, none twice.
    await runner(resumed, 1).runOnce()
    const afterFirstPage = events(resumed).length
    const second = runner(resumed)
    await second.runOnce()
    const ids = events(resumed).map(e => e.id)
    const fullIds = new Set(snapshot.map(e => e.id))
    check('resumes from a saved cursor', [
      ...(afterFirstPage === 0 || afterFirstPage >= snapshot.length
        ? [`the first run published ${afterFirstPage} of ${snapshot.length} events; pick a smaller page size`] : []),
      ...duplicates(ids).map(id => `event ${id} published twice`),
      ...[...fullIds].filter(id => !ids.includes(id)).map(id => `event ${id} lost on resume`),
      ...ids.filter(id => !fullIds.has(id)).map(id => `event ${id} not in the single run`),
      ...(second.status().lastError !== undefined
        ? [`the resumed run failed: ${second.status().lastError?.message ?? ''}`] : [])
    ])

    if (source.change !== undefined) {
      const changed = await source.change()
      const before = events(full).length
      await fullRunner.runOnce()
      const fresh = events(full).slice(before)
      const own = fresh.filter(e => streamOf(e) === changed.stream && e.sourcekey === changed.key)
      check('publishes incremental changes after the snapshot', [
        ...(own.length !== 1 ? [`expected one event for ${changed.stream}/${changed.key}, got ${own.length}`] : []),
        ...own.filter(e => e.op !== changed.op).map(e => `event ${e.id} has op ${e.op}, expected ${changed.op}`),
        ...fresh.filter(e => e.op === 'r').map(e => `incremental event ${e.id} still has op r`)
      ])
    }
  } finally {
    await full.close()
    await resumed.close()
    await source.close()
  }
  return { connector: connector.manifest.id, version: connector.manifest.version, ok: checks.every(c => c.ok), checks }
}

function groupKeys (pairs: Array<[string, string]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [stream, key] of pairs) out.set(stream, (out.get(stream) ?? new Set()).add(key))
  return out
}

function compareKeys (what: string, expected: Record<string, StreamExpectation>, kind: 'valid' | 'invalid',
  got: Map<string, Set<string>>): string[] {
  const problems: string[] = []
  for (const [stream, e] of Object.entries(expected)) {
    const want = e[kind]
    if (want === undefined) continue
    const have = got.get(stream) ?? new Set<string>()
    for (const k of want) if (!have.has(k)) problems.push(`${stream}: ${k} was not ${what}`)
    for (const k of have) if (!want.includes(k)) problems.push(`${stream}: ${k} was ${what} but should not have been`)
  }
  return problems
}

function duplicates (ids: string[]): string[] {
  const seen = new Set<string>()
  return ids.filter(id => seen.has(id) || (seen.add(id), false))
}

function canonicalProblems<R> (connector: PollConnector<R>, events: ChangeEvent[],
  validator: ReturnType<typeof createMappingValidator>): string[] {
  const problems: string[] = []
  for (const e of events) {
    if (e.data === null) continue
    const out = applyMapping(connector.mapping, e.source.split('/').pop() as string, e.data)
    if (!out.ok) { problems.push(`${e.id}: ${out.errors.map(x => `${x.path} ${x.message}`).join('; ')}`); continue }
    if (out.deleted) continue
    for (const m of out.entities) {
      for (const x of validator.validateFields(m.entity, m.fields)) {
        problems.push(`${e.id}: ${m.entity}${x.path} ${x.message}`)
      }
    }
  }
  return problems
}

