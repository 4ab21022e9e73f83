// Builds the poll runner of a registered connector: the generic declarative connector on the same
// runner as the built-ins, with the SSRF guard on every request and config-sourced headers.
import type { Logger } from 'pino'
import type { EventLog } from '../../infra/ports/event-log.js'
import type { Store } from '../../infra/ports/store.js'
import { createPollRunner, type PollRunner } from '../runner/poll-runner.js'
import type { OutboundGuard } from '../runner/fetch-json.js'
import { buildDeclarativeConnector } from '../declarative/declarative-connector.js'
import { compileRawSchema } from '../declarative/raw-schema-ajv.js'
import type { Registration } from '../registry/registration.js'

export interface RegisteredRunnerDeps {
  eventLog: EventLog
  store: Store
  logger: Logger
  guard: OutboundGuard
  defaultTimeoutMs: number
}

export function createRegisteredRunner (registration: Registration, deps: RegisteredRunnerDeps): PollRunner {
  const source = registration.source
  if (source === undefined) throw new Error(`connector ${registration.id} has no source to poll`)
  return createPollRunner({
    connector: buildDeclarativeConnector(registration),
    baseUrl: source.url,
    schedule: source.schedule,
    pageSize: source.pageSize,
    timeoutMs: source.timeoutMs ?? deps.defaultTimeoutMs,
    eventLog: deps.eventLog,
    store: deps.store,
    logger: deps.logger,
    compile: compileRawSchema,
    headers: sourceHeaders(registration),
    guard: deps.guard
  })
}

/** Literal headers as given; `{ fromConfig }` headers from the stored config values (secrets too). */
export function sourceHeaders (registration: Registration): Record<string, string> {
  const values = registration.config?.values ?? {}
  return Object.fromEntries(Object.entries(registration.source?.headers ?? {}).flatMap(([name, value]) => {
    const resolved = typeof value === 'string' ? value : values[value.fromConfig]
    return resolved === undefined || resolved === null ? [] : [[name, String(resolved)]]
  }))
}
