// The stall detector on a fake clock (issue 12.2): work waiting and no position moving for the
// window is a stall; progress on any partition, or a finished batch, is not; moving again clears it.
import t from 'tap'
import { createStallDetector, positionsMark } from '../../../consumers/stall-detector.js'

function clocked (stallMs: number): { at: (ms: number) => void, detector: ReturnType<typeof createStallDetector> } {
  let now = 0
  return { at: ms => { now = ms }, detector: createStallDetector({ stallMs, now: () => now }) }
}

const mark = (...committed: Array<string | null>): string =>
  positionsMark(committed.map((c, partition) => ({ topic: 'canonical.person', partition, committed: c })))

t.test('work waiting and no position moving for the window is a stall, dated from the last move', async t => {
  const { at, detector } = clocked(60000)
  at(1000); t.notOk(detector.observe({ lag: 583, mark: mark('10', '20') }).stalled)
  at(30000); t.notOk(detector.observe({ lag: 583, mark: mark('10', '20') }).stalled, 'within the window')
  at(59999); t.notOk(detector.observe({ lag: 583, mark: mark('10', '20') }).stalled, 'just within the window')
  at(60000)
  const v = detector.observe({ lag: 583, mark: mark('10', '20') })
  t.ok(v.stalled)
  t.equal(v.since, 0, 'since the last progress (the start here)')
  t.ok(v.restartDue)
})

t.test('slow but progressing is not a stall: one partition at a time, or batches finishing', async t => {
  const { at, detector } = clocked(60000)
  at(0); detector.observe({ lag: 900, mark: mark('0', '0', '0') })
  // Only partition 2 moves, every 50 s: the others wait their turn.
  at(50000); t.notOk(detector.observe({ lag: 850, mark: mark('0', '0', '50') }).stalled)
  at(100000); t.notOk(detector.observe({ lag: 800, mark: mark('0', '0', '100') }).stalled)
  // Then nothing commits for 110 s, but batches of this consumer finish (a long run of chunks).
  at(150000); detector.progressed()
  at(200000); t.notOk(detector.observe({ lag: 800, mark: mark('0', '0', '100') }).stalled)
  at(209999); t.notOk(detector.observe({ lag: 800, mark: mark('0', '0', '100') }).stalled)
  at(210000); t.ok(detector.observe({ lag: 800, mark: mark('0', '0', '100') }).stalled, 'a window after the last batch')
})

t.test('nothing waiting is never a stall, and the window starts when work arrives', async t => {
  const { at, detector } = clocked(60000)
  at(0); detector.observe({ lag: 0, mark: mark('5') })
  at(500000); t.notOk(detector.observe({ lag: 0, mark: mark('5') }).stalled, 'idle for long, caught up')
  at(500001); t.notOk(detector.observe({ lag: 3, mark: mark('5') }).stalled, 'work just arrived')
  at(560001); t.ok(detector.observe({ lag: 3, mark: mark('5') }).stalled)
})

t.test('a restart gets a whole window before the next; moving again clears the stall', async t => {
  const { at, detector } = clocked(1000)
  at(0); detector.observe({ lag: 3, mark: mark('1') })
  at(1000); t.ok(detector.observe({ lag: 3, mark: mark('1') }).restartDue)
  detector.restarted()
  at(1500)
  const during = detector.observe({ lag: 3, mark: mark('1') })
  t.ok(during.stalled, 'still stalled after the restart')
  t.notOk(during.restartDue, 'but not due again yet')
  t.equal(during.since, 0, 'since when positions last moved, not since the restart')
  at(2000); t.ok(detector.observe({ lag: 3, mark: mark('1') }).restartDue, 'due again a window after the restart')
  detector.restarted()
  at(2100)
  const moved = detector.observe({ lag: 1, mark: mark('3') })
  t.notOk(moved.stalled, 'positions moved')
  t.same(detector.verdict(), { stalled: false, restartDue: false })
  at(2900); t.notOk(detector.observe({ lag: 1, mark: mark('3') }).stalled, 'a new window from the move')
})
