// The progress of `lienthong load` on stderr. On a terminal: one cli-progress bar per source (events
// published, events/s) and one for the merge (canonical events merged of those published so far,
// with %, events/s and ETA at the current rate). Elsewhere: one plain line every 10 s.
import cliProgress from 'cli-progress'
import { formatDuration, isTerminal, rateAndEta } from '../../infra/shared/cli-progress-report.js'

export interface LoadSnapshot {
  /** Events each source published in this run. */
  perSource: Record<string, number>
  /** Canonical events merged, and published so far. */
  merged: number
  canonical: number
}

export interface LoadProgress { update: (s: LoadSnapshot) => void, stop: () => void }

export function createLoadProgress (
  stream: NodeJS.WritableStream, sources: string[], now = Date.now, plainEveryMs = 10_000
): LoadProgress {
  const started = now()
  const rate = (n: number): string => `${Math.round(rateAndEta(n, undefined, now() - started).perSecond)} events/s`
  const mergeEta = (s: LoadSnapshot): string => formatDuration(
    rateAndEta(s.merged, s.canonical, now() - started).etaSeconds
  )
  if (!isTerminal(stream)) {
    let last = started
    return {
      update (s) {
        if (now() - last < plainEveryMs) return
        last = now()
        const read = sources.map(id => `${id} ${s.perSource[id] ?? 0}`).join(', ')
        stream.write(
          `load: ${formatDuration((now() - started) / 1000)} | read ${read} | merged ${s.merged}/${s.canonical}, ` +
          `${rate(s.merged)}, ETA ${mergeEta(s)}\n`
        )
      },
      stop () {}
    }
  }
  const width = Math.max(...sources.map(s => s.length), 'merge'.length)
  const multi = new cliProgress.MultiBar({
    stream: stream as NodeJS.WriteStream,
    hideCursor: false,
    clearOnComplete: false,
    barsize: 30,
    barCompleteChar: '#',
    barIncompleteChar: '.',
    format: '{name} {detail}'
  })
  const bars = new Map(sources.map(id => [id, multi.create(1, 0, { name: id.padEnd(width), detail: '0 events' })]))
  const merge = multi.create(
    1, 0, { name: 'merge'.padEnd(width), detail: '' }, { format: '{name} [{bar}] {percentage}% | {detail}' }
  )
  return {
    update (s) {
      for (const [id, bar] of bars) {
        const n = s.perSource[id] ?? 0
        bar.update(0, { detail: `${n} events | ${rate(n)}` })
      }
      merge.setTotal(Math.max(1, s.canonical))
      merge.update(
        s.merged, { detail: `${s.merged}/${s.canonical} canonical | ${rate(s.merged)} | ETA ${mergeEta(s)}` }
      )
    },
    stop () { multi.stop() }
  }
}
