// The peer: Kafka Connect 4.x (standalone worker, infra/engines/connect.sh) with the Debezium MongoDB
// sink copying the run's raw topics into the same FerretDB, one document per raw event. Timed from
// the connector's creation until the target holds every raw event. docs/benchmarks.md explains the
// record shape: the sink only takes Debezium change events (a Struct, an `op`, the row in `after`),
// so Connect's own converters and transforms make one of each raw event.
import { openPeerCollection } from '../../infra/engines/peer-collection.js'
import { round, until } from './emit.js'

export const PEER_COLLECTION = 'raw_events'

/** The connector configuration, exactly as sent to Connect's REST API (documented in docs/benchmarks.md). */
export function peerConnectorConfig (topics: string[], mongodbUri: string, database: string): Record<string, string> {
  return {
    'connector.class': 'io.debezium.connector.mongodb.MongoDbSinkConnector',
    'tasks.max': '1',
    topics: topics.join(','),
    'mongodb.connection.string': mongodbUri,
    'sink.database': database,
    'collection.name.format': PEER_COLLECTION,
    // Raw events are JSON text keyed by a string: parse the value into a map (no schema)...
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    // ...and make the change event the sink requires: the key a document {key, topic, partition, offset}
    // (one _id per raw event, so none overwrites another), the value {op: "c", after: <raw event>}.
    transforms: 'key,coordinates,after,op',
    'transforms.key.type': 'org.apache.kafka.connect.transforms.HoistField$Key',
    'transforms.key.field': 'key',
    'transforms.coordinates.type': 'org.apache.kafka.connect.transforms.InsertField$Key',
    'transforms.coordinates.topic.field': 'topic',
    'transforms.coordinates.partition.field': 'partition',
    'transforms.coordinates.offset.field': 'offset',
    'transforms.after.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
    'transforms.after.field': 'after',
    'transforms.op.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
    'transforms.op.static.field': 'op',
    'transforms.op.static.value': 'c',
    // A record the sink cannot write fails the task (the default), so a count that stops short is seen.
    'errors.tolerance': 'none',
    'consumer.override.auto.offset.reset': 'earliest',
    'consumer.override.max.poll.records': '2000'
  }
}

export interface PeerFigures { peerSeconds: number, documents: number, connector: string }

async function connect (url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await res.text()
  if (res.status >= 300 && !(method === 'DELETE' && res.status === 404)) {
    throw new Error(`Kafka Connect ${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
  }
  return text === '' ? undefined : JSON.parse(text)
}

/** Copies the topics with the sink; fails with the task's own error if it stops. */
export async function measurePeer (connectUrl: string, topics: string[], rawEvents: number, mongodbUri: string,
  run: string): Promise<PeerFigures> {
  const name = `${run}-peer`
  const database = `${run}peer`
  const target = await openPeerCollection(mongodbUri, database, PEER_COLLECTION)
  try {
    const t0 = performance.now()
    await connect(connectUrl, 'PUT', `/connectors/${name}/config`, peerConnectorConfig(topics, mongodbUri, database))
    let documents = 0
    await until(async () => {
      const status = await connect(connectUrl, 'GET',
        `/connectors/${name}/status`) as { tasks?: Array<{ state: string, trace?: string }> }
      const failed = status.tasks?.find(t => t.state === 'FAILED')
      if (failed !== undefined) {
        throw new Error(`the sink task failed: ${(failed.trace ?? '').split('\n').slice(0, 3).join(' | ')}`)
      }
      documents = await target.count()
      return documents >= rawEvents
    }, 3_600_000, `the sink to write ${rawEvents} documents`, 250)
    const peerSeconds = (performance.now() - t0) / 1000
    return { peerSeconds: round(peerSeconds, 2), documents, connector: name }
  } finally {
    await connect(connectUrl, 'DELETE', `/connectors/${name}`).catch(() => undefined)
    await target.dropDatabase().catch(() => undefined)
    await target.close()
  }
}
