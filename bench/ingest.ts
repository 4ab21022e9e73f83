// bench/ingest: how fast the hub loads a whole city, against the store's own limit and a plain sink.
// Usage: npm run bench:ingest -- --citizens N [--engine embedded|real] [--peer]
//   [--ceiling-batches 100,500,2000] [--freshness-seconds 20] [--tracers-per-second 5] [--log-level warn]
//   [--timeout-s 3600]
// --engine real reads KAFKA_BROKERS and MONGODB_URI (defaults from LT_KAFKA_PORT / LT_FERRETDB_PORT,
// else the infra/engines ports); --peer needs Kafka Connect (infra/engines/connect.sh up; LT_CONNECT_PORT).
// Phases, each printing one JSON line when it ends (docs/benchmarks.md):
//   load       the hub (in this process) reads a simulated city of N citizens until nothing lags
//   ceiling    the load's exact final documents re-inserted raw into fresh collections of the same store
//   raw        the store's and event log's raw rates, as the earlier bench printed them (reference)
//   peer       Kafka Connect's MongoDB sink copying the same raw topics into the same FerretDB
//   freshness  a steady change stream at half the load's rate; push-to-readable-through-the-API p99
// and last one line {"summary": {...}}.
import { rmSync } from 'node:fs'
import { parseIngestOptions } from './ingest/options.js'
import { emit, round } from './ingest/emit.js'
import { sampleRss } from './ingest/rss.js'
import { startRun, stopRun, type HubRun } from './ingest/hub-run.js'
import { measureCeiling } from './ingest/ceiling.js'
import { measureRawCeilings } from './ingest/raw-ceilings.js'
import { measurePeer, type PeerFigures } from './ingest/peer-sink.js'
import { citizenReader } from './ingest/api-reader.js'
import { measureFreshness } from './ingest/freshness.js'
import { builtInConnectors } from '../connectors/built-in.js'
import { toChangeEvent } from '../connectors/runner/change-event.js'

/** One raw event of the real size (a civil-status record in its envelope), for the log's raw rates. */
function oneRawMessage (run: HubRun): string {
  const connector = builtInConnectors[0]
  const record = run.city.departments.civilStatus.streams['cong-dan'].records()[0]
  return JSON.stringify(toChangeEvent(connector.manifest, 'persons', connector.toChange(record as never), false,
    new Date().toISOString()))
}

async function main (): Promise<void> {
  const options = parseIngestOptions(process.argv.slice(2), process.env)
  const rss = sampleRss()
  const { run, figures: load } = await startRun(options)
  try {
    const engine = `${run.hub.eventLog.kind}+${run.hub.store.kind}`
    emit({ phase: 'load', engine, citizens: options.citizens, ...load, rssMb: rss.maxMb() })

    const ceiling = await measureCeiling(run.hub.store, run.config, options.ceilingBatches)
    emit({ phase: 'ceiling', ...ceiling })

    const sampleGolden = (await run.hub.store.find('persons', { limit: 1 }))[0]
    if (sampleGolden !== undefined) {
      emit({ phase: 'raw', ...await measureRawCeilings(run.hub.eventLog, run.hub.store, sampleGolden,
        oneRawMessage(run), load.rawEvents) })
    }

    let peer: PeerFigures | undefined
    if (options.peer) {
      const topics = run.rawTopics.map(t => `${run.config.kafka.namespace}.${t}`)
      peer = await measurePeer(options.connectUrl, topics, load.rawEvents, options.mongodbUri, run.run)
      emit({ phase: 'peer', ...peer, rawEventsPerSec: Math.round(load.rawEvents / peer.peerSeconds) })
    }

    const reader = await citizenReader(run.hub.store, run.hub.gatewayUrl as string)
    const freshness = await measureFreshness(run.hub, run.city, reader, load.rawEventsPerSec, options.freshnessSeconds,
      options.tracersPerSecond)
    emit({ phase: 'freshness', ...freshness })

    emit({
      summary: {
        engine,
        citizens: options.citizens,
        rawEvents: load.rawEvents,
        canonicalEvents: load.canonicalEvents,
        documents: ceiling.documents,
        loadSeconds: load.loadSeconds,
        ceilingSeconds: ceiling.ceilingSeconds,
        ceilingBatchSize: ceiling.bestBatchSize,
        loadRatio: round(ceiling.ceilingSeconds / load.loadSeconds, 3),
        ...(peer !== undefined
          ? { peerSeconds: peer.peerSeconds, peerRatio: round(peer.peerSeconds / load.loadSeconds, 3) } : {}),
        freshnessP99Ms: freshness.p99Ms,
        freshnessUnseen: freshness.unseen,
        rssMaxMb: rss.maxMb()
      }
    })
  } finally {
    rss.stop()
    await stopRun(run)
    rmSync(run.dataDir, { recursive: true, force: true })
  }
}

main().then(() => process.exit(0), err => {
  process.stderr.write(`bench/ingest failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
