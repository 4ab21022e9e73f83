// Dead letters: filter, inspect (personal ids masked: an operator needs the reason and the origin,
// not whose record it is), replay through the same service as POST /v1/dead-letters/{id}/replay,
// or discard with a reason.
import type { FastifyInstance } from 'fastify'
import type { FieldValue } from '../../../infra/ports/store.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import { replayDeadLetter } from '../../../connectors/dead-letters/replay.js'
import { discardDeadLetter } from '../../../connectors/dead-letters/discard.js'
import { RegistryError } from '../../../connectors/registry/registry-error.js'
import { consoleRoute, done, logAction, page, sessionOf, type ConsoleContext } from '../context.js'
import { csrfField } from '../layout.js'
import { formatDateTime, html, maskPersonalIds } from '../html.js'
import { registryOf } from './connectors.js'
import { selectField, thead } from '../widgets.js'

interface Filters { connector?: string, group?: string, code?: string, state?: string }
interface DiscardRoute { Params: { id: string }, Body: Record<string, string> }
const filterNames = ['connector', 'group', 'code', 'state'] as const
const idPattern = /^[A-Za-z0-9_-]{1,64}$/
const stateLabels: Record<string, string> = { open: 'Chờ xử lý', replayed: 'Đã gửi lại', discarded: 'Đã loại bỏ' }

const pretty = (value: string): string => {
  try { return JSON.stringify(JSON.parse(value), null, 2) } catch { return value }
}

export function deadLetterPages (app: FastifyInstance, ctx: ConsoleContext): void {
  const { store } = ctx
  const letter = async (id: string): Promise<DeadLetterDoc> => {
    const doc = idPattern.test(id) ? await store.get('dead_letters', id) as DeadLetterDoc | undefined : undefined
    if (doc === undefined) throw new RegistryError(404, 'LT_ERR_DEAD_LETTER_NOT_FOUND', 'Không có bản ghi lỗi này.')
    return doc
  }

  app.get<{ Querystring: Filters }>('/console/dead-letters', consoleRoute, async (request, reply) => {
    const where: Record<string, FieldValue> = {}
    for (const name of filterNames) {
      const v = request.query[name]
      if (typeof v === 'string' && v !== '' && v.length <= 128) where[name] = v
    }
    const docs = await store.find('dead_letters', {
      where,
      orderBy: { field: 'deadAt', direction: 'desc' },
      limit: 200
    }) as DeadLetterDoc[]
    const q = request.query
    return await page(request, reply, {
      title: 'Bản ghi lỗi',
      current: '/console/dead-letters',
      body: html`<form class="filters" method="get" action="/console/dead-letters">
<div><label for="connector">Kết nối</label><input id="connector" name="connector" value="${q.connector ?? ''}"></div>
<div><label for="group">Nhóm từ chối</label><input id="group" name="group" value="${q.group ?? ''}" \
placeholder="normalizer, merger…"></div>
<div><label for="code">Mã lỗi</label><input id="code" name="code" value="${q.code ?? ''}" placeholder="LT_ERR_…"></div>
${selectField('state', 'Trạng thái', [['', 'Tất cả'], ...Object.entries(stateLabels)], q.state)}
<button type="submit" class="secondary">Lọc</button></form>
<p class="muted">Hiển thị tối đa 200 bản ghi mới nhất.</p>
<table>${thead('Thời điểm', 'Nhóm', 'Kết nối', 'Mã lỗi', 'Lý do', 'Khóa', 'Trạng thái')}
<tbody>${docs.map(d => html`<tr data-letter="${d._id}">\
<td><a href="/console/dead-letters/${d._id}">${formatDateTime(d.deadAt)}</a></td><td>${d.group}</td>\
<td>${d.connector}</td>
<td><code>${d.code}</code></td><td>${maskPersonalIds(d.reason).slice(0, 160)}</td><td>${maskPersonalIds(d.key)}</td>\
<td>${stateLabels[d.state] ?? d.state}</td></tr>`)}</tbody></table>`
    })
  })

  app.get<{ Params: { id: string } }>('/console/dead-letters/:id', consoleRoute, async (request, reply) => {
    const d = await letter(request.params.id)
    const session = sessionOf(request)
    return await page(request, reply, {
      title: 'Chi tiết bản ghi lỗi',
      current: '/console/dead-letters',
      body: html`<section class="card"><table><tbody>
<tr><th>Trạng thái</th><td data-testid="letter-state">${stateLabels[d.state] ?? d.state}${d.replays > 0
  ? ` (đã gửi lại ${d.replays} lần, lần cuối ${formatDateTime(d.replayedAt)})`
  : ''}</td></tr>
<tr><th>Thời điểm bị từ chối</th><td>${formatDateTime(d.deadAt)}</td></tr>
<tr><th>Nhóm / kết nối</th><td>${d.group} / ${d.connector}</td></tr>
<tr><th>Mã lỗi</th><td><code>${d.code}</code></td></tr>
<tr><th>Lý do</th><td>${maskPersonalIds(d.reason)}</td></tr>
<tr><th>Nguồn gốc</th><td><code>${maskPersonalIds(JSON.stringify(d.origin))}</code></td></tr>
<tr><th>Khóa</th><td>${maskPersonalIds(d.key)}</td></tr>
${d.state === 'discarded'
  ? html`<tr><th>Loại bỏ</th><td>${formatDateTime(d.discardedAt)} bởi ${d.discardedBy ?? ''}: \
${d.discardReason ?? ''}</td></tr>`
  : ''}
</tbody></table></section>
<h2>Nội dung (số định danh đã che)</h2>
<pre>${maskPersonalIds(pretty(d.value))}</pre>
${d.state !== 'discarded'
  ? html`<section class="card"><form class="inline" method="post" action="/console/dead-letters/${d._id}/replay">\
${csrfField(session)}<button type="submit" data-action="replay">Gửi lại</button></form></section>
<section class="card"><form method="post" action="/console/dead-letters/${d._id}/discard">${csrfField(session)}
<label for="reason">Lý do loại bỏ</label><textarea id="reason" name="reason" rows="2" required minlength="3"></textarea>
<p><button type="submit" class="danger">Loại bỏ</button></p></form></section>`
  : ''}`
    })
  })

  app.post<{ Params: { id: string } }>('/console/dead-letters/:id/replay', consoleRoute, async (request, reply) => {
    const { eventLog, replaySettleMs } = ctx.connectors ?? {}
    const registry = registryOf(ctx)
    const d = await letter(request.params.id)
    await replayDeadLetter({ store, eventLog: eventLog!, registry, settleMs: replaySettleMs ?? 0 }, d._id)
    logAction(request, 'dead letter replay', { letter: d._id, group: d.group, code: d.code })
    return await done(reply, `/console/dead-letters/${d._id}`, 'replayed')
  })

  app.post<DiscardRoute>('/console/dead-letters/:id/discard', consoleRoute, async (request, reply) => {
    const d = await letter(request.params.id)
    const reason = String(request.body?.reason ?? '').slice(0, 1000)
    await discardDeadLetter(store, d._id, { reason, by: sessionOf(request).principal.clientId })
    logAction(request, 'dead letter discard', { letter: d._id, group: d.group, code: d.code })
    return await done(reply, `/console/dead-letters/${d._id}`, 'discarded')
  })
}
