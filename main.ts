#!/usr/bin/env node
// Entry point: the only place that reads process.env and process.argv. Loads and validates the
// configuration, starts the roles asked for, and shuts down gracefully on SIGTERM / SIGINT.
import { loadConfig, ConfigError } from './infra/config/load.js'
import { createLogger } from './infra/logging/logger.js'
import { startHub } from './hub/start-hub.js'
import { commands } from './hub/commands/index.js'

async function main (): Promise<void> {
  const argv = process.argv.slice(2)
  // `lienthong <command> …` runs a subcommand; flags alone start the hub.
  const command = argv[0] !== undefined && !argv[0].startsWith('--') ? argv[0] : undefined
  if (command !== undefined && commands[command] === undefined) {
    process.stderr.write(`Unknown command '${command}'. Commands: ${Object.keys(commands).join(', ') || 'none'}; without one, the hub starts.\n`)
    process.exit(2)
  }
  const rest = command !== undefined ? argv.slice(1) : argv
  let config
  try {
    config = loadConfig({ env: process.env, argv: rest })
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
  const logger = createLogger(config.logLevel)
  if (command !== undefined) {
    process.exit(await commands[command].run({ config, logger, args: rest, stdout: process.stdout, stderr: process.stderr }))
  }
  // Handlers go in before anything starts: a SIGTERM during start-up aborts it (what started is
  // stopped) and exits 0, instead of the default action killing the process with 143.
  const starting = new AbortController()
  let hub: Awaited<ReturnType<typeof startHub>> | undefined
  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) return
    stopping = true
    logger.info({ signal, phase: hub === undefined ? 'start-up' : 'running' }, 'shutting down: finishing the batch in hand')
    if (hub === undefined) { starting.abort(); return }
    hub.stop().then(() => process.exit(0), err => { logger.error({ err }, 'shutdown failed'); process.exit(1) })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  logger.info({ role: config.role }, 'starting')
  try {
    hub = await startHub(config, logger, { signal: starting.signal })
  } catch (err) {
    if (starting.signal.aborted) { logger.info('start-up aborted by a signal; stopped cleanly'); process.exit(0) }
    throw err
  }
  // The signal came after the last start-up step had begun: stop what started.
  if (starting.signal.aborted) { await hub.stop(); process.exit(0) }
  const engines = `event log: ${hub.eventLog.kind}, store: ${hub.store.kind}`
  logger.info({ role: config.role, engines }, 'Liên Thông started')
  if (hub.gatewayUrl !== undefined) {
    const sample = hub.source?.records()[0]?.so_dinh_danh
    process.stdout.write([
      '',
      `Liên Thông is running (role ${config.role}; ${engines})`,
      `  API docs (Swagger UI): ${hub.gatewayUrl}/docs`,
      `  OpenAPI document:      ${hub.gatewayUrl}/docs/json`,
      `  Readiness:             ${hub.gatewayUrl}/health/ready`,
      ...(sample !== undefined ? [`  A citizen:             ${hub.gatewayUrl}/v1/citizens/${sample}`] : []),
      ...(hub.source !== undefined ? [`  Simulated source:      ${hub.source.url}/api/v1/cong-dan`] : []),
      ...(hub.demoKeys !== undefined ? [
        `  Demo API keys:         ${hub.demoKeys.file} (send Authorization: Bearer <key> and X-Purpose: <purpose>)`,
        ...hub.demoKeys.clients.map(c => `    ${c.id} (${c.kind}; ${c.purposes.join(', ') || 'no personal-data grant'}): ${c.key}`)
      ] : []),
      ''
    ].join('\n') + '\n')
  }
}

main().catch(err => {
  process.stderr.write(`Liên Thông failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
