// Overview: each source's freshness and lag, connector states, consumer lag, dead-letter depth,
// open conflicts, unresolved records, the audit chain's head, and events merged per minute.
import type { FastifyInstance } from 'fastify'
import type { StatusView } from '../../../connectors/registry/registry.js'
import type { DeadLetterDoc } from '../../../infra/event-log/dead-letter-doc.js'
import type { UnresolvedDoc } from '../../../records/legacy-ids.js'
import { readHead, type AuditBlock, AUDIT } from '../../security/audit-chain.js'
import { consoleRoute, page, type ConsoleContext } from '../context.js'
import { formatDateTime, formatDuration, html } from '../html.js'
import { eventsChart } from '../chart.js'
import { stateBadge } from './connector-state.js'
import { thead } from '../widgets.js'

const COUNT_CAP = 10000
const count = (n: number): string => n >= COUNT_CAP ? `≥ ${COUNT_CAP}` : String(n)

export function overviewPage (app: FastifyInstance, ctx: ConsoleContext): void {
  const { store, connectors, metrics } = ctx
  app.get('/console', consoleRoute, async (request, reply) => {
    const registry = connectors?.registry
    const statuses: StatusView[] = registry === undefined
      ? []
      : await Promise.all((await registry.list()).map(async v => await registry.status(v.id)))
    const views = registry === undefined ? [] : await registry.list()
    const openLetters = await store.find('dead_letters', {
      where: { state: 'open' },
      limit: COUNT_CAP
    }) as DeadLetterDoc[]
    const byGroup = new Map<string, number>()
    for (const d of openLetters) byGroup.set(d.group, (byGroup.get(d.group) ?? 0) + 1)
    const openConflicts = (await store.find('conflicts', { where: { status: 'open' }, limit: COUNT_CAP })).length
    const unresolved = await store.find('unresolved', { limit: COUNT_CAP }) as UnresolvedDoc[]
    const head = await readHead(store)
    const [lastBlock] = await store.find(AUDIT, {
      orderBy: { field: '_id', direction: 'desc' },
      limit: 1
    }) as AuditBlock[]
    const lastEntryAt = lastBlock?.entries.at(-1)?.at
    const lag = metrics === undefined
      ? undefined
      : (await metrics.registry.getSingleMetric('lt_consumer_lag_messages')?.get())?.values ?? []
    const series = await ctx.eventsPerMinute.series()

    return await page(request, reply, {
      title: 'Tổng quan',
      current: '/console',
      body: html`
<div class="grid">
  <div class="tile"><b data-testid="open-conflicts">${count(openConflicts)}</b><span>Xung đột đang mở</span></div>
  <div class="tile"><b data-testid="dead-letters-open">${count(openLetters.length)}</b>\
<span>Bản ghi lỗi chờ xử lý</span></div>
  <div class="tile"><b>${count(unresolved.reduce((n, d) => n + d.entries.length, 0))}</b>\
<span>Bản ghi chưa liên kết (${count(unresolved.length)} số CMND)</span></div>
  <div class="tile"><b>${head.seq}</b><span>Mục nhật ký kiểm toán · mới nhất ${formatDateTime(lastEntryAt)}</span></div>
  <div class="tile"><b>${statuses.filter(s => s.state === 'failing').length} / ${statuses.length}</b>\
<span>Kết nối đang lỗi / tổng số</span></div>
</div>
<h2>Sự kiện hợp nhất mỗi phút (30 phút gần nhất)</h2>
${metrics === undefined
  ? html`<p class="muted">Không có số liệu (hub chạy không kèm /metrics).</p>`
  : eventsChart(series)}
<h2>Nguồn dữ liệu: độ mới và độ trễ</h2>
<table>${thead('Kết nối', 'Hệ thống nguồn', 'Trạng thái', 'Đồng bộ thành công gần nhất', 'Độ trễ',
  '#Đã đọc', '#Đã phát', '#Từ chối')}
<tbody>${statuses.map((s, i) => html`<tr>
  <td><a href="/console/connectors/${s.id}">${s.id}</a></td><td>${views[i]?.sourceSystem ?? ''}</td>\
<td>${stateBadge(s.state)}</td>
  <td>${formatDateTime(s.lastSuccessAt)}</td><td>${formatDuration(s.lagMs)}</td>
  <td class="num">${s.read}</td><td class="num">${s.published}</td>\
<td class="num">${s.rejected}</td></tr>`)}</tbody></table>
<h2>Độ trễ của các nhóm tiêu thụ</h2>
${lag === undefined
  ? html`<p class="muted">Không có số liệu.</p>`
  : html`<table><thead><tr><th>Nhóm</th><th>Chủ đề</th><th class="num">Thông điệp chưa xử lý</th></tr></thead>
<tbody>${lag.map(v => html`<tr><td>${String(v.labels.group ?? '')}</td><td>${String(v.labels.topic ?? '')}</td>\
<td class="num">${v.value}</td></tr>`)}</tbody></table>`}
<h2>Bản ghi lỗi theo nhóm</h2>
<table><thead><tr><th>Nhóm từ chối</th><th class="num">Chờ xử lý</th></tr></thead>
<tbody>${[...byGroup].sort().map(([group, n]) =>
  html`<tr><td><a href="/console/dead-letters?group=${encodeURIComponent(group)}">${group}</a></td>\
<td class="num">${n}</td></tr>`)}</tbody></table>
<h2>Chuỗi nhật ký kiểm toán</h2>
<p>Đầu chuỗi: mục số <b>${head.seq}</b>, mã băm <code>${head.hash.slice(0, 16)}…</code>. \
<a href="/console/audit">Kiểm tra toàn chuỗi</a></p>`
    })
  })
}
