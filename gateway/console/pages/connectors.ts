// Connectors: the list with state and counters, one connector's detail (configuration without
// secrets, streams, last run and error), and pause / resume / run now, through the registry as
// the API's control routes do.
import type { FastifyInstance } from 'fastify'
import { RegistryError } from '../../../connectors/registry/registry-error.js'
import type { ConnectorRegistry } from '../../../connectors/registry/registry.js'
import { consoleRoute, done, logAction, page, sessionOf, type ConsoleContext } from '../context.js'
import { csrfField } from '../layout.js'
import { formatDateTime, formatDuration, html } from '../html.js'
import { stateBadge } from './connector-state.js'
import type { ConsoleSession } from '../sessions.js'
import { thead } from '../widgets.js'

type Params = { Params: { id: string } }
type ActionParams = Params & { Body: Record<string, string> }
const idPattern = /^[a-z][a-z0-9-]{1,62}$/

/** The registry, or a page saying the console runs without one. */
export function registryOf (ctx: ConsoleContext): ConnectorRegistry {
  if (ctx.connectors === undefined) {
    throw new RegistryError(404, 'LT_ERR_NOT_FOUND', 'this hub serves no connector registry')
  }
  return ctx.connectors.registry
}

const checkId = (id: string): string => {
  if (!idPattern.test(id)) throw new RegistryError(404, 'LT_ERR_CONNECTOR_NOT_FOUND', `no connector '${id}'`)
  return id
}

function controls (session: ConsoleSession, id: string, paused: boolean, mode: string, back: 'list' | 'detail') {
  const button = (action: string, label: string, cls = '') =>
    html`<form class="inline" method="post" action="/console/connectors/${id}/${action}">
${csrfField(session)}<input type="hidden" name="back" value="${back}">
<button type="submit" class="${cls}" data-action="${action}-${id}">${label}</button></form>`
  const pauseOrResume = paused ? button('resume', 'Tiếp tục') : button('pause', 'Tạm dừng', 'secondary')
  return html`${pauseOrResume} ${mode === 'poll' && !paused ? button('run', 'Chạy ngay', 'secondary') : ''}`
}

export function connectorPages (app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/console/connectors', consoleRoute, async (request, reply) => {
    const registry = registryOf(ctx)
    const views = await registry.list()
    const statuses = await Promise.all(views.map(async v => await registry.status(v.id)))
    const session = sessionOf(request)
    return await page(request, reply, {
      title: 'Kết nối nguồn',
      current: '/console/connectors',
      body: html`<p><a href="/console/connectors/new">Đăng ký kết nối mới</a></p>
<table>${thead('Mã', 'Tên', 'Hệ thống nguồn', 'Kiểu', 'Trạng thái', 'Lần chạy gần nhất', 'Độ trễ',
  '#Đọc / phát / từ chối', 'Thao tác')}
<tbody>${views.map((v, i) => html`<tr data-connector="${v.id}">
  <td><a href="/console/connectors/${v.id}">${v.id}</a></td><td>${v.title ?? ''}</td><td>${v.sourceSystem}</td>
  <td>${v.mode === 'poll' ? 'Kéo định kỳ' : 'Nguồn đẩy'}${v.builtIn ? ' · có sẵn' : ''}</td>
  <td>${stateBadge(statuses[i].state)}</td><td>${formatDateTime(statuses[i].lastRunAt)}</td>\
<td>${formatDuration(statuses[i].lagMs)}</td>
  <td class="num">${statuses[i].read} / ${statuses[i].published} / ${statuses[i].rejected}</td>
  <td>${controls(session, v.id, v.paused, v.mode, 'list')}</td></tr>`)}</tbody></table>`
    })
  })

  app.get<Params>('/console/connectors/:id', consoleRoute, async (request, reply) => {
    const registry = registryOf(ctx)
    const id = checkId(request.params.id)
    const view = await registry.view(id)
    const status = await registry.status(id)
    return await page(request, reply, {
      title: `Kết nối ${view.id}`,
      current: '/console/connectors',
      body: html`<section class="card">
<p>${stateBadge(status.state)} ${controls(sessionOf(request), view.id, view.paused, view.mode, 'detail')}</p>
<table><tbody>
<tr><th>Phiên bản</th><td>${view.version}</td></tr>
<tr><th>Hệ thống nguồn</th><td>${view.sourceSystem}</td></tr>
<tr><th>Kiểu</th><td>${view.mode === 'poll' ? 'Kéo định kỳ' : 'Nguồn đẩy'}${view.builtIn
  ? ' (có sẵn, cấu hình bởi người vận hành)'
  : ''}</td></tr>
${view.source !== undefined
  ? html`<tr><th>Địa chỉ nguồn</th><td><code>${view.source.url}</code> · \
lịch <code>${view.source.schedule}</code></td></tr>`
  : ''}
<tr><th>Lần chạy gần nhất</th><td>${formatDateTime(status.lastRunAt)}</td></tr>
<tr><th>Thành công gần nhất</th><td>${formatDateTime(status.lastSuccessAt)}</td></tr>
<tr><th>Lỗi gần nhất</th><td>${status.lastError !== undefined
  ? html`<span class="bad">${status.lastError.code}</span> ${status.lastError.message} \
(${formatDateTime(status.lastError.at)})`
  : '—'}</td></tr>
<tr><th>Báo cáo lúc</th><td>${formatDateTime(status.reportedAt)}</td></tr>
</tbody></table></section>
<h2>Luồng dữ liệu</h2>
<table><thead><tr><th>Luồng</th><th>Đường dẫn</th><th>Khóa chính</th><th>Trường con trỏ</th></tr></thead>
<tbody>${view.streams.map(s => html`<tr><td>${s.name}</td><td>${s.path ?? ''}</td><td>${s.primaryKey}</td>\
<td>${s.cursorField}</td></tr>`)}</tbody></table>
<p>Tổng: đọc ${status.read}, phát ${status.published}, từ chối ${status.rejected}; \
độ trễ ${formatDuration(status.lagMs)}.</p>
<h2>Cấu hình (không hiển thị giá trị bí mật)</h2>
${view.config !== undefined
  ? html`<pre>${JSON.stringify(view.config.values, null, 2)}</pre>\
<p class="muted">Giá trị bí mật đã lưu: ${view.config.secretsSet.join(', ') || 'không có'}</p>`
  : html`<p class="muted">Kết nối có sẵn: cấu hình qua biến môi trường của hub.</p>`}`
    })
  })

  for (const action of ['pause', 'resume', 'run'] as const) {
    app.post<ActionParams>(`/console/connectors/:id/${action}`, consoleRoute, async (request, reply) => {
      const registry = registryOf(ctx)
      const id = checkId(request.params.id)
      if (action === 'run') {
        const view = await registry.view(id)
        if (view.mode !== 'poll') {
          throw new RegistryError(409, 'LT_ERR_CONNECTOR_NOT_POLL',
            `connector '${id}' does not poll; its source pushes`)
        }
        if (view.paused) {
          throw new RegistryError(409, 'LT_ERR_CONNECTOR_PAUSED', `connector '${id}' is paused; resume it first`)
        }
        await registry.requestRun(id)
      } else {
        await registry.setPaused(id, action === 'pause')
      }
      logAction(request, `connector ${action}`, { connector: id })
      const back = request.body?.back === 'detail' ? `/console/connectors/${id}` : '/console/connectors'
      return await done(reply, back, action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'run')
    })
  }
}
