// Progress of import, rebuild and sim:generate: the rate/ETA arithmetic, a bar with rate and ETA on
// a terminal, and (the point for logs and tests) silence off a terminal except one plain line per period.
import t from 'tap'
import { PassThrough } from 'node:stream'
import { createProgressReport, formatDuration, rateAndEta } from '../../../infra/shared/cli-progress-report.js'

function capture (tty: boolean): { stream: NodeJS.WritableStream, text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => { text += chunk.toString() })
  if (tty) {
    Object.assign(stream,
      { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true })
  }
  return { stream, text: () => text }
}

t.test('rate and ETA: units a second since the start, time left at that rate', async t => {
  t.same(rateAndEta(500, 2000, 10_000), { perSecond: 50, etaSeconds: 30, fraction: 0.25 })
  t.same(rateAndEta(2000, 2000, 4000), { perSecond: 500, etaSeconds: 0, fraction: 1 })
  t.same(rateAndEta(0, 2000, 0), { perSecond: 0, etaSeconds: undefined, fraction: 0 },
    'no ETA before anything was done')
  t.same(rateAndEta(300, undefined, 3000), { perSecond: 100, etaSeconds: undefined, fraction: undefined },
    'no ETA without a total')
  t.same(rateAndEta(5, 0, 1000), { perSecond: 5, etaSeconds: 0, fraction: 1 }, 'an empty total is done')
  t.equal(rateAndEta(3000, 2000, 1000).fraction, 1, 'overshoot (a total that was an estimate) is capped')
  t.equal(formatDuration(7.4), '7s')
  t.equal(formatDuration(125), '2m05s')
  t.equal(formatDuration(3720), '1h02m')
  t.equal(formatDuration(undefined), '?')
})

t.test('off a terminal: nothing within the period, then one plain line with rate and ETA', async t => {
  let clock = 0
  const out = capture(false)
  const report = createProgressReport({ stream: out.stream, label: 'import', unit: 'rows', total: 1000,
    plainEveryMs: 10_000, now: () => clock })
  for (clock = 100; clock < 10_000; clock += 100) report.update(clock / 20, clock / 10)
  t.equal(out.text(), '', 'a run shorter than the period writes nothing')
  clock = 10_000
  report.update(500, 1000, '1000 rows, 2 rejected')
  report.update(510, 1020)
  report.stop()
  t.equal(out.text(), 'import: 50%, 1000 rows, 2 rejected, 100 rows/s, ETA 10s\n',
    'exactly one line, no carriage returns')
})

t.test('off a terminal with plainEveryMs 0: no output at all', async t => {
  let clock = 0
  const out = capture(false)
  const report =
    createProgressReport({ stream: out.stream, label: 'rebuild', unit: 'events', plainEveryMs: 0, now: () => clock })
  for (clock = 0; clock < 60_000; clock += 1000) report.update(clock)
  report.stop()
  t.equal(out.text(), '')
})

t.test('on a terminal: a bar with percentage, rate and ETA, ended by a newline', async t => {
  let clock = 0
  const out = capture(true)
  const report =
    createProgressReport({ stream: out.stream, label: 'generate', unit: 'citizens', total: 1000, now: () => clock })
  clock = 5000
  report.update(250)
  report.stop()
  const text = out.text()
  t.match(text, /generate \[#+\.+\] 25% \| 250 citizens \| 50 citizens\/s \| ETA 15s/)
  t.ok(text.endsWith('\n'), 'the last line is ended')
})
