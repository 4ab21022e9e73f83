// The audit's group commit seen from HTTP: reads that arrive while an audit write is in flight share
// the next durable write (one block), yet no response leaves before the write holding its own entry
// (and its access-log line) is stored, and the chain verifies afterwards. The store's audit write
// is held open by a gate, so "slow" is a fact of the test, not a timing guess.
import t from 'tap'
import type { Store } from '../../infra/ports/store.js'
import { AUDIT, type AuditBlock } from '../../gateway/security/audit-chain.js'
import type { AccessLogDoc } from '../../gateway/security/audit-writer.js'
import { verifyAuditChain } from '../../gateway/security/audit-verify.js'
import { openGateway, makeClient, bearer, openTestStore, person, seedPerson } from './helpers.js'
import { waitFor } from '../helpers/wait-for.js'

interface SlowAudit { store: Store, writesStarted: () => number, auditWrites: () => number, durable: Set<string>,
  logged: Set<string>, open: () => void }

/** The real store, with every audit block write held until open() and each stored entry recorded. */
function slowAuditStore (real: Store): SlowAudit {
  let release!: () => void
  const gate = new Promise<void>(resolve => { release = resolve })
  let started = 0
  let auditWrites = 0
  const durable = new Set<string>()
  const logged = new Set<string>()
  const store = new Proxy(real, {
    get (target, prop, receiver) {
      if (prop !== 'bulkUpsert') return Reflect.get(target, prop, receiver)
      const bulkUpsert: Store['bulkUpsert'] = async (name, writes) => {
        if (name === AUDIT) { started++; await gate }
        const result = await target.bulkUpsert(name, writes)
        if (name === AUDIT && result.applied.length > 0) {
          auditWrites++
          for (const w of writes) for (const e of (w.doc as AuditBlock).entries) durable.add(e.requestId)
        }
        if (name === 'access_log') for (const w of writes) logged.add((w.doc as AccessLogDoc).requestId)
        return result
      }
      return bulkUpsert
    }
  })
  return { store, writesStarted: () => started, auditWrites: () => auditWrites, durable, logged, open: release }
}

t.test('concurrent reads share one audit write; none is answered before its own entry is stored', async t => {
  const real = openTestStore(t)
  const ids = Array.from({ length: 12 }, (_, i) => `09219000${String(i).padStart(4, '0')}`)
  for (const id of ids) await seedPerson(real, person(id))
  const client = await makeClient(real, 'dept', 'department',
    [{ purpose: '1.001193', entity: 'person', fields: ['personalId', 'fullName'] }])
  const slow = slowAuditStore(real)
  const { app } = await openGateway(t, { store: slow.store, security: { auditTimeoutMs: 60000, auditBatchMax: 256 } })

  const answered: Array<{ requestId: string, status: number, durable: boolean, logged: boolean }> = []
  const read = async (id: string, requestId: string): Promise<void> => {
    const res = await app.inject({ method: 'GET', url: `/v1/citizens/${id}`,
      headers: { ...bearer(client.key), 'x-purpose': '1.001193', 'x-request-id': requestId } })
    // Checked the moment the response is out: was its own entry stored by then?
    answered.push({ requestId, status: res.statusCode, durable: slow.durable.has(requestId),
      logged: slow.logged.has(requestId) })
  }

  // Counts the reads that reached their audit step (the access context calls append at call time).
  const writer = app.accessControl.audit
  const append = writer.append
  let appends = 0
  writer.append = async read => { appends++; return await append(read) }

  // The first read starts a write that hangs; eleven more reach their audit step meanwhile.
  const first = read(ids[0], 'req-first')
  await waitFor(() => slow.writesStarted() >= 1, { what: 'the first audit write' })
  const rest = ids.slice(1).map(async (id, i) => await read(id, `req-${i}`))
  await waitFor(() => appends === 12, { what: 'every read at its audit step' })
  // A few round trips through the same app: a read that did not wait for its entry would be out by now.
  for (let i = 0; i < 5; i++) t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200)
  t.equal(answered.length, 0, 'no read is answered while the audit write is held')

  slow.open()
  await Promise.all([first, ...rest])
  t.equal(answered.length, 12)
  for (const a of answered) {
    t.equal(a.status, 200, `${a.requestId} answered 200`)
    t.ok(a.durable, `${a.requestId}: its audit entry was stored before the answer`)
    t.ok(a.logged, `${a.requestId}: its access-log line was stored before the answer`)
  }
  t.ok(slow.auditWrites() <= 3, `group commit: ${slow.auditWrites()} audit writes for 12 reads`)

  const verified = await verifyAuditChain(real)
  t.ok(verified.ok, 'audit verify: the chain holds')
  t.equal(verified.entries, 12)
  t.equal(verified.accessLog.problems.length, 0, 'every access-log line matches its entry')
})
