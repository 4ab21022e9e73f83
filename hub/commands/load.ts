// `lienthong load [--json] [--timeout-s N] [--progress-s N]`: a city's first load from the configured
// sources (the simulated city for the ones without a URL, as the hub does), with progress on stderr
// (a bar per source and one for the merge on a terminal; elsewhere a line every 10 s, or every
// --progress-s) and a summary on stdout: citizens, events, seconds, conflicts, unresolved, dead letters. Killed, it
// resumes where it
// stopped when run again (load-run.ts). Exit 0 when loaded, 1 when the load failed, 2 on bad usage.
import { builtInConnectors } from '../../connectors/built-in.js'
import { createLoadProgress } from './load-progress.js'
import { runLoad, type LoadSummary } from './load-run.js'
import type { Command } from './command.js'

const usage = 'usage: lienthong load [--json] [--timeout-s N] [--progress-s N]\n' +
  '  Loads every configured source once, to its end, through the normalizer and merger; run it again to resume.\n'

interface LoadArgs { json: boolean, timeoutS: number, progressS: number }

function parseArgs (args: string[]): LoadArgs | undefined {
  const out: LoadArgs = { json: false, timeoutS: 24 * 3600, progressS: 10 }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--json') out.json = true
    else if (a === '--timeout-s' || a === '--progress-s') {
      const n = Number(args[++i])
      if (!Number.isFinite(n) || n <= 0) return undefined
      if (a === '--timeout-s') out.timeoutS = n; else out.progressS = n
    } else if (/^--(role|port|config)/.test(a)) { if (!a.includes('=')) i++ } else return undefined
  }
  return out
}

function describe (s: LoadSummary): string {
  return 'Load finished:\n' +
    `  citizens:      ${s.citizens}\n` +
    `  events:        ${s.events} raw (${s.canonicalEvents} canonical)` +
    `${s.resumedFrom > 0 ? `, resumed with ${s.resumedFrom} already in the log` : ''}\n` +
    `  seconds:       ${s.seconds}${s.resumedFrom > 0 ? ' (this run)' : ''}\n` +
    `  conflicts:     ${s.conflicts}\n` +
    `  unresolved:    ${s.unresolved}\n` +
    `  dead letters:  ${s.deadLetters}\n`
}

export const loadCommand: Command = {
  usage,
  summary: 'load: a city\'s first load from the configured sources, with progress; resumable',
  async run ({ config, logger, args, stdout, stderr }) {
    const parsed = parseArgs(args)
    if (parsed === undefined) { stderr.write(usage); return 2 }
    const progress = createLoadProgress(
      stderr, builtInConnectors.map(c => c.manifest.id), Date.now, parsed.progressS * 1000
    )
    try {
      // The hub's own logs would tear the bar: errors only (each rejected record is a dead letter, counted below).
      const summary = await runLoad(
        config, logger.child({}, { level: 'error' }), progress.update, parsed.timeoutS * 1000
      )
      progress.stop()
      stdout.write(parsed.json ? JSON.stringify({ summary }) + '\n' : describe(summary))
      return 0
    } catch (err) {
      progress.stop()
      stderr.write(`Load failed: ${(err as Error).message}\n`)
      return 1
    }
  }
}
