// When the merger may hold golden records back (issue 14): while it is catching up, i.e. the
// partitions of the batch in hand still hold more than `aboveLag` messages after it (a source's
// first load, a restart after downtime), and while it holds fewer than `maxHeld` records (memory).
// Canonical events do not say whether they came from a source's snapshot, so lag is the signal.
// The lag is this batch's own partitions', asked of the log: another member's backlog never keeps
// this one from writing what it holds, and the last batch of a load always finds it caught up.
import type { ConsumedMessage, EventLog } from '../../infra/ports/event-log.js'

export interface CatchingUpOptions {
  /** Messages still behind the batch above which records are held back; 0 disables holding back. */
  aboveLag: number
  /** Most records held back at once; reaching it writes them all. */
  maxHeld: number
}

export const defaultCatchingUp: CatchingUpOptions = { aboveLag: 2000, maxHeld: 10000 }

export function catchingUp (eventLog: EventLog, held: () => number, { aboveLag, maxHeld }: CatchingUpOptions) {
  return async function defer (messages: ConsumedMessage[]): Promise<boolean> {
    if (aboveLag <= 0 || messages.length === 0 || held() >= maxHeld) return false
    const newest = new Map<string, bigint>()
    for (const m of messages) {
      const key = `${m.topic}\u0000${m.partition}`
      const offset = BigInt(m.offset)
      if ((newest.get(key) ?? -1n) < offset) newest.set(key, offset)
    }
    const ends = await eventLog.lastOffsets([...new Set(messages.map(m => m.topic))])
    let lag = 0n
    for (const end of ends) {
      const seen = newest.get(`${end.topic}\u0000${end.partition}`)
      if (seen !== undefined && end.lastOffset !== null) {
        lag += BigInt(end.lastOffset) > seen ? BigInt(end.lastOffset) - seen : 0n
      }
    }
    return lag > BigInt(aboveLag)
  }
}
