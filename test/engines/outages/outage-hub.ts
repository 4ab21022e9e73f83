// A whole hub on Kafka + FerretDB under a small load, for the outage tests: one engine is stopped
// while the merger is working and started again, and the tests watch readiness and the catch-up.
// The outage tests stop and start a shared engine: npm run test:engines runs them one at a time after the rest; run
// each alone, with LT_ENGINES_DIR (and the ports) set as when the engines were started (infra/engines/README.md).
import type { Test } from 'tap'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'
import { loadConfig } from '../../../hub/config.js'
import { startHub, type RunningHub } from '../../../hub/start-hub.js'
import type { SupervisedConsumer } from '../../../consumers/supervisor.js'
import { MERGER_GROUP } from '../../../consumers/merger/merger.js'
import { withTimeout } from '../../../infra/shared/retry.js'
import { hint, kafkaBrokers, mongoUri, testDatabase, testNamespace } from '../engines.js'

function logDigest (file: string): string {
  let text = ''
  try { text = readFileSync(file, 'utf8') } catch { return '(no hub log)' }
  const lines: string[] = []
  for (const line of text.split('\n')) {
    try {
      const l = JSON.parse(line) as { time: number, level: number, msg: string, supervised?: string,
        err?: { message?: string } }
      if (l.supervised === undefined && l.level < 40) continue
      lines.push(`${new Date(l.time).toISOString().slice(11, 19)} ${l.supervised ?? ''} ${l.msg} ` +
        `${(l.err?.message ?? '').slice(0, 80)}`)
    } catch {}
  }
  return lines.slice(-25).join(' | ')
}

export type EngineScript = 'kafka' | 'ferretdb'

/** Stops or starts one engine with the project's own script. */
export async function engine (script: EngineScript, action: 'up' | 'down'): Promise<void> {
  const file = fileURLToPath(new URL(`../../../infra/engines/${script}.sh`, import.meta.url))
  await promisify(execFile)('bash', [file, action], { env: process.env, timeout: 180000 })
}

export interface LoadedHub {
  hub: RunningHub
  merger: SupervisedConsumer
  ready: () => Promise<{ status: number, checks: Record<string, string> }>
  /** The hub log's last supervisor lines and warnings, for a failure's message. */
  logDigest: () => string
  /** Golden person records written so far (bounded: a probe that hangs would outlive waitFor's bound). */
  persons: () => Promise<number>
}

/** Starts the hub (role all) with its simulated city of `citizens`; the engine comes back up at teardown. */
export async function startLoadedHub (t: Test, citizens: number, restore: EngineScript): Promise<LoadedHub> {
  const namespace = testNamespace()
  const config = loadConfig({
    env: { KAFKA_BROKERS: kafkaBrokers.join(','), MONGODB_URI: mongoUri },
    overrides: {
      role: 'all', port: 0, logLevel: 'silent', kafka: { namespace, clientId: namespace },
      mongodb: { database: testDatabase(), timeoutMs: 3000 }, sim: { citizens, port: 0, changesPerSecond: 0 },
      security: { demoClients: false }, consumer: { batchSize: 50, maxAttempts: 3,
        restartMinMs: 500, restartMaxMs: 5000 }
    }
  })
  // Always logged to a file: a failure's message carries the supervisors' last words (logDigest).
  const logFile = process.env.LT_TEST_HUB_LOG ?? join(t.testdir({}), 'hub.log')
  const hubLogger = pino({ level: 'info' }, pino.destination({ dest: logFile, sync: true }))
  let hub: RunningHub
  try { hub = await startHub(config, hubLogger) } catch (err) { throw new Error(`${(err as Error).message}; ${hint}`) }
  t.teardown(async () => { await engine(restore, 'up'); await hub.stop() })
  const merger = hub.consumers.find(c => (c as SupervisedConsumer).name === MERGER_GROUP) as SupervisedConsumer
  return {
    hub,
    merger,
    async ready () {
      const r = await fetch(`${hub.gatewayUrl as string}/health/ready`)
      return { status: r.status, checks: ((await r.json()) as { checks: Record<string, string> }).checks }
    },
    logDigest: () => logDigest(logFile),
    persons: async () => (await withTimeout(hub.store.find('persons', { limit: 5000 }), 30000, 'persons')).length
  }
}
