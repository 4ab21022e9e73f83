// Unresolved records: records waiting for a legacy CMND to be linked to a personal id, as
// GET /v1/unresolved lists them (the CMND masked: it is a personal number).
import type { FastifyInstance } from 'fastify'
import type { UnresolvedDoc } from '../../../records/legacy-ids.js'
import { consoleRoute, page, type ConsoleContext } from '../context.js'
import { formatDateTime, html, maskPersonalIds } from '../html.js'

export function unresolvedPage (app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/console/unresolved', consoleRoute, async (request, reply) => {
    const docs = await ctx.store.find('unresolved', {
      orderBy: { field: '_id' },
      limit: 500
    }) as UnresolvedDoc[]
    return await page(request, reply, {
      title: 'Bản ghi chưa liên kết',
      current: '/console/unresolved',
      body: html`<p class="muted">Bản ghi mang số CMND cũ mà hub chưa biết số định danh tương ứng; \
chúng được hợp nhất khi nguồn hộ tịch cung cấp liên kết. Tối đa 500 nhóm.</p>
<table><thead><tr><th>Số CMND</th><th>Chờ từ</th><th class="num">Số bản ghi</th><th>Đối tượng</th><th>Nguồn</th></tr>\
</thead>
<tbody>${docs.map(d => html`<tr><td>${maskPersonalIds(d.value)}</td><td>${formatDateTime(d.since)}</td>\
<td class="num">${d.entries.length}</td>
<td>${[...new Set(d.entries.map(e => e.entity))].sort().join(', ')}</td>\
<td>${[...new Set(d.entries.map(e => e.source.system))].sort().join(', ')}</td></tr>`)}</tbody></table>`
    })
  })
}
