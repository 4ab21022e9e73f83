// Progress of a long command-line run (lienthong import, lienthong rebuild, npm run sim:generate) on
// stderr. On a terminal: a cli-progress bar redrawn in place, with percentage, rate and ETA. Anywhere
// else (CI logs, pipes, tests): at most one plain line every `plainEveryMs`, so a short run writes
// nothing and a long one leaves a sparse trail instead of hundreds of carriage returns.
import cliProgress from 'cli-progress'

export interface RateEta {
  /** Units a second since the start. */
  perSecond: number
  /** Seconds left at that rate; undefined without a total or before anything was done. */
  etaSeconds: number | undefined
  /** Share done, 0 to 1; undefined without a total. */
  fraction: number | undefined
}

/** The arithmetic behind the bar and the plain lines, kept apart so it can be tested exactly. */
export function rateAndEta (done: number, total: number | undefined, elapsedMs: number): RateEta {
  const perSecond = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0
  if (total === undefined) return { perSecond, etaSeconds: undefined, fraction: undefined }
  const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total))
  const etaSeconds = fraction === 1 ? 0 : perSecond > 0 ? (total - done) / perSecond : undefined
  return { perSecond, etaSeconds, fraction }
}

/** 7s, 2m05s, 1h02m; '?' when not known. */
export function formatDuration (seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream
  /** First word of each line: import, rebuild, generate. */
  label: string
  /** What the rate counts: rows, events, citizens. */
  unit: string
  /** The end, in the units of `done`; without it there is no percentage and no ETA. */
  total?: number
  /** Plain-line period when the stream is not a terminal; 0 = no lines at all. */
  plainEveryMs?: number
  now?: () => number
}

export interface ProgressReport {
  /**
   * `done` drives the percentage and ETA (bytes read, events replayed); `counted` drives the rate
   * when it counts something else (rows while bytes measure the file); `detail` is free text.
   */
  update: (done: number, counted?: number, detail?: string) => void
  /** Final redraw and newline on a terminal; nothing elsewhere. */
  stop: () => void
}

export function isTerminal (stream: NodeJS.WritableStream): boolean {
  return (stream as NodeJS.WriteStream).isTTY === true
}

export function createProgressReport (options: ProgressOptions): ProgressReport {
  const { stream, label, unit, total, plainEveryMs = 10_000, now = Date.now } = options
  const started = now()
  // `left`, not `eta`: cli-progress fills its own {eta} token, from its own (different) estimate.
  const describe = (done: number, counted: number): { rate: string, left: string, percent: string } => {
    const elapsed = now() - started
    const { fraction, etaSeconds } = rateAndEta(done, total, elapsed)
    const { perSecond } = rateAndEta(counted, undefined, elapsed)
    return {
      rate: `${Math.round(perSecond)} ${unit}/s`,
      left: formatDuration(etaSeconds),
      percent: fraction === undefined ? '' : `${Math.floor(fraction * 100)}%`
    }
  }

  if (!isTerminal(stream)) {
    let lastLine = started
    return {
      update (done, counted = done, detail = `${counted} ${unit}`) {
        if (plainEveryMs <= 0 || now() - lastLine < plainEveryMs) return
        lastLine = now()
        const d = describe(done, counted)
        stream.write(`${label}: ${
          [d.percent, detail, d.rate, total !== undefined ? `ETA ${d.left}` : ''].filter(s => s !== '').join(', ')
        }\n`)
      },
      stop () {}
    }
  }

  const format = total !== undefined
    ? `${label} [{bar}] {percent} | {detail} | {rate} | ETA {left}`
    : `${label} {detail} | {rate}`
  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WriteStream,
    format,
    barsize: 30,
    hideCursor: false,
    clearOnComplete: false,
    barCompleteChar: '#',
    barIncompleteChar: '.'
  })
  const max = total !== undefined && total > 0 ? total : 1
  bar.start(max, 0, { ...describe(0, 0), detail: `0 ${unit}` })
  return {
    update (done, counted = done, detail = `${counted} ${unit}`) {
      bar.update(Math.min(done, max), { ...describe(done, counted), detail })
    },
    stop () { bar.stop() }
  }
}
