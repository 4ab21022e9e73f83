// Publishes the head of the audit chain (seq and hash of its last entry) at start, every
// `intervalMs` and once more on stop: to the log at info and appended to the heads file. A hash
// chain cannot see its own last entries deleted; a head kept outside the store can, and
// `audit verify` compares against the last published one by default.
// A head is published only when the chain moved on from the last published one and still holds
// it: a chain that got shorter or whose published entry changed is logged as an error and not
// published, so the file keeps the evidence instead of blessing the cut.
import type { Logger } from 'pino'
import type { Store } from '../../infra/ports/store.js'
import { AUDIT, readHead, seqId, type AuditBlock, type ChainHead } from './audit-chain.js'
import { appendHead, readLastHead, type PublishedHead } from './audit-heads-file.js'

export interface HeadPublisher {
  /** Publishes now if the chain moved on; resolves with the head published, if any. */
  publish: () => Promise<PublishedHead | undefined>
  /** Stops the timer, then publishes a last time. */
  stop: () => Promise<void>
}

/** The hash the chain holds for entry `seq` now, or undefined when it holds no such entry. */
async function hashAt (store: Store, seq: number): Promise<string | undefined> {
  // The block holding `seq` is the last one whose first seq is not above it.
  const [block] = await store.find(AUDIT, {
    orderBy: { field: '_id', direction: 'desc' },
    after: { value: seqId(seq + 1), id: seqId(seq + 1) },
    limit: 1
  }) as AuditBlock[]
  return block?.entries?.find(e => e.seq === seq)?.hash
}

export function startHeadPublisher ({ store, file, intervalMs, logger, now = () => new Date() }: {
  store: Store
  file: string
  intervalMs: number
  logger: Logger
  now?: () => Date
}): HeadPublisher {
  let last: ChainHead | undefined
  let lastRead = false
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<PublishedHead | undefined> | undefined
  let stopped = false

  async function publishOnce (): Promise<PublishedHead | undefined> {
    if (!lastRead) {
      last = await readLastHead(file)
      lastRead = true
    }
    const head = await readHead(store)
    if (head.seq === 0 && last === undefined) return undefined
    if (last !== undefined) {
      if (head.seq === last.seq && head.hash === last.hash) return undefined
      const held = head.seq < last.seq ? undefined : head.seq === last.seq ? head.hash : await hashAt(store, last.seq)
      if (held !== last.hash) {
        logger.error({ published: { seq: last.seq, hash: last.hash }, head: { seq: head.seq, hash: head.hash }, file },
          `audit chain no longer holds the last published head (entry ${last.seq}): cut or rewritten; ` +
          'not publishing, run audit verify')
        return undefined
      }
    }
    const published = { at: now().toISOString(), seq: head.seq, hash: head.hash }
    await appendHead(file, published)
    last = published
    logger.info({ auditHead: { seq: head.seq, hash: head.hash }, file }, 'audit chain head published')
    return published
  }

  async function publish (): Promise<PublishedHead | undefined> {
    // One at a time: two overlapping publications could append the same head twice.
    while (inFlight !== undefined) await inFlight.catch(() => {})
    inFlight = publishOnce()
    try { return await inFlight } finally { inFlight = undefined }
  }

  async function tick (): Promise<void> {
    try {
      await publish()
    } catch (err) {
      logger.error({ err, file }, 'audit chain head could not be published')
    }
    if (!stopped) timer = setTimeout(() => { void tick() }, intervalMs)
  }
  timer = setTimeout(() => { void tick() }, 0)

  return {
    publish,
    async stop () {
      stopped = true
      clearTimeout(timer)
      try {
        await publish()
      } catch (err) {
        logger.error({ err, file }, 'audit chain head could not be published at shutdown')
      }
    }
  }
}
