// Audit: the chain's head, a full verification on request (the same check as `lienthong
// audit-verify`), and a citizen's access log read under a purpose the operator states, itself
// audited as GET /v1/citizens/{id}/access-log is.
import type { FastifyInstance } from 'fastify'
import { readHead, AUDIT, type AuditBlock } from '../../security/audit-chain.js'
import { verifyAuditChain, type VerifyResult } from '../../security/audit-verify.js'
import { readAccessLog } from '../../security/access-log.js'
import { projectFields } from '../../security/projection.js'
import { consoleRoute, logAction, page, withPurpose, type ConsoleContext } from '../context.js'
import { formatDateTime, html, type Html } from '../html.js'

interface Query { verify?: string, personalId?: string, purpose?: string }

function verifyReport (r: VerifyResult): Html {
  return html`<section class="card" data-testid="verify-result">
<p class="${r.ok ? 'ok' : 'bad'}"><b>${r.ok ? 'Chuỗi nguyên vẹn' : 'Chuỗi có vấn đề'}</b>: \
${r.entries} mục đã kiểm tra; đầu chuỗi ${r.head.seq}.</p>
${r.problem !== undefined
  ? html`<p class="bad">Mục ${r.problem.seq}: ${r.problem.kind}: ${r.problem.message}</p>`
  : ''}
<p>Nhật ký truy cập theo công dân: ${r.accessLog.checked} dòng khớp; \
${r.accessLog.problems.length + r.accessLog.more} vấn đề.</p>
${r.accessLog.problems.length > 0
  ? html`<ul>${r.accessLog.problems.map(p => html`<li>Mục ${p.seq} (${p.subject}): ${p.kind}: ${p.message}</li>`)}</ul>`
  : ''}</section>`
}

export function auditPage (app: FastifyInstance, ctx: ConsoleContext): void {
  const { store } = ctx
  app.get<{ Querystring: Query }>('/console/audit', consoleRoute, async (request, reply) => {
    const q = request.query
    const head = await readHead(store)
    const [last] = await store.find(AUDIT, {
      orderBy: { field: '_id', direction: 'desc' },
      limit: 1
    }) as AuditBlock[]
    let verified: Html | undefined
    if (q.verify === '1') {
      verified = verifyReport(await verifyAuditChain(store))
      logAction(request, 'audit verify', {})
    }
    let accessLog: Html | undefined
    const personalId = q.personalId ?? ''
    const purpose = q.purpose ?? ''
    if (personalId !== '') {
      if (!/^\d{12}$/.test(personalId)) {
        accessLog = html`<p class="bad">Số định danh phải có 12 chữ số.</p>`
      } else {
        const access = withPurpose(request, reply, purpose)
        const granted = await access.grantedFields('access-log')
        const items = await readAccessLog(store, personalId, { limit: 200 })
        const projected = items.map(item => projectFields(item, granted))
        await access.audit({
          entity: 'access-log',
          subjects: [personalId],
          fields: [...new Set(projected.flatMap(p => p.returned))].sort()
        })
        accessLog = html`<table data-testid="access-log"><thead><tr><th>#</th><th>Thời điểm</th><th>Ứng dụng</th>\
<th>Mục đích</th><th>Đối tượng</th><th>Trường</th></tr></thead>
<tbody>${projected.map(({ data: d }) => html`<tr><td>${String(d.seq ?? '')}</td>\
<td>${formatDateTime(d.at as string | undefined)}</td><td>${String(d.clientId ?? '')}</td>
<td>${String(d.purpose ?? '')}</td><td>${String(d.entity ?? '')}</td>\
<td>${Array.isArray(d.fields) ? d.fields.join(', ') : ''}</td></tr>`)}</tbody></table>
<p class="muted">${items.length} lượt truy cập gần nhất (tối đa 200).</p>`
      }
    }
    return await page(request, reply, {
      title: 'Nhật ký kiểm toán',
      current: '/console/audit',
      body: html`<section class="card"><p>Đầu chuỗi: mục <b>${head.seq}</b>, mã băm <code>${head.hash}</code>; \
mục mới nhất lúc ${formatDateTime(last?.entries.at(-1)?.at)}.</p>
<form method="get" action="/console/audit"><input type="hidden" name="verify" value="1">\
<button type="submit" data-action="verify">Kiểm tra toàn bộ chuỗi</button></form></section>
${verified ?? ''}
<section class="card"><h2>Nhật ký truy cập của một công dân</h2>
<form class="filters" method="get" action="/console/audit">
<div><label for="personalId">Số định danh (12 chữ số)</label>\
<input id="personalId" name="personalId" value="${personalId}" pattern="\\d{12}" required></div>
<div><label for="purpose">Mục đích (căn cứ pháp lý)</label>\
<input id="purpose" name="purpose" value="${purpose || 'ND13-2023-D9'}" required></div>
<button type="submit" class="secondary">Xem</button></form>
<p class="muted">Việc xem này cũng được ghi vào nhật ký kiểm toán.</p>
${accessLog ?? ''}</section>`
    })
  })
}
