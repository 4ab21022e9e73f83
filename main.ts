#!/usr/bin/env node
// Entry point: the only place that reads process.env and process.argv. Loads and validates the
// configuration, starts the roles asked for, and shuts down gracefully on SIGTERM / SIGINT.
import { loadConfig, ConfigError } from './hub/config.js'
import { createLogger } from './infra/logging/logger.js'
import { heldDestination } from './infra/logging/held-destination.js'
import { startHub } from './hub/start-hub.js'
import { startBanner } from './hub/start-banner.js'
import { sampleCouple } from './hub/sample-couple.js'
import { commands } from './hub/commands/index.js'
import { parseCommandLine } from './hub/commands/command-line.js'
import { checkStartup } from './infra/startup/check-startup.js'
import { StartupError } from './infra/startup/startup-error.js'
import { stopWithin } from './hub/bounded-stop.js'

async function main (): Promise<void> {
  // `lienthong <command> …` runs a subcommand; flags alone start the hub; --help prints usage.
  const line = parseCommandLine(process.argv.slice(2), commands)
  if (line.kind === 'help') { process.stdout.write(line.text); process.exit(0) }
  if (line.kind === 'error') { process.stderr.write(`${line.message}\n`); process.exit(2) }
  const { command, rest } = line
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
  try {
    // Before any role or command: the data folder, the engines' addresses, the embedded files
    // (`repair` looks at those itself). One line naming the setting or file, then a non-zero exit.
    await checkStartup(config, { skipFiles: command === 'repair' })
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`Liên Thông did not start: ${err.message}\n`)
      process.exit(err.exitCode)
    }
    throw err
  }
  // The hub's start-up logs wait until the banner is out (a command logs at once).
  const held = command === undefined && (config.role === 'all' || config.role === 'gateway')
    ? heldDestination(process.stdout)
    : undefined
  const logger = createLogger(config.logLevel, held)
  if (command !== undefined) {
    process.exit(
      await commands[command].run({ config, logger, args: rest, stdout: process.stdout, stderr: process.stderr })
    )
  }
  // Handlers go in before anything starts: a SIGTERM during start-up aborts it (what started is
  // stopped) and exits 0, instead of the default action killing the process with 143.
  const starting = new AbortController()
  let hub: Awaited<ReturnType<typeof startHub>> | undefined
  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) return
    stopping = true
    logger.info(
      { signal, phase: hub === undefined ? 'start-up' : 'running' }, 'shutting down: finishing the batch in hand'
    )
    if (hub === undefined) { starting.abort(); return }
    const boundMs = config.consumer.shutdownMs
    const running = hub
    void stopWithin(async () => await running.stop(), boundMs).then(outcome => {
      if (outcome.kind === 'stopped') process.exit(0)
      if (outcome.kind === 'failed') logger.error({ err: outcome.err }, 'shutdown failed')
      else logger.error(
        { boundMs }, 'shutdown timed out: the batch in hand did not finish (LT_CONSUMER_SHUTDOWN_MS); exiting'
      )
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  logger.info({ role: config.role }, 'starting')
  try {
    hub = await startHub(config, logger, { signal: starting.signal })
  } catch (err) {
    // A failed start shows its logs before the error line; a good one shows them after the banner.
    held?.release()
    if (starting.signal.aborted) { logger.info('start-up aborted by a signal; stopped cleanly'); process.exit(0) }
    throw err
  }
  // The signal came after the last start-up step had begun: stop what started.
  if (starting.signal.aborted) { held?.release(); await hub.stop(); process.exit(0) }
  const engines = `event log: ${hub.eventLog.kind}, store: ${hub.store.kind}`
  if (hub.gatewayUrl !== undefined) {
    const city = hub.city
    process.stdout.write(startBanner({
      role: config.role,
      engines,
      gatewayUrl: hub.gatewayUrl,
      consoleUrl: `${hub.gatewayUrl}/console`,
      sampleCitizenId: hub.source?.records()[0]?.so_dinh_danh,
      sampleCouple: hub.source !== undefined ? sampleCouple(hub.source.records(), new Date()) : undefined,
      demoKeysFile: hub.demoKeys?.file,
      changesPerSecond: city !== undefined ? config.sim.changesPerSecond : undefined,
      departments: hub.simulatedSources
    }))
  }
  held?.release()
  logger.info({ role: config.role, engines }, 'Liên Thông started')
}

main().catch(err => {
  process.stderr.write(`Liên Thông failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
