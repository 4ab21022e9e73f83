// "Who read my data": the per-citizen access log written next to each audit block, newest first,
// paged by sequence number. One equality find on `personalId`, so it stays cheap on both engines.
import type { Store } from '../../infra/ports/store.js'
import { accessLogId, type AccessLogDoc } from './audit-writer.js'

export interface AccessLogItem {
  seq: number, at: string, clientId: string, purpose: string, entity: string, fields: string[], requestId: string
}

export async function readAccessLog (
  store: Store, personalId: string, { limit, before }: { limit: number, before?: number }
): Promise<AccessLogItem[]> {
  const docs = await store.find('access_log', {
    where: { personalId },
    orderBy: { field: 'seq', direction: 'desc' },
    limit,
    ...(before !== undefined ? { after: { value: before, id: accessLogId(personalId, before) } } : {})
  }) as AccessLogDoc[]
  return docs.map(({ seq, at, clientId, purpose, entity, fields, requestId }) =>
    ({ seq, at, clientId, purpose, entity, fields, requestId }))
}
