// `lienthong rebuild --target-data-dir <dir> | --target-database <name>`: replays the canonical
// topics, from the start to where they ended when it began, into an EMPTY target store (a data dir for the
// embedded store, a database for MongoDB; never the live one), prints progress on stderr (a bar with
// rate and ETA on a terminal, at most a line every 10 s elsewhere), then the canonical hashes of the
// live and the rebuilt store on stdout. Exit 0 when they are equal,
// 1 when they differ, 2 on bad usage or a non-empty target.
import type { HubConfig } from '../../infra/config/schema.js'
import { openEventLog, openStore } from '../../infra/open-adapters.js'
import { loadSurvivorship } from '../../consumers/merger/survivorship.js'
import { replayInto } from '../../consumers/merger/rebuild.js'
import { hashStore, mergerCollectionsEmpty } from '../../consumers/merger/store-hash.js'
import { canonicalTopics } from '../../consumers/merger/merger.js'
import type { EventLog } from '../../infra/ports/event-log.js'
import { createProgressReport } from '../../infra/shared/cli-progress-report.js'
import type { Command } from './command.js'

/** The bar's end: offsets the canonical partitions reached (an upper bound once retention trimmed their start). */
async function eventsToReplay (eventLog: EventLog): Promise<number> {
  const ends = await eventLog.lastOffsets(canonicalTopics())
  return ends.reduce((sum, e) => sum + (e.lastOffset === null ? 0 : Number(e.lastOffset) + 1), 0)
}

const usage = 'usage: lienthong rebuild (--target-data-dir <dir> | --target-database <name>)\n'

interface RebuildArgs { targetDataDir?: string, targetDatabase?: string }

function parseArgs (args: string[]): RebuildArgs | string {
  const out: RebuildArgs = {}
  for (let i = 0; i < args.length; i++) {
    const m = /^--(target-data-dir|target-database)(?:=(.*))?$/.exec(args[i])
    if (m === null) {
      if (/^--(role|port|config)/.test(args[i])) { if (!args[i].includes('=')) i++; continue }
      return `unknown argument ${args[i]}`
    }
    const value = m[2] ?? args[++i]
    if (value === undefined || value === '') return `--${m[1]} needs a value`
    if (m[1] === 'target-data-dir') out.targetDataDir = value
    else out.targetDatabase = value
  }
  return out
}

/** The configuration of the target store: the live one's, pointed elsewhere. */
function targetConfig (config: HubConfig, args: RebuildArgs): HubConfig | string {
  if (config.mongodb.uri !== '') {
    if (args.targetDatabase === undefined) return 'the live store is MongoDB: give --target-database <name>'
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(args.targetDatabase)) {
      return '--target-database: letters, digits, _ and - (at most 63)'
    }
    if (args.targetDatabase === config.mongodb.database) return '--target-database must not be the live database'
    return { ...config, mongodb: { ...config.mongodb, database: args.targetDatabase } }
  }
  if (args.targetDataDir === undefined) return 'the live store is embedded: give --target-data-dir <dir>'
  if (args.targetDataDir.replace(/\/+$/, '') === config.dataDir.replace(/\/+$/, '')) {
    return '--target-data-dir must not be the live data dir'
  }
  return { ...config, dataDir: args.targetDataDir }
}

export const rebuildCommand: Command = {
  usage,
  summary: 'rebuild: replay the canonical topics into an empty store and compare it with the live one',
  async run ({ config, logger, args, stdout, stderr }) {
    const parsed = parseArgs(args)
    const target = typeof parsed === 'string' ? parsed : targetConfig(config, parsed)
    if (typeof target === 'string') { stderr.write(`${target}\n${usage}`); return 2 }
    const rules = loadSurvivorship()
    const targetStore = await openStore(target)
    const liveStore = await openStore(config)
    const eventLog = openEventLog(config, logger)
    try {
      if (!await mergerCollectionsEmpty(targetStore)) {
        stderr.write(
          'the target store already holds golden records, history or conflicts; rebuild needs an empty one\n'
        )
        return 2
      }
      const progress = createProgressReport({
        stream: stderr,
        label: 'rebuild',
        unit: 'events',
        total: await eventsToReplay(eventLog)
      })
      const result = await replayInto({
        eventLog, target: targetStore, rules, logger,
        batchSize: config.consumer.batchSize,
        maxAttempts: config.consumer.maxAttempts,
        group: `merger.rebuild.${Date.now().toString(36)}`,
        progress: p => progress.update(
          p.events, p.events, `${p.events} events, ${p.versions} versions, ${p.rejected} rejected`
        )
      }).finally(() => progress.stop())
      stderr.write(
        `rebuild: replay done, ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s; hashing\n`
      )
      const [live, rebuilt] = await Promise.all([hashStore(liveStore), hashStore(targetStore)])
      const equal = live.hash === rebuilt.hash
      stdout.write(
        JSON.stringify({
          events: result.events,
          rejected: result.rejected,
          versions: result.versions,
          seconds: result.elapsedMs / 1000,
          live,
          rebuilt,
          equal
        }) + '\n'
      )
      return equal ? 0 : 1
    } finally {
      await eventLog.close()
      await Promise.allSettled([targetStore.close(), liveStore.close()])
    }
  }
}
