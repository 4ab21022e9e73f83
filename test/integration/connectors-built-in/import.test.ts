// `lienthong import`: a simulated city's CSV and NDJSON exports go through the built-in
// connectors into the event log; invalid rows go to dead letters with their line numbers.
import t from 'tap'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { startSimulatedCity } from '../../../sim/server/city.js'
import { loadConfig } from '../../../hub/config.js'
import { openEmbeddedEventLog } from '../../../infra/event-log/embedded.js'
import type { ConsumedMessage } from '../../../infra/ports/event-log.js'
import { importCommand } from '../../../hub/commands/import.js'
import type { ChangeEvent } from '../../../schemas/change-event.js'
import { waitFor } from '../../helpers/wait-for.js'

function sink (tty = false): Writable & { text: () => string, isTTY?: boolean } {
  const chunks: string[] = []
  const w = new Writable({ write (chunk, _enc,
    done) { chunks.push(String(chunk)); done() } }) as Writable & { text: () => string, isTTY?: boolean }
  w.text = () => chunks.join('')
  if (tty) w.isTTY = true
  return w
}

// Connector, stream and the export file the simulated department writes.
const FILES = [
  ['civil-status', 'persons', 'civil-status.cong-dan'],
  ['civil-status', 'marriages', 'civil-status.ket-hon'],
  ['residence', 'residents', 'residence.residents'],
  ['land', 'parcels', 'land.thua-dat'],
  ['health-insurance', 'cards', 'bhyt.the'],
  ['business-household', 'registrations', 'business.ho-kinh-doanh']
] as const

for (const format of ['ndjson', 'csv'] as const) {
  t.test(`imports every department's ${format} export`, async t => {
    const dir = t.testdir({})
    const city = await startSimulatedCity({ citizens: 150, seed: 9, rates: { invalid: 0.03 } })
    t.teardown(async () => await city.close())
    await city.exportFiles({ format, dir: join(dir, 'export') })
    const truth = city.truth ?? []
    const config = loadConfig({ overrides: { dataDir: join(dir, 'hub'), logLevel: 'silent' } })
    // Rows rejected to the dead-letter topics read below (land and residence).
    let lettered = 0
    for (const [connector, stream, file] of FILES) {
      const stdout = sink()
      const stderr = sink()
      const path = join(dir, 'export', `${file}.${format}`)
      const code = await importCommand.run({ config, logger: pino({ level: 'silent' }),
        args: ['--connector', connector, path], stdout, stderr })
      t.equal(code, 0, `${file}: exit 0`)
      const [department, simStream] = file.split('.')
      const invalid = truth.filter(e => e.type === 'invalid' && (e as { department: string }).department === department
        && (e as { stream: string }).stream === simStream)
      const rows = readFileSync(path, 'utf8').split('\n').filter(l => l.trim() !== '')
        .length - (format === 'csv' ? 1 : 0)
      if (connector === 'land' || connector === 'residence') lettered += invalid.length
      t.match(stdout.text(), new RegExp(`stream ${stream}:[\\s\\S]*rows read: +${rows}\\n[\\s\\S]*published: ` +
        `+${rows - invalid.length} to source\\.${connector}[\\s\\S]*rejected: +${invalid.length} to ` +
        `dlq\\.connector\\.${connector}`), `${file}: every valid row published, every invalid one rejected`)
      // Off a terminal, progress is at most one line every 10 s: a short import leaves stderr clean.
      t.equal(stderr.text(), '', `${file}: nothing on stderr when it is not a terminal`)
    }

    // What reached the log: ops, ids and dead letters with line numbers.
    const log = openEmbeddedEventLog({ file: join(dir, 'hub', 'event-log.sqlite') })
    t.teardown(async () => await log.close())
    const raw: ChangeEvent[] = []
    const dead: ConsumedMessage[] = []
    const subs = await Promise.all([
      log.subscribe({ group: 'check-raw', topics: ['source.residence'],
        handler: async b => { raw.push(...b.map(m => JSON.parse(m.value) as ChangeEvent)) } }),
      log.subscribe({ group: 'check-dlq', topics: ['dlq.connector.land', 'dlq.connector.residence'],
        handler: async b => { dead.push(...b) } })
    ])
    t.teardown(async () => { for (const s of subs) await s.stop() })
    const residents = city.departments.residence.streams.residents.size()
    await waitFor(() => raw.filter(e => e.source.endsWith('/residents')).length >= residents - 10
      && raw.some(e => e.source.endsWith('/households')), { what: 'imported residence events' })
    // The dead letters are read by a group of their own, which may lag behind the raw one: wait for them too.
    await waitFor(() => dead.length >= lettered, { what: `${lettered} dead letters of land and residence` })
    t.ok(raw.every(e => e.op === 'r' || e.op === 'd'), 'an import is a snapshot: op r')
    t.ok(raw.some(e => e.source.endsWith('/households')), 'households are built from the imported residents')
    const letters = dead.filter(d => d.headers['lt-dlq-line'] !== undefined)
    t.ok(letters.length > 0, 'dead letters carry a line number')
    const lines = readFileSync(join(dir, 'export', `residence.residents.${format}`), 'utf8').split(/\r?\n/)
    for (const l of letters.filter(d => d.topic === 'dlq.connector.residence')) {
      t.ok(lines[Number(l.headers['lt-dlq-line']) - 1].includes(l.key),
        `line ${l.headers['lt-dlq-line']} holds ${l.key.slice(0, 3)}…`)
      t.match(l.headers['lt-dlq-reason'], new RegExp(`residence\\.residents\\.${format} line \\d+: `))
    }
  })
}

t.test('a progress bar on a terminal; usage errors exit 2', async t => {
  const dir = t.testdir({})
  const city = await startSimulatedCity({ citizens: 60, seed: 3, departments: ['bhyt'] })
  t.teardown(async () => await city.close())
  await city.exportFiles({ format: 'ndjson', dir })
  const config = loadConfig({ overrides: { dataDir: join(dir, 'hub'), logLevel: 'silent' } })
  const run = async (args: string[], tty = false) => {
    const stdout = sink()
    const stderr = sink(tty)
    const code = await importCommand.run({ config, logger: pino({ level: 'silent' }), args, stdout, stderr })
    return { code, out: stdout.text(), err: stderr.text() }
  }
  const ok = await run(['--connector', 'health-insurance', join(dir, 'bhyt.the.ndjson')], true)
  t.equal(ok.code, 0)
  t.match(ok.err, /\x1b\[1Gimport \[#{30}\] 100% \| \d+ rows, 0 rejected \| \d+ rows\/s \| ETA 0s/,
    'the bar (cli-progress) is drawn in place and ends full, with rate and ETA')
  t.equal((await run(['--connector', 'nope', 'x.csv'])).code, 2)
  t.equal((await run(['--connector', 'civil-status', join(dir, 'bhyt.the.ndjson')])).code, 2,
    'a two-stream connector needs to know the stream')
  t.match((await run(['--connector', 'civil-status', join(dir, 'bhyt.the.ndjson')])).err,
    /pass --stream \(persons, marriages\)/)
  t.equal((await run(['--connector', 'land'])).code, 2)
})
