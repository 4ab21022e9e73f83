// Conflicts: filter by entity, record, field, source and state; a conflict's detail with each
// source's value and time; resolve it (a source's value or one entered, with a legal basis and a
// note) or reopen a steward's resolution. Reads and decisions go through the same services as
// GET /v1/conflicts and POST /v1/conflicts/{id}/resolution, under the purpose the operator states,
// and are audited the same way.
import type { FastifyInstance } from 'fastify'
import { canonicalEntities, type CanonicalEntity } from '../../../schemas/canonical-event.js'
import { listConflicts, type ConflictItem } from '../../steward/list-conflicts.js'
import { createStewardDecisions, parseConflictId } from '../../steward/decide.js'
import { auditDecision } from '../../routes/operators/conflict-resolution.js'
import { STEWARDSHIP_PURPOSE } from '../../security/demo-clients.js'
import { ApiProblem } from '../../problem.js'
import type { EntityName } from '../../security/entities.js'
import { consoleRoute, done, logAction, page, sessionOf, withPurpose, type ConsoleContext } from '../context.js'
import { csrfField } from '../layout.js'
import { formatDateTime, formatValue, html, type Html } from '../html.js'
import { selectField, thead } from '../widgets.js'

interface Filters {
  entity?: string, entityId?: string, field?: string, sourceSystem?: string, status?: string, purpose?: string
}
interface DetailRoute { Params: { id: string }, Querystring: Filters }
type PageRequest = Parameters<typeof page>[0]
type PageReply = Parameters<typeof page>[1]

const entityLabels: Record<CanonicalEntity, string> = {
  person: 'Công dân', household: 'Hộ gia đình', 'land-parcel': 'Thửa đất',
  'land-use-certificate': 'Giấy chứng nhận QSDĐ',
  'health-insurance-card': 'Thẻ BHYT', 'business-household': 'Hộ kinh doanh',
  'driver-licence': 'Giấy phép lái xe',
  'unemployment-benefit': 'Trợ cấp thất nghiệp',
  'student-enrolment': 'Học sinh',
  notarization: 'Việc công chứng',
  'construction-permit': 'Giấy phép xây dựng',
  'civil-servant': 'Cán bộ, công chức, viên chức',
  'social-beneficiary': 'Người có công, bảo trợ xã hội',
  'urban-infrastructure': 'Hạ tầng kỹ thuật đô thị'
}
const statusLabel = (c: ConflictItem): string =>
  c.status === 'open' ? 'Đang mở' : c.resolution !== undefined ? 'Đã xử lý (quyết định)' : 'Đã hết (nguồn thống nhất)'

const text = (v: unknown, max = 100): string | undefined =>
  typeof v === 'string' && v !== '' && v.length <= max ? v : undefined

/** Who decided what, when and on which legal basis. */
const decisionLine = (r: NonNullable<ConflictItem['resolution']>): Html => html`<p>
Quyết định của ${r.by} lúc ${formatDateTime(r.at)}: giá trị <b>${formatValue(r.value)}</b>
${r.chosenSourceSystem !== undefined ? `(theo nguồn ${r.chosenSourceSystem})` : ''}; căn cứ: ${r.legalBasis}
${r.note !== undefined ? `; ghi chú: ${r.note}` : ''}.</p>`

/** The purpose stated in a form or query (the demo operator's grant is for data stewardship). */
const purposeOf = (v: unknown): string => text(v, 64) ?? STEWARDSHIP_PURPOSE

/** A value typed in a form: JSON when it reads as an object, array or number; otherwise the text. */
function enteredValue (raw: string): unknown {
  const t = raw.trim()
  if (/^[[{]/.test(t)) {
    try { return JSON.parse(t) } catch {
      throw new ApiProblem(400, 'LT_ERR_VALIDATION', 'The request is not valid', 'Giá trị nhập không phải JSON hợp lệ.',
        [{ path: '/value', message: 'is not JSON' }])
    }
  }
  return t
}

export function conflictPages (app: FastifyInstance, ctx: ConsoleContext): void {
  const { store } = ctx
  const decisions = ctx.connectors === undefined
    ? undefined
    : createStewardDecisions({ store, eventLog: ctx.connectors.eventLog })

  app.get<{ Querystring: Filters }>('/console/conflicts', consoleRoute, async (request, reply) => {
    const q = request.query
    const entity = canonicalEntities.find(e => e === q.entity) ?? 'person'
    const status = q.status === 'open' || q.status === 'resolved' ? q.status : undefined
    const purpose = purposeOf(q.purpose)
    const access = withPurpose(request, reply, purpose)
    const sourceSystem = text(q.sourceSystem, 40)
    const { read, data } = await listConflicts(store, access, {
      entity, limit: 200,
      ...(text(q.entityId) !== undefined ? { entityId: text(q.entityId) } : {}),
      ...(text(q.field, 60) !== undefined ? { field: text(q.field, 60) } : {}),
      ...(sourceSystem !== undefined && /^[a-z][a-z0-9-]{0,39}$/.test(sourceSystem) ? { sourceSystem } : {}),
      ...(status !== undefined ? { status } : {})
    })
    await access.audit(read)
    const detail = (c: ConflictItem): string =>
      `/console/conflicts/${encodeURIComponent(c.id)}?purpose=${encodeURIComponent(purpose)}`
    return await page(request, reply, {
      title: 'Xung đột dữ liệu',
      current: '/console/conflicts',
      body: html`<form class="filters" method="get" action="/console/conflicts">
<div><label for="entity">Đối tượng</label><select id="entity" name="entity">${canonicalEntities.map(e =>
  html`<option value="${e}" ${e === entity ? 'selected' : ''}>${entityLabels[e]}</option>`)}</select></div>
<div><label for="entityId">Mã bản ghi</label><input id="entityId" name="entityId" value="${q.entityId ?? ''}"></div>
<div><label for="field">Trường</label><input id="field" name="field" value="${q.field ?? ''}" \
placeholder="birthDate"></div>
<div><label for="sourceSystem">Nguồn</label><input id="sourceSystem" name="sourceSystem" \
value="${q.sourceSystem ?? ''}" placeholder="cu-tru"></div>
${selectField('status', 'Trạng thái', [['', 'Tất cả'], ['open', 'Đang mở'], ['resolved', 'Đã xử lý']],
  status ?? '')}
<div><label for="purpose">Mục đích xem</label><input id="purpose" name="purpose" value="${purpose}" size="16"></div>
<button type="submit" class="secondary">Lọc</button></form>
<p class="muted">Việc xem giá trị xung đột được ghi vào nhật ký kiểm toán với mục đích đã nêu. \
Hiển thị tối đa 200 xung đột.</p>
<table>${thead('Bản ghi', 'Trường', 'Giá trị theo nguồn', 'Bất đồng từ', 'Trạng thái')}
<tbody>${data.map(c => html`<tr data-conflict="${c.id}"><td><a href="${detail(c)}">${c.entityId}</a></td>\
<td>${c.field}</td>
<td>${c.values.map(v => html`<div><b>${v.sourceSystem}</b>: ${formatValue(v.value)}</div>`)}</td>\
<td>${formatDateTime(c.since)}</td><td>${statusLabel(c)}</td></tr>`)}</tbody></table>`
    })
  })

  app.get<DetailRoute>('/console/conflicts/:id', consoleRoute, async (request, reply) => {
    const { entity, entityId, field } = parseConflictId(request.params.id)
    const purpose = purposeOf(request.query.purpose)
    const access = withPurpose(request, reply, purpose)
    const { read, data } = await listConflicts(store, access, { entity, entityId, field, limit: 1 })
    await access.audit(read)
    const c = data[0]
    if (c === undefined) throw new ApiProblem(404, 'LT_ERR_NOT_FOUND', 'Not found',
      'Không có xung đột này, hoặc quyền của bạn không bao gồm trường này.')
    const session = sessionOf(request)
    const action = (what: string): string => `/console/conflicts/${encodeURIComponent(c.id)}/${what}`
    return await page(request, reply, {
      title: `Xung đột: ${entityLabels[entity]} ${entityId}, trường ${field}`,
      current: '/console/conflicts',
      body: html`<section class="card"><p>Trạng thái: <b data-testid="conflict-status">${statusLabel(c)}</b> \
· phát hiện ${formatDateTime(c.detectedAt)} · bất đồng từ ${formatDateTime(c.since)}</p>
<table>${thead('Nguồn', 'Giá trị', 'Có từ (giờ nguồn)')}
<tbody>${c.values.map(v => html`<tr><td>${v.sourceSystem}${v.sourceSystem === c.chosenSourceSystem
  ? ' (theo quy tắc ưu tiên)' : ''}</td>
<td>${formatValue(v.value)}</td><td>${formatDateTime(v.since)}</td></tr>`)}</tbody></table>
${c.resolution !== undefined ? decisionLine(c.resolution) : ''}
</section>
${c.signal === 'death-registered'
  ? html`<section class="card" data-testid="conflict-signal"><p>Tín hiệu: hộ tịch đã đăng ký khai tử
người hưởng trong khi ${c.chosenSourceSystem ?? ''} vẫn ghi đang hưởng. Cơ quan quản lý ra quyết định thôi hưởng \
(và xem xét trợ cấp
mai táng) trong hệ thống của mình; tín hiệu tự đóng khi hồ sơ ghi thôi hưởng.</p></section>`
  : ''}
${c.status === 'open' && c.signal === undefined
  ? html`<section class="card"><h2>Xử lý xung đột</h2><form method="post" action="${action('resolve')}">\
${csrfField(session)}
<input type="hidden" name="purpose" value="${purpose}">
${c.values.map((v, i) => html`<div><label>
<input type="radio" name="choice" value="source:${v.sourceSystem}" ${i === 0 ? 'checked' : ''}> \
Chọn giá trị của ${v.sourceSystem}: ${formatValue(v.value)}
</label></div>`)}
<div><label><input type="radio" name="choice" value="entered"> \
Nhập giá trị khác (dạng chuẩn, ví dụ 1985-04-02):</label><input name="value" size="40" aria-label="Giá trị khác"></div>
<label for="legalBasis">Căn cứ pháp lý</label><input id="legalBasis" name="legalBasis" required minlength="3" \
maxlength="500" size="60" placeholder="Điều 6 Nghị định 47/2024/NĐ-CP">
<label for="note">Ghi chú</label><textarea id="note" name="note" rows="2" maxlength="2000"></textarea>
<p><button type="submit" data-action="resolve">Ghi nhận quyết định</button></p></form></section>`
  : ''}
${c.status === 'resolved' && c.resolution !== undefined
  ? html`<section class="card"><h2>Mở lại</h2><form method="post" action="${action('reopen')}">${csrfField(session)}
<input type="hidden" name="purpose" value="${purpose}">
<label for="reopen-note">Lý do mở lại</label>\
<textarea id="reopen-note" name="note" rows="2" required minlength="3"></textarea>
<p><button type="submit" class="secondary" data-action="reopen">Mở lại xung đột</button></p></form></section>`
  : ''}`
    })
  })

  const decide = (what: 'resolve' | 'reopen') => async (request: PageRequest, reply: PageReply) => {
    if (decisions === undefined) throw new ApiProblem(404, 'LT_ERR_NOT_FOUND', 'Not found',
      'Hub này không có nhật ký sự kiện cho quyết định.')
    const id = (request.params as { id: string }).id
    const body = (request.body ?? {}) as Record<string, string>
    const { entity } = parseConflictId(id)
    const purpose = purposeOf(body.purpose)
    const access = withPurpose(request, reply, purpose)
    const granted = await access.grantedFields(entity as EntityName)
    const by = sessionOf(request).principal.clientId
    const note = text(body.note, 2000)
    const decided = what === 'reopen'
      ? await decisions.reopen(id, by, granted, { note: String(body.note ?? '') })
      : await decisions.resolve(id, by, granted, {
        ...(body.choice?.startsWith('source:') === true
          ? { sourceSystem: body.choice.slice('source:'.length) }
          : { value: enteredValue(String(body.value ?? '')) }),
        legalBasis: String(body.legalBasis ?? '').trim(),
        ...(note !== undefined ? { note } : {})
      })
    await auditDecision(request, decided)
    logAction(request, `conflict ${what}`, { entity, field: decided.field, eventId: decided.eventId })
    return await done(reply, `/console/conflicts/${encodeURIComponent(id)}?purpose=${encodeURIComponent(purpose)}`,
      what === 'reopen' ? 'reopened' : 'resolved')
  }
  app.post('/console/conflicts/:id/resolve', consoleRoute, decide('resolve'))
  app.post('/console/conflicts/:id/reopen', consoleRoute, decide('reopen'))
}
