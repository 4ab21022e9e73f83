// The collection the peer (Kafka Connect's MongoDB sink, infra/engines/connect.sh) writes: outside
// the hub's store port (not one of its collections, another database), so bench:ingest counts and
// drops it through this small door, kept in infra/ with the other engine code.
import { MongoClient } from 'mongodb'

export interface PeerCollection {
  count: () => Promise<number>
  dropDatabase: () => Promise<void>
  close: () => Promise<void>
}

export async function openPeerCollection (uri: string, database: string, collection: string): Promise<PeerCollection> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10000 })
  await client.connect()
  const db = client.db(database)
  return {
    // countDocuments({}) runs an aggregation FerretDB 1.24 answers exactly; estimatedDocumentCount may lag.
    count: async () => await db.collection(collection).countDocuments({}),
    dropDatabase: async () => { await db.dropDatabase() },
    close: async () => await client.close()
  }
}
