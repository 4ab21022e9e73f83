// The merge state of one source system for one record, in memory: last-writer-wins registers the
// merger folds events into (its stored form is state-codec.ts).

/** Orders one source's events: source time, then the source position, then the event id. */
export interface Stamp { sourceTime: string, position: string, eventId: string }

/** One source's latest value of one field, with where it came from. */
export interface Contribution extends Stamp {
  value: unknown
  sourceKey: string
  ingestTime: string
  connector: string
  connectorVersion: string
}

/**
 * Everything one source system said about one record, reduced to last-writer-wins registers:
 * per field the contribution with the highest stamp, plus the newest upsert and delete seen.
 * Every part is a max over the events, so the state depends on the set of events, not their order.
 */
export interface SourceState {
  fields: Record<string, Contribution>
  latest: Stamp & { connector: string, connectorVersion: string }
  newestSourceTime: string
  newestIngestTime: string
  lastUpsert?: Stamp
  lastDelete?: Stamp
}
