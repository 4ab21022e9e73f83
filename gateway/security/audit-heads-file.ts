// The published heads of the audit chain: one JSON line per publication ({ at, seq, hash }),
// appended to a file (by default <dataDir>/audit-heads.jsonl) an operator can ship off the
// machine. `audit verify` takes the last one as an anchor, which is what finds a cut tail.
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ChainHead } from './audit-chain.js'

export interface PublishedHead extends ChainHead { at: string }

/** The configured file, or <dataDir>/audit-heads.jsonl when none is set. */
export const headFilePath = (dataDir: string, configured: string): string =>
  configured !== '' ? configured : join(dataDir, 'audit-heads.jsonl')

const isHead = (v: unknown): v is PublishedHead => {
  const h = v as PublishedHead | null
  return typeof h === 'object' && h !== null && Number.isInteger(h.seq) && h.seq > 0 &&
    typeof h.hash === 'string' && /^[0-9a-f]{64}$/.test(h.hash)
}

/**
 * The last well-formed head in the file; undefined when the file does not exist or holds none.
 * A torn last line (a crash mid-append) is skipped for the one before it.
 */
export async function readLastHead (file: string): Promise<PublishedHead | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const lines = text.split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const parsed: unknown = JSON.parse(lines[i])
      if (isHead(parsed)) return parsed
    } catch { /* torn or blank line */ }
  }
  return undefined
}

export async function appendHead (file: string, head: PublishedHead): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await appendFile(file, JSON.stringify({ at: head.at, seq: head.seq, hash: head.hash }) + '\n', { mode: 0o640 })
}
