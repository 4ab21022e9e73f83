// npm run sim:generate -- --citizens N --seed S [--out DIR] [--conflict-rate R] [--invalid-rate R]
//   [--legacy-id-rate R] [--old-ward-rate R] [--as-of ISO] [--export csv]
// Writes the synthetic city to DIR (default .data/sim/<seed>-<N>/) and prints a JSON summary on
// stdout; progress on stderr (a bar with rate and ETA on a terminal, at most a line every 10 s elsewhere).
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { defaultCityDir, writeCityFiles } from '../city/write-files.js'
import { exportDirectory } from '../server/export.js'
import { createProgressReport } from '../../infra/shared/cli-progress-report.js'
import { intFlag, rateFlag, readFlags, runCli, UsageError } from './args.js'

await runCli(async () => {
  const flags = readFlags(process.argv.slice(2), {
    citizens: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'as-of': { type: 'string' },
    'conflict-rate': { type: 'string' },
    'invalid-rate': { type: 'string' },
    'legacy-id-rate': { type: 'string' },
    'old-ward-rate': { type: 'string' },
    export: { type: 'string' }
  })
  const citizens = intFlag(flags, 'citizens')
  const seed = intFlag(flags, 'seed', 47)
  const exportFormat = flags.export
  if (exportFormat !== undefined && exportFormat !== 'csv' && exportFormat !== 'ndjson') {
    throw new UsageError(`--export must be csv or ndjson, got "${String(exportFormat)}"`)
  }
  const rates = Object.fromEntries(Object.entries({
    conflict: rateFlag(flags, 'conflict-rate'),
    invalid: rateFlag(flags, 'invalid-rate'),
    legacyId: rateFlag(flags, 'legacy-id-rate'),
    oldWard: rateFlag(flags, 'old-ward-rate')
  }).filter(([, v]) => v !== undefined))
  const dir = typeof flags.out === 'string' ? flags.out : defaultCityDir(seed, citizens)
  const started = performance.now()
  // Generation is synchronous: the bar redraws from inside the loop (cli-progress draws on update).
  const progress =
    createProgressReport({ stream: process.stderr, label: 'generate', unit: 'citizens', total: citizens })
  let manifest
  try {
    manifest = writeCityFiles({ citizens, seed, asOf: flags['as-of'] as string | undefined, rates }, dir,
      made => progress.update(made))
  } finally {
    progress.stop()
  }
  const seconds = (performance.now() - started) / 1000
  const exported = exportFormat === undefined ? [] : await exportDirectory(dir, exportFormat, join(dir, 'export'))
  process.stdout.write(JSON.stringify({
    dir,
    citizens,
    seed,
    households: manifest.households,
    records: manifest.records,
    truth: manifest.truth,
    exported,
    seconds: Math.round(seconds * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
  }, null, 2) + '\n')
})
