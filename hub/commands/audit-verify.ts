// `lienthong audit verify [--anchor <seq>:<hash> …] [--head-file <path> | --no-published-head]`:
// walks the audit hash chain in the configured store and reports the first edited, deleted or
// reordered entry, then every access-log line that is missing, edited or unknown to the chain (one
// line each, personal ids masked). The last head published by the gateway (<dataDir>/audit-heads.jsonl
// or audit.headFile) is an anchor by default, so a chain cut at its end is found too; more anchors
// (a head printed by an earlier run, kept elsewhere) can be given. Exit code 0 when the chain and the
// access log are intact, 1 when not, 2 on bad usage or an unreadable heads file.
import { openStore } from '../../infra/open-adapters.js'
import { verifyAuditChain, type VerifyResult } from '../../gateway/security/audit-verify.js'
import type { ChainHead } from '../../gateway/security/audit-chain.js'
import { headFilePath, readLastHead, type PublishedHead } from '../../gateway/security/audit-heads-file.js'
import type { Command } from './command.js'

const usage = 'usage: lienthong audit verify [--anchor <seq>:<sha256 hex>]… [--head-file <path> | ' +
  '--no-published-head]\n'

interface Options { anchors: ChainHead[], headFile?: string, published: boolean }

function parse (rest: string[]): Options | undefined {
  const options: Options = { anchors: [], published: true }
  for (let i = 0; i < rest.length; i++) {
    const [flag, value] = [rest[i], rest[i + 1]]
    if (flag === '--no-published-head') { options.published = false; continue }
    if (flag === '--head-file' && value !== undefined && value !== '') { options.headFile = value; i++; continue }
    const m = flag === '--anchor' ? /^(\d+):([0-9a-f]{64})$/.exec(value ?? '') : null
    if (m === null) return undefined
    options.anchors.push({ seq: Number(m[1]), hash: m[2] })
    i++
  }
  return options.published || options.headFile === undefined ? options : undefined
}

function report (result: VerifyResult): string {
  const lines: string[] = []
  if (result.problem !== undefined) {
    lines.push(`audit chain BROKEN at entry ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}`,
      `entries 1–${result.entries} verify.`)
  } else {
    lines.push(`audit chain intact: ${result.entries} entries.`)
  }
  const { checked, problems, more } = result.accessLog
  for (const p of problems) {
    lines.push(`access log ${p.kind.toUpperCase()} at entry ${p.seq} (citizen ${p.subject}): ${p.message}`)
  }
  if (more > 0) lines.push(`… and ${more} more access-log problems.`)
  lines.push(problems.length === 0
    ? `access log matches the chain: ${checked} lines.`
    : `access log: ${problems.length + more} problems, ${checked} lines match the chain.`)
  return lines.join('\n') + '\n'
}

export const auditCommand: Command = {
  usage,
  summary: 'audit verify: check the hash chain of the personal-data audit log and the access log against it',
  async run ({ config, args, stdout, stderr }) {
    const [sub, ...rest] = args
    const options = parse(rest)
    if (sub !== 'verify' || options === undefined) { stderr.write(usage); return 2 }
    let published: PublishedHead | undefined
    const file = options.headFile ?? headFilePath(config.dataDir, config.audit.headFile)
    if (options.published) {
      try {
        published = await readLastHead(file)
      } catch (err) {
        stderr.write(`cannot read the published heads in ${file}: ${(err as Error).message}\n`)
        return 2
      }
      if (published === undefined && options.headFile !== undefined) {
        stderr.write(`no published head in ${file}\n`)
        return 2
      }
    }
    const store = await openStore(config)
    try {
      const result = await verifyAuditChain(
        store, { anchors: [...options.anchors, ...(published !== undefined ? [published] : [])] }
      )
      stdout.write(report(result))
      stdout.write(published !== undefined
        ? `compared with the last published head ${published.seq} (${published.at}, ${file}).\n`
        : options.published ? `no published head in ${file}: a cut tail shows only against --anchor.\n` : '')
      if (result.ok) {
        stdout.write(`head: ${result.head.seq}:${result.head.hash}\n` +
          `Keep the head elsewhere and pass it later as --anchor ${result.head.seq}:${result.head.hash} to detect a ` +
          `cut or rewritten tail.\n`)
      }
      return result.ok ? 0 : 1
    } finally {
      await store.close()
    }
  }
}
