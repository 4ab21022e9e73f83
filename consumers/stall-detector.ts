// Tells a consumer that is slow from one that is stuck. A group is stalled when messages wait for
// it (lag > 0) and nothing has moved for `stallMs`: no committed position advanced on any of its
// partitions and no batch of this consumer finished. Progress anywhere counts, so a consumer that
// works through a backlog one partition at a time is not stalled; a batch that takes longer than
// the whole window is (its handler hangs, or the member that holds the partitions does not read
// them), since neither its commits nor its end can be told from a hang. A group with nothing
// waiting is never stalled, and its window starts only when work appears.
export interface StallReading {
  /** Messages the group has not committed yet. */
  lag: number
  /** Any string that changes when a committed position moves (see positionsMark). */
  mark: string
}

export interface StallVerdict {
  stalled: boolean
  /** When positions last moved (the stall's start), while stalled. */
  since?: number
  /** Stalled, and the consumer was given a whole window since its last restart: restart it. */
  restartDue: boolean
}

export interface StallDetector {
  /** A reading of the group's positions and lag. */
  observe: (reading: StallReading) => StallVerdict
  /** A batch of this consumer finished: progress, whatever the positions say yet. */
  progressed: () => void
  /** The consumer was restarted because of a stall: it gets a whole window before the next one. */
  restarted: () => void
  /** The last verdict, without a new reading. */
  verdict: () => StallVerdict
}

export function createStallDetector (
  { stallMs, now = Date.now }: { stallMs: number, now?: () => number }
): StallDetector {
  let lastProgressAt = now()
  let windowFrom = lastProgressAt
  let lastMark: string | undefined
  let stalledSince: number | undefined

  function progressed (): void {
    lastProgressAt = now()
    windowFrom = lastProgressAt
    stalledSince = undefined
  }

  function verdict (): StallVerdict {
    if (stalledSince === undefined) return { stalled: false, restartDue: false }
    return { stalled: true, since: stalledSince, restartDue: now() - windowFrom >= stallMs }
  }

  return {
    observe ({ lag, mark }) {
      const moved = lastMark !== undefined && mark !== lastMark
      lastMark = mark
      // Caught up counts as progress: an idle group's clock starts when work arrives, not before.
      if (moved || lag <= 0) progressed()
      else if (stalledSince === undefined && now() - lastProgressAt >= stallMs) stalledSince = lastProgressAt
      return verdict()
    },
    progressed,
    restarted () { windowFrom = now() },
    verdict
  }
}

/** A mark of a group's committed positions that changes when any of them moves. */
export function positionsMark (
  positions: Array<{ topic: string, partition: number, committed: string | null }>
): string {
  return positions.map(p => `${p.topic}/${p.partition}@${p.committed ?? '-'}`).sort().join(' ')
}
