// A store that times every call of the one it wraps (lt_store_call_duration_seconds), so each
// adapter stays free of metrics and both get the same figures.
import type { Store } from '../ports/store.js'
import { secondsSince, type HubMetrics } from './metrics.js'

type Timed = Exclude<keyof Store, 'kind'>
const withCollection = new Set<Timed>(['get', 'getMany', 'bulkUpsert', 'find', 'deleteMany'])

export function timedStore (inner: Store, metrics: HubMetrics): Store {
  function timed<K extends Timed> (operation: K): Store[K] {
    const call = inner[operation] as (...args: unknown[]) => Promise<unknown>
    return (async (...args: unknown[]) => {
      // Collections are a closed set (collectionNames); cursor calls name no collection.
      const collection = withCollection.has(operation) ? String(args[0]) : ''
      const start = process.hrtime.bigint()
      let outcome = 'error'
      try {
        const result = await call.apply(inner, args)
        outcome = 'ok'
        return result
      } finally {
        metrics.calls.store.observe({ operation, collection, outcome }, secondsSince(start))
      }
    }) as Store[K]
  }
  return {
    kind: inner.kind,
    get: timed('get'),
    getMany: timed('getMany'),
    bulkUpsert: timed('bulkUpsert'),
    find: timed('find'),
    deleteMany: timed('deleteMany'),
    getCursor: timed('getCursor'),
    saveCursor: timed('saveCursor'),
    ping: timed('ping'),
    close: timed('close')
  }
}
