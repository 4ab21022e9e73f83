#!/usr/bin/env node
// `npm start`, `sim:*` and `bench:*` build first, but a full `tsc` takes over a minute on a small
// machine. This builds only when a source is newer than the last good build, and then incrementally
// (tsBuildInfo in dist/), so a second start goes straight to node. Plain JavaScript: it runs before
// anything is compiled. Usage: node scripts/build-if-stale.mjs [project root, default: cwd]
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const root = resolve(process.argv[2] ?? '.')
const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'))
const outDir = join(root, config.compilerOptions?.outDir ?? 'dist')
const stamp = join(outDir, '.build-stamp')

/** Newest modification time under the tsconfig's include roots (files and folders, so a deletion counts too). */
function newestSource () {
  let newest = 0
  const visit = path => {
    let st
    try { st = statSync(path) } catch { return }
    newest = Math.max(newest, st.mtimeMs)
    if (!st.isDirectory()) return
    for (const name of readdirSync(path)) {
      if (name === 'node_modules' || name.startsWith('.')) continue
      const child = join(path, name)
      if (name.endsWith('.ts') || name.endsWith('.json') || statSync(child).isDirectory()) visit(child)
    }
  }
  for (const pattern of config.include ?? ['.']) visit(join(root, pattern.split('/')[0]))
  for (const file of ['tsconfig.json', 'package.json', 'package-lock.json']) visit(join(root, file))
  return newest
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
if (built > 0 && newestSource() < built) process.exit(0)

// The stamp takes the time the build started, so a file saved during the build triggers the next one.
const started = new Date()
process.stderr.write(
  built > 0
    ? 'Sources changed: building (incremental)…\n'
    : 'Building (first time; later starts skip this when nothing changed)…\n'
)
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')
const result = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')],
  { stdio: 'inherit' }
)
if (result.status !== 0) process.exit(result.status ?? 1)
mkdirSync(outDir, { recursive: true })
writeFileSync(stamp, '')
utimesSync(stamp, started, started)
