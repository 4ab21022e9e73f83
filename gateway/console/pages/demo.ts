// The one-stop demo: choose a procedure and a citizen, see the dossier prefilled from golden
// records with each value's source and freshness: what one-stop software gets from POST /v1/prefill
// (the same prefill, readers and grants; the purpose is the procedure; every read audited).
import type { FastifyInstance } from 'fastify'
import { prefill, type FieldSource, type PrefilledField } from '../../prefill/prefill.js'
import { prefillReaders } from '../../routes/citizens/prefill.js'
import { ApiProblem } from '../../problem.js'
import type { EntityName } from '../../security/entities.js'
import { consoleRoute, page, withPurpose, type ConsoleContext } from '../context.js'
import { formatDate, formatDateTime, formatValue, html, type Html } from '../html.js'
import { selectField } from '../widgets.js'

interface Query { procedure?: string, personalId?: string, second?: string }

const sourceCell = (s: FieldSource | FieldSource[] | undefined): Html => {
  const list = s === undefined ? [] : Array.isArray(s) ? s : [s]
  return html`${list.map(x => html`<div>${x.sourceSystem} · thay đổi ${formatDate(x.sourceTime)} · \
xác nhận ${formatDateTime(x.confirmedAt)}</div>`)}`
}

const flags = (f: PrefilledField): Html => html`
${f.conflict !== undefined
  ? html`<span class="badge bad">Nguồn mâu thuẫn: ${(f.conflict.sourceSystems ?? []).join(', ')}</span>`
  : ''}
${f.stale === true ? html`<span class="badge warn">Quá hạn xác nhận</span>` : ''}
${(f.warnings ?? []).map(w => html`<span class="badge warn">${w.message}</span> `)}`

export function demoPage (app: FastifyInstance, ctx: ConsoleContext): void {
  const readers = prefillReaders(ctx.store)
  app.get<{ Querystring: Query }>('/console/demo', consoleRoute, async (request, reply) => {
    const q = request.query
    const templates = [...ctx.templates.values()]
    const template = q.procedure === undefined ? undefined : ctx.templates.get(q.procedure)
    let result: Html | undefined
    if (template !== undefined && q.personalId !== undefined && q.personalId !== '') {
      const ids = [q.personalId, q.second ?? ''].map(s => s.trim())
      if (ids.some(id => id !== '' && !/^\d{12}$/.test(id))) {
        throw new ApiProblem(400, 'LT_ERR_VALIDATION', 'The request is not valid', 'Số định danh phải có 12 chữ số.')
      }
      const [main, other] = template.subjects
      if (other?.required === true && ids[1] === '') {
        throw new ApiProblem(400, 'LT_ERR_PREFILL_SUBJECT', 'A subject is missing',
          `Thủ tục ${template.code} cần cả ${other.description} (${other.role}).`)
      }
      const subjects: Record<string, string> = {
        [main.role]: ids[0],
        ...(other !== undefined && ids[1] !== '' ? { [other.role]: ids[1] } : {})
      }
      const access = withPurpose(request, reply, template.code)
      await access.grantedFields('person')
      const grantedOrNone = async (entity: EntityName): Promise<readonly string[]> => {
        try { return await access.grantedFields(entity) } catch (err) {
          if (err instanceof ApiProblem && err.status === 403) return []
          throw err
        }
      }
      const filled = await prefill(template, subjects, readers, grantedOrNone, new Date())
      await Promise.all(filled.reads.map(async read => { await access.audit(read) }))
      if (filled.reads.length === 0) await access.audit({ entity: 'person', subjects: [], fields: [] })
      result = html`<h2>${filled.title} (${filled.procedureCode})</h2>
<table data-testid="dossier"><thead><tr><th>Trường</th><th>Giá trị</th><th>Nguồn và độ mới</th><th>Lưu ý</th></tr>\
</thead>
<tbody>${filled.fields.map(f => html`<tr><td>${f.label}${f.subject !== undefined
  ? html` <span class="muted">(${f.subject})</span>`
  : ''}</td>
<td>${f.status === 'filled' ? formatValue(f.value) : html`<span class="muted">Hỏi công dân</span>`}</td>\
<td>${sourceCell(f.source)}</td><td>${flags(f)}${f.reason ?? ''}</td></tr>`)}</tbody></table>
<h2>Cán bộ cần hỏi thêm</h2><ul>${filled.toAsk.map(a => html`<li>${a.label}: ${a.reason}</li>`)}</ul>`
    }
    return await page(request, reply, {
      title: 'Thử hồ sơ một cửa',
      current: '/console/demo',
      body: html`<form class="filters" method="get" action="/console/demo">
${selectField('procedure', 'Thủ tục', templates.map(t => [t.code, `${t.code} · ${t.title}`]), q.procedure)}
<div><label for="personalId">Số định danh người nộp</label>\
<input id="personalId" name="personalId" value="${q.personalId ?? ''}" pattern="\\d{12}" required></div>
<div><label for="second">Người thứ hai (nếu thủ tục cần)</label>\
<input id="second" name="second" value="${q.second ?? ''}" pattern="\\d{12}"></div>
<button type="submit">Điền sẵn hồ sơ</button></form>
<p class="muted">Như phần mềm một cửa gọi <code>POST /v1/prefill</code>: mục đích là mã thủ tục,
chỉ các trường được cấp quyền, mỗi lần đọc được ghi nhật ký kiểm toán.</p>
${result ?? ''}`
    })
  })
}
