// Makes sure LT_DATA_DIR is a folder the hub can write to, before any SQLite file is opened.
// Created one level at a time: Node's recursive mkdir loops for ever on ENOENT under /proc
// (LT_DATA_DIR=/proc/lt-hub hung at full CPU), and its errors do not say which level failed.
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { StartupError } from './startup-error.js'

const SETTING = 'LT_DATA_DIR (dataDir)'

const fail = (dir: string, why: string, cause?: unknown): StartupError =>
  new StartupError(`${SETTING} ${dir}: ${why}`, 'LT_DATA_DIR', 2, { cause })

export function ensureDataDir (dataDir: string): void {
  const dir = resolve(dataDir)
  // The folders to create, deepest last, up to the nearest one that exists.
  const missing: string[] = []
  let probe = dir
  for (;;) {
    let kind: 'dir' | 'other' | 'none'
    try { kind = statSync(probe).isDirectory() ? 'dir' : 'other' } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOENT') throw fail(dir, `cannot look at ${probe} (${code ?? String(err)})`, err)
      kind = 'none'
    }
    if (kind === 'dir') break
    if (kind === 'other') throw fail(dir, `${probe} is a file, not a folder; choose another LT_DATA_DIR`)
    missing.unshift(probe)
    if (dirname(probe) === probe) break
    probe = dirname(probe)
  }
  for (const level of missing) {
    try { mkdirSync(level) } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'EEXIST') {
        throw fail(dir, `cannot create ${level} (${code ?? String(err)}); choose a writable folder`, err)
      }
    }
  }
  // A real write, not access(): root passes access() on a read-only file system.
  const marker = join(dir, `.write-test-${process.pid}`)
  try { closeSync(openSync(marker, 'w')); unlinkSync(marker) } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw fail(dir, `cannot write there (${code ?? String(err)}); choose a writable folder`, err)
  }
}
