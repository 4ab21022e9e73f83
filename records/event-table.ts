// The event table both stored forms use (state-codec.ts, provenance-codec.ts): each event once,
// sorted by id so the table depends only on which events are there, and fields pointing into it
// by index.
export interface EventTable<E> { events: E[], indexOf: (eventId: string) => number }

/** Distinct events (the first seen per id), sorted by id. */
export function eventTable<E extends { eventId: string }> (entries: Iterable<E>): EventTable<E> {
  const byId = new Map<string, E>()
  for (const e of entries) if (!byId.has(e.eventId)) byId.set(e.eventId, e)
  const events = [...byId.values()].sort((a, b) => a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  const index = new Map(events.map((e, i) => [e.eventId, i]))
  return { events, indexOf: id => index.get(id) as number }
}

/** The event a stored field names; a broken index is refused, naming where it was found. */
export function eventAt<E> (events: E[], event: number, where: string): E {
  const e = events[event]
  if (e === undefined) throw new Error(`${where} names event ${event} of ${events.length}`)
  return e
}
