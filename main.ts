#!/usr/bin/env node
// Entry point: the only place that reads process.env and process.argv. Loads and validates the
// configuration, starts the roles asked for, and shuts down gracefully on SIGTERM / SIGINT.
import { loadConfig, ConfigError } from './infra/config/load.js'
import { createLogger } from './infra/logging/logger.js'
import { startHub } from './hub/start-hub.js'

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig({ env: process.env, argv: process.argv.slice(2) })
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
  const logger = createLogger(config.logLevel)
  const hub = await startHub(config, logger)
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
      ''
    ].join('\n') + '\n')
  }
  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: finishing the batch in hand')
    hub.stop().then(() => process.exit(0), err => { logger.error({ err }, 'shutdown failed'); process.exit(1) })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

main().catch(err => {
  process.stderr.write(`Liên Thông failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
