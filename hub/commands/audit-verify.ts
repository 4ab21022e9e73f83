// `lienthong audit verify [--anchor <seq>:<hash> …]`: walks the audit hash chain in the configured
// store and reports the first edited, deleted or reordered entry. Exit code 0 when the chain is
// intact, 1 when it is broken, 2 on bad usage. Anchors (a head printed by an earlier run, kept
// elsewhere) also catch a chain cut at its end or rewritten wholesale.
import { openStore } from '../../infra/open-adapters.js'
import { verifyAuditChain } from '../../gateway/security/audit-verify.js'
import type { ChainHead } from '../../gateway/security/audit-chain.js'
import type { Command } from './index.js'

const usage = 'usage: lienthong audit verify [--anchor <seq>:<sha256 hex>]…\n'

export const auditCommand: Command = {
  summary: 'audit verify: check the hash chain of the personal-data audit log',
  async run ({ config, args, stdout, stderr }) {
    const [sub, ...rest] = args
    const anchors: ChainHead[] = []
    for (let i = 0; i < rest.length; i++) {
      const m = rest[i] === '--anchor' ? /^(\d+):([0-9a-f]{64})$/.exec(rest[i + 1] ?? '') : null
      if (m === null) { stderr.write(usage); return 2 }
      anchors.push({ seq: Number(m[1]), hash: m[2] })
      i++
    }
    if (sub !== 'verify') { stderr.write(usage); return 2 }
    const store = await openStore(config)
    try {
      const result = await verifyAuditChain(store, { anchors })
      if (result.problem !== undefined) {
        stdout.write(`audit chain BROKEN at entry ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}\n` +
          `entries 1–${result.entries} verify.\n`)
        return 1
      }
      stdout.write(`audit chain intact: ${result.entries} entries.\n` +
        `head: ${result.head.seq}:${result.head.hash}\n` +
        `Keep the head elsewhere and pass it later as --anchor ${result.head.seq}:${result.head.hash} to detect a cut or rewritten tail.\n`)
      return 0
    } finally {
      await store.close()
    }
  }
}
