// npm run sim:serve -- --dir <generated dir> [--port-base N (default 0: free ports)] [--host 127.0.0.1]
//   [--citizens N --seed S  (instead of --dir: generate in memory)]
//   [--changes-per-second R] [--webhook URL] [--export csv|ndjson [--export-dir DIR]]
//   [--write-config FILE] [--print-config]
// Serves each department on its own port until interrupted; prints one line per department with its
// chosen address (on stderr, for people), then one JSON line with every stream's URL (on stdout, for scripts).
// --write-config FILE writes the hub config file for the ports chosen (lienthong --config FILE);
// --print-config prints that file on stdout instead of the JSON line.
import { join } from 'node:path'
import { DEPARTMENTS } from '../city/departments.js'
import { startSimulatedCity } from '../server/city.js'
import { intFlag, readFlags, runCli, UsageError } from './args.js'
import { hubSourcesConfig, writeHubConfigFile } from './hub-config-file.js'

await runCli(async () => {
  const flags = readFlags(process.argv.slice(2), {
    dir: { type: 'string' },
    citizens: { type: 'string' },
    seed: { type: 'string' },
    host: { type: 'string' },
    'port-base': { type: 'string' },
    'changes-per-second': { type: 'string' },
    webhook: { type: 'string' },
    export: { type: 'string' },
    'export-dir': { type: 'string' },
    'write-config': { type: 'string' },
    'print-config': { type: 'boolean' }
  })
  const dir = flags.dir as string | undefined
  if (dir === undefined && flags.citizens === undefined) {
    throw new UsageError('give --dir <generated dir> or --citizens N')
  }
  const format = flags.export
  if (format !== undefined && format !== 'csv' && format !== 'ndjson') {
    throw new UsageError(`--export must be csv or ndjson, got "${String(format)}"`)
  }
  const rate = flags['changes-per-second'] === undefined ? 0 : Number(flags['changes-per-second'])
  if (!(rate >= 0 && rate <= 100_000)) {
    throw new UsageError(
      `--changes-per-second must be a number from 0 to 100000, got "${String(flags['changes-per-second'])}"`)
  }

  const city = await startSimulatedCity({
    dir,
    citizens: dir === undefined ? intFlag(flags, 'citizens') : undefined,
    seed: intFlag(flags, 'seed', 47),
    host: (flags.host as string | undefined) ?? '127.0.0.1',
    portBase: intFlag(flags, 'port-base', 0)
  })
  const pusher = typeof flags.webhook === 'string' ? city.pushTo({ url: flags.webhook }) : undefined
  if (rate > 0) city.startChanges({ perSecond: rate })
  const exported = format === undefined
    ? []
    : await city.exportFiles({ format,
      dir: (flags['export-dir'] as string | undefined) ?? join(dir ?? '.data/sim', 'export') })
  const urls = Object.fromEntries(DEPARTMENTS.map(d => [d.id,
    Object.fromEntries(d.streams.map(s => [s.name, city.departments[d.handle].url + s.path]))]))
  for (const d of DEPARTMENTS) process.stderr.write(`${d.id.padEnd(12)} ${city.departments[d.handle].url}\n`)
  const baseUrls = Object.fromEntries(DEPARTMENTS.map(d => [d.handle,
    city.departments[d.handle].url])) as Parameters<typeof hubSourcesConfig>[0]
  const configFile = flags['write-config']
  if (typeof configFile === 'string') {
    writeHubConfigFile(configFile, baseUrls)
    process.stderr.write(`hub config   ${configFile} (run: lienthong --config ${configFile})\n`)
  }
  if (flags['print-config'] === true) process.stdout.write(JSON.stringify(hubSourcesConfig(baseUrls), null, 2) + '\n')
  else process.stdout.write(JSON.stringify({ serving: urls, changesPerSecond: rate, webhook: flags.webhook ?? null,
    exported }) + '\n')

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void (async () => { await pusher?.flush(5000).catch(() => {}); await city.close() })()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
})
