// Floor routes: the least a lookup or a prefill can do over HTTP and still be a lookup or a
// prefill. Each is authenticated like every personal-data route and makes the same store reads
// as the real route; the `-audit` variants also append the audit entry the law requires of every
// personal-data read (hash chain + access log). No grant check, projection, ETag or declared body.
// A floor that misses a target shows the target cannot be met on this machine by any gateway
// that reads through HTTP and audits, whatever the rest of the route costs.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Store } from '../../infra/ports/store.js'
import type { AuditRead } from '../../gateway/security/audit-chain.js'
import { prefillReads } from './raw-reads.js'
import type { PrefillSubject } from './subjects.js'

const answer = { 200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } } as const

async function audit (app: FastifyInstance, request: FastifyRequest, purpose: string,
  reads: Array<Pick<AuditRead, 'entity' | 'subjects'>>): Promise<void> {
  const at = new Date().toISOString()
  const { clientId } = request.access.principal
  await Promise.all(reads.map(async r =>
    await app.accessControl.audit.append({ at, requestId: request.id, clientId, purpose, fields: [], ...r })))
}

export function addFloorRoutes (app: FastifyInstance, store: Store, prefillSubjects: PrefillSubject[],
  purposes: { lookup: string, prefill: string }): void {
  for (const audited of [false, true]) {
    app.get<{ Params: { personalId: string } }>(`/v1/bench/floor/get${audited ? '-audit' : ''}/:personalId`, {
      schema: { hide: true, params: { type: 'object', required: ['personalId'],
        properties: { personalId: { type: 'string', pattern: '^\\d{12}$' } } }, response: answer }
    }, async request => {
      const { personalId } = request.params
      if (await store.get('persons', personalId) === undefined) throw new Error('missing person')
      if (audited) await audit(app, request, purposes.lookup, [{ entity: 'person', subjects: [personalId] }])
      return { ok: true }
    })
    app.get<{ Params: { index: number } }>(`/v1/bench/floor/prefill-reads${audited ? '-audit' : ''}/:index`, {
      schema: { hide: true, params: { type: 'object', required: ['index'],
        properties: { index: { type: 'integer', minimum: 0 } } }, response: answer }
    }, async request => {
      const s = prefillSubjects[request.params.index % prefillSubjects.length]
      await prefillReads(store, s)
      // The real prefill appends one entry per entity it read, together (one group commit).
      if (audited) {
        await audit(app, request, purposes.prefill, [
          { entity: 'person', subjects: [s.mother, s.father] },
          { entity: 'household', subjects: [s.mother, s.father] },
          { entity: 'health-insurance-card', subjects: [s.mother] }
        ])
      }
      return { ok: true }
    })
  }
}
