// API clients and grants: create a client (its first key shown once), issue a new key (rotation)
// and revoke old ones, disable or enable a client, and set or remove its grants, through the
// same store functions as the admin API, with the same checks and cache flushes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiProblem } from '../../problem.js'
import {
  clientIdPattern, clientKinds, createClient, getClient, issueKey, listClients, listKeys, revokeKey, setClientDisabled,
  type ClientKind
} from '../../security/clients.js'
import { deleteGrant, isPurpose, listGrants, putGrant } from '../../security/grants.js'
import { entityNames, grantableEntities, type EntityName } from '../../security/entities.js'
import { consoleRoute, done, logAction, page, sessionOf, type ConsoleContext } from '../context.js'
import { csrfField } from '../layout.js'
import { formatDateTime, html } from '../html.js'

type Body = Record<string, string>
type Params = { Params: { clientId: string }, Body: Body }
type KeyParams = { Params: { clientId: string, keyId: string }, Body: Body }
const kindLabels: Record<ClientKind, string> = {
  department: 'Sở, ngành', 'one-stop': 'Phần mềm một cửa', integrator: 'Tích hợp kết nối', operator: 'Người vận hành'
}
const clientIdRegex = new RegExp(clientIdPattern)

const invalid = (detail: string, path: string): ApiProblem =>
  new ApiProblem(400, 'LT_ERR_VALIDATION', 'The request is not valid', detail, [{ path, message: detail }])

async function clientOf (ctx: ConsoleContext, id: string) {
  const client = clientIdRegex.test(id) ? await getClient(ctx.store, id) : undefined
  if (client === undefined) {
    throw new ApiProblem(404, 'LT_ERR_CLIENT_NOT_FOUND', 'No such client', `Không có ứng dụng '${id}'.`)
  }
  return client
}

/** The page that shows a new key, once: it is never stored in clear and cannot be shown again. */
async function showKey (request: FastifyRequest, reply: FastifyReply, clientId: string, key: string) {
  return await page(request, reply, {
    title: 'Khóa API mới',
    current: '/console/clients',
    body: html`<section class="card"><p>Khóa mới của <b>${clientId}</b>. \
Sao chép ngay: hub chỉ lưu mã băm và sẽ không hiển thị lại khóa này.</p>
<pre data-testid="new-key">${key}</pre>\
<p><a href="/console/clients/${clientId}">Về ứng dụng ${clientId}</a></p></section>`
  })
}

export function clientPages (app: FastifyInstance, ctx: ConsoleContext): void {
  const { store } = ctx

  app.get('/console/clients', consoleRoute, async (request, reply) => {
    const clients = await listClients(store, { limit: 500 })
    return await page(request, reply, {
      title: 'Ứng dụng & quyền',
      current: '/console/clients',
      body: html`<table><thead><tr><th>Mã</th><th>Tên</th><th>Loại</th><th>Trạng thái</th><th>Tạo lúc</th></tr></thead>
<tbody>${clients.map(c => html`<tr><td><a href="/console/clients/${c.id}">${c.id}</a></td><td>${c.name}</td>\
<td>${kindLabels[c.kind]}</td>
<td>${c.disabled ? html`<span class="badge bad">Đã khóa</span>` : html`<span class="badge ok">Hoạt động</span>`}</td>\
<td>${formatDateTime(c.createdAt)}</td></tr>`)}</tbody></table>
<section class="card"><h2>Tạo ứng dụng</h2><form method="post" action="/console/clients">\
${csrfField(sessionOf(request))}
<label for="id">Mã (chữ thường, số, gạch nối)</label>\
<input id="id" name="id" required pattern="${clientIdPattern.slice(1, -1)}">
<label for="name">Tên</label><input id="name" name="name" required maxlength="200" size="50">
<label for="kind">Loại</label><select id="kind" name="kind">${clientKinds.map(k =>
  html`<option value="${k}">${kindLabels[k]}</option>`)}</select>
<p><button type="submit">Tạo và cấp khóa</button></p></form></section>`
    })
  })

  app.post<{ Body: Body }>('/console/clients', consoleRoute, async (request, reply) => {
    const { id = '', name = '', kind = '' } = request.body ?? {}
    if (!clientIdRegex.test(id)) throw invalid('Mã ứng dụng không hợp lệ.', '/id')
    if (name.trim() === '' || name.length > 200) throw invalid('Tên là bắt buộc (tối đa 200 ký tự).', '/name')
    if (!(clientKinds as readonly string[]).includes(kind)) throw invalid('Loại không hợp lệ.', '/kind')
    const client = await createClient(store, { id, name: name.trim(), kind: kind as ClientKind })
    if (client === undefined) {
      throw new ApiProblem(409, 'LT_ERR_CLIENT_EXISTS', 'Client exists', `Ứng dụng '${id}' đã tồn tại.`)
    }
    const { key, info } = await issueKey(store, client.id)
    logAction(request, 'client create', { clientId: client.id, kind: client.kind, keyId: info.keyId })
    return await showKey(request, reply, client.id, key)
  })

  app.get<Params>('/console/clients/:clientId', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const [keys, grants] = await Promise.all([listKeys(store, client.id), listGrants(store, client.id)])
    const session = sessionOf(request)
    const post = (path: string, label: string, cls = '', extra = html``) =>
      html`<form class="inline" method="post" action="/console/clients/${client.id}/${path}">${csrfField(session)}\
${extra}<button type="submit" class="${cls}">${label}</button></form>`
    const toggle = html`<input type="hidden" name="disabled" value="${client.disabled ? 'false' : 'true'}">`
    return await page(request, reply, {
      title: `Ứng dụng ${client.id}`,
      current: '/console/clients',
      body: html`<section class="card"><p>${client.name} · ${kindLabels[client.kind]} · \
${client.disabled ? 'Đã khóa' : 'Hoạt động'}</p>
<p>${post('disabled', client.disabled ? 'Mở khóa' : 'Khóa ứng dụng', client.disabled ? '' : 'danger', toggle)}
${post('keys', 'Cấp khóa mới (xoay vòng)', 'secondary')}</p></section>
<h2>Khóa</h2>
<table><thead><tr><th>Mã khóa</th><th>Cấp lúc</th><th>Thu hồi lúc</th><th></th></tr></thead>
<tbody>${keys.map(k => html`<tr><td><code>${k.keyId}</code></td><td>${formatDateTime(k.createdAt)}</td>\
<td>${formatDateTime(k.revokedAt)}</td>
<td>${k.revokedAt === null ? post(`keys/${k.keyId}/revoke`, 'Thu hồi', 'danger') : ''}</td></tr>`)}</tbody></table>
<h2>Quyền truy cập</h2>
<table><thead><tr><th>Mục đích</th><th>Đối tượng</th><th>Trường</th><th>Cập nhật</th><th></th></tr></thead>
<tbody>${grants.map(g => html`<tr><td>${g.purpose}</td><td>${g.entity}</td><td>${g.fields.join(', ')}</td>\
<td>${formatDateTime(g.updatedAt)}</td>
<td>${post('grants/remove', 'Xóa', 'secondary', html`<input type="hidden" name="purpose" value="${g.purpose}">\
<input type="hidden" name="entity" value="${g.entity}">`)}</td></tr>`)}</tbody></table>
<section class="card"><h2>Đặt quyền (thay thế quyền cùng mục đích và đối tượng)</h2>\
<form method="post" action="/console/clients/${client.id}/grants">${csrfField(session)}
<label for="purpose">Mục đích (mã thủ tục hoặc căn cứ pháp lý)</label>\
<input id="purpose" name="purpose" required maxlength="64" placeholder="1.000894">
<label for="entity">Đối tượng</label><select id="entity" name="entity">${entityNames.map(e =>
  html`<option value="${e}">${e}</option>`)}</select>
<label for="fields">Trường (cách nhau bởi dấu phẩy)</label>\
<textarea id="fields" name="fields" rows="2" placeholder="personalId, fullName, birthDate"></textarea>
<p class="muted">Trường của công dân: ${grantableEntities.person.fields.join(', ')}</p>
<p><button type="submit">Lưu quyền</button></p></form></section>`
    })
  })

  app.post<Params>('/console/clients/:clientId/disabled', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const disabled = request.body?.disabled === 'true'
    await setClientDisabled(store, client.id, disabled)
    app.accessControl.authenticator.forget()
    logAction(request, 'client change', { clientId: client.id, disabled })
    return await done(reply, `/console/clients/${client.id}`, 'client-changed')
  })

  app.post<Params>('/console/clients/:clientId/keys', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const { key, info } = await issueKey(store, client.id)
    logAction(request, 'key issue', { clientId: client.id, keyId: info.keyId })
    return await showKey(request, reply, client.id, key)
  })

  app.post<KeyParams>('/console/clients/:clientId/keys/:keyId/revoke', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const info = await revokeKey(store, client.id, request.params.keyId)
    if (info === undefined) throw new ApiProblem(404, 'LT_ERR_KEY_NOT_FOUND', 'No such key', 'Không có khóa này.')
    app.accessControl.authenticator.forget()
    logAction(request, 'key revoke', { clientId: client.id, keyId: info.keyId })
    return await done(reply, `/console/clients/${client.id}`, 'key-revoked')
  })

  app.post<Params>('/console/clients/:clientId/grants', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const { purpose = '', entity = '', fields: text = '' } = request.body ?? {}
    if (!isPurpose(purpose)) throw invalid('Mục đích không hợp lệ.', '/purpose')
    if (!(entityNames as string[]).includes(entity)) throw invalid('Đối tượng không hợp lệ.', '/entity')
    const fields = [...new Set(text.split(/[\s,]+/).filter(f => f !== ''))]
    const known = new Set<string>(grantableEntities[entity as EntityName].fields)
    const unknown = fields.filter(f => !known.has(f))
    if (fields.length === 0 || unknown.length > 0) {
      const detail = fields.length === 0
        ? 'Cần ít nhất một trường.'
        : `Đối tượng '${entity}' không có trường ${unknown.join(', ')}.`
      throw new ApiProblem(400, 'LT_ERR_GRANT_FIELD_UNKNOWN', 'Unknown fields in grant', detail,
        [{ path: '/fields', message: detail }])
    }
    const grant = await putGrant(store, { clientId: client.id, purpose, entity: entity as EntityName, fields })
    app.accessControl.grants.forget()
    logAction(request, 'grant set', { clientId: client.id, purpose, entity, fields: grant.fields.length })
    return await done(reply, `/console/clients/${client.id}`, 'grant-saved')
  })

  app.post<Params>('/console/clients/:clientId/grants/remove', consoleRoute, async (request, reply) => {
    const client = await clientOf(ctx, request.params.clientId)
    const { purpose = '', entity = '' } = request.body ?? {}
    if (!(entityNames as string[]).includes(entity) ||
      !await deleteGrant(store, client.id, purpose, entity as EntityName)) {
      throw new ApiProblem(404, 'LT_ERR_GRANT_NOT_FOUND', 'No such grant', 'Không có quyền này.')
    }
    app.accessControl.grants.forget()
    logAction(request, 'grant remove', { clientId: client.id, purpose, entity })
    return await done(reply, `/console/clients/${client.id}`, 'grant-removed')
  })
}
