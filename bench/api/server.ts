// The gateway under test, in a process of its own (forked by main.ts), so the load generator and
// the server each have an event loop, as they would on two machines (they still share the CPUs).
// It also runs the store-only ceilings, on the same store, in the same kind of process.
// Messages (IPC): start → started { url, keys }; raw-get | raw-prefill-reads → result; cpu → cpu { micros }; stop.
import { pino } from 'pino'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import { buildGateway } from '../../gateway/app.js'
import { openBenchStore, type StoreLocation } from './open-bench-store.js'
import { addFloorRoutes } from './floor-routes.js'
import { readAccessLog } from '../../gateway/security/access-log.js'
import { ensureBenchClients, LOOKUP_PURPOSE, PREFILL_PROCEDURE } from './bench-clients.js'
import { rawGetLoop, rawPrefillReadsLoop, type LoopSettings } from './raw-reads.js'
import type { Subjects } from './subjects.js'

export type ServerRequest =
  | { type: 'start', location: StoreLocation, subjectsFile: string, logFile: string, logLevel: string }
  | { type: 'warm' }
  | { type: 'raw-get' | 'raw-prefill-reads', settings: LoopSettings, seed: number }
  | { type: 'cpu' }
  | { type: 'stop' }

/** The ceiling route: authenticated like every personal-data route, but no grant, store or audit. */
function addBareRoute (app: FastifyInstance): void {
  app.get<{ Params: { personalId: string } }>('/v1/bench/bare/:personalId', {
    schema: {
      hide: true,
      params: { type: 'object', required: ['personalId'],
        properties: { personalId: { type: 'string', pattern: '^\\d{12}$' } } },
      response: { 200: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } }
    }
  }, async request => ({ id: request.params.personalId }))
}

let store: Store | undefined
let app: FastifyInstance | undefined
let subjects: Subjects | undefined
const reply = (message: unknown): void => { process.send?.(message) }

async function handle (request: ServerRequest): Promise<void> {
  switch (request.type) {
    case 'start': {
      store = await openBenchStore(request.location)
      subjects = JSON.parse(readFileSync(request.subjectsFile, 'utf8')) as Subjects
      const keys = await ensureBenchClients(store)
      // As in production once a citizen has asked who read their data: the access log's index on
      // personalId exists, and every audited read pays for keeping it.
      await readAccessLog(store, (subjects as Subjects).personIds[0], { limit: 1 })
      const logger = pino({ level: request.logLevel }, pino.destination({ dest: request.logFile, sync: false }))
      app = await buildGateway({ store, logger, readiness: [], limits: { rateLimitPerMinute: 0 } })
      addBareRoute(app)
      addFloorRoutes(app, store, subjects.prefill, { lookup: LOOKUP_PURPOSE, prefill: PREFILL_PROCEDURE })
      const url = await app.listen({ host: '127.0.0.1', port: 0 })
      reply({ type: 'started', url, keys })
      return
    }
    case 'warm': {
      // Every person once, so each scenario meets the same warm page cache, not the first one a cold one.
      const started = performance.now()
      for (const id of (subjects as Subjects).personIds) await (store as Store).get('persons', id)
      reply({ type: 'warmed', seconds: Math.round((performance.now() - started) / 10) / 100 })
      return
    }
    case 'raw-get':
      reply({ type: 'result',
        summary: await rawGetLoop(store as Store, (subjects as Subjects).personIds, request.settings, request.seed) })
      return
    case 'raw-prefill-reads':
      reply({ type: 'result',
        summary: await rawPrefillReadsLoop(store as Store, (subjects as Subjects).prefill, request.settings) })
      return
    case 'cpu': {
      // CPU this process has used so far (all its threads: the event loop, SQLite, GC), µs.
      const { user, system } = process.cpuUsage()
      reply({ type: 'cpu', micros: user + system })
      return
    }
    case 'stop':
      await app?.close()
      await store?.close()
      // Exit at once: an idle keep-alive or log stream must not hold the process (nor the profile).
      process.exit(0)
  }
}

process.on('message', (request: ServerRequest) => {
  handle(request).catch(err => {
    reply({ type: 'error', message: (err as Error).stack ?? String(err) })
  })
})
