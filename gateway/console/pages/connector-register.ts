// Registering a connector: the operator pastes (or edits the example) registration manifest, the
// page generates the configuration form from the manifest's config schema (secrets as password
// fields), runs a dry run of the mapping on sample records, and only then offers to save. Saving
// goes through the registry, which checks everything the API's POST /v1/connectors checks.
import type { FastifyInstance } from 'fastify'
import { dryRun, type DryRunResult } from '../../../connectors/push/dry-run.js'
import { RegistryError, type RegistryIssue } from '../../../connectors/registry/registry-error.js'
import type { ConnectorMapping } from '../../../connectors/mapping/mapping-schema.js'
import type { StreamManifest } from '../../../connectors/contract.js'
import { consoleRoute, done, logAction, page, sessionOf, type ConsoleContext } from '../context.js'
import { csrfField } from '../layout.js'
import { html, type Html } from '../html.js'
import { registryOf } from './connectors.js'
import { exampleManifest, exampleRecords } from './connector-example.js'

interface ConfigProperty {
  type?: string, description?: string, writeOnly?: boolean, enum?: unknown[], default?: unknown
}
type Body = Record<string, string>
type PageRequest = Parameters<typeof page>[0]
type PageReply = Parameters<typeof page>[1]

function configProperties (manifest: Record<string, unknown>): Array<[string, ConfigProperty]> {
  const schema = (manifest.config as { schema?: { properties?: Record<string, ConfigProperty> } } | undefined)?.schema
  return Object.entries(schema?.properties ?? {})
}

/** The config values the form holds, typed as the schema says; empty fields are left out. */
function configValues (manifest: Record<string, unknown>, body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, p] of configProperties(manifest)) {
    const raw = body[`cfg.${name}`]
    if (p.type === 'boolean') { out[name] = raw === 'on'; continue }
    if (raw === undefined || raw === '') continue
    out[name] = p.type === 'integer' || p.type === 'number' ? Number(raw) : raw
  }
  return out
}

function configForm (manifest: Record<string, unknown>, body: Body): Html {
  const props = configProperties(manifest)
  if (props.length === 0) return html`<p class="muted">Bản kê khai không có cấu hình.</p>`
  return html`${props.map(([name, p]) => {
    const id = `cfg.${name}`
    const label = html`<label for="${id}">${name}${p.writeOnly === true ? ' (bí mật)' : ''}</label>\
<span class="muted">${p.description ?? ''}</span><br>`
    if (p.enum !== undefined) {
      return html`${label}<select id="${id}" name="${id}">${p.enum.map(v =>
        html`<option ${String(v) === body[id] ? 'selected' : ''}>${String(v)}</option>`)}</select>`
    }
    if (p.type === 'boolean') {
      return html`${label}<input id="${id}" name="${id}" type="checkbox" ${body[id] === 'on' ? 'checked' : ''}>`
    }
    const type = p.writeOnly === true ? 'password' : p.type === 'integer' || p.type === 'number' ? 'number' : 'text'
    // A secret is never echoed back into the page; the operator types it again before saving.
    return html`${label}<input id="${id}" name="${id}" type="${type}" size="50" \
value="${p.writeOnly === true ? '' : body[id] ?? String(p.default ?? '')}">`
  })}`
}

function resultsTable (results: DryRunResult[]): Html {
  return html`<table><thead><tr><th>#</th><th>Kết quả</th><th>Dữ liệu chuẩn hóa / lỗi</th></tr></thead>\
<tbody>${results.map(r => html`<tr>
<td>${r.index}</td><td>${r.ok
  ? html`<span class="badge ok">Hợp lệ</span>`
  : html`<span class="badge bad">Lỗi</span>`}</td>
<td>${r.ok
  ? html`<pre>${JSON.stringify(r.canonical, null, 2)}</pre>`
  : html`<ul>${r.errors.map(e => html`<li><code>${e.path}</code> ${e.code}: ${e.message}</li>`)}</ul>`}</td></tr>`)}\
</tbody></table>`
}

export function connectorRegisterPage (app: FastifyInstance, ctx: ConsoleContext): void {
  interface Extra {
    manifest?: Record<string, unknown>, results?: DryRunResult[], issues?: RegistryIssue[], error?: string
  }
  async function render (request: PageRequest, reply: PageReply, body: Body, extra: Extra = {}) {
    const session = sessionOf(request)
    const manifestText = body.manifest ?? JSON.stringify(exampleManifest, null, 2)
    return await page(request, reply, {
      title: 'Đăng ký kết nối mới',
      current: '/console/connectors',
      status: extra.error !== undefined || extra.issues !== undefined ? 400 : 200,
      ...(extra.error !== undefined ? { notice: { text: extra.error, error: true } } : {}),
      body: html`<form method="post" action="/console/connectors/new">${csrfField(session)}
<section class="card"><h2>1. Bản kê khai (registration, xem docs/connectors.md)</h2>
<textarea class="code" name="manifest" rows="16" spellcheck="false">${manifestText}</textarea>
<p><button type="submit" name="action" value="form" class="secondary">Tạo biểu mẫu cấu hình</button></p></section>
${extra.manifest !== undefined ? html`<section class="card"><h2>2. Cấu hình (sinh từ config.schema)</h2>\
${configForm(extra.manifest, body)}</section>
<section class="card"><h2>3. Chạy thử ánh xạ trên bản ghi mẫu</h2>
<label for="samples">Bản ghi mẫu (mảng JSON)</label>\
<textarea class="code" id="samples" name="samples" rows="6" spellcheck="false">\
${body.samples ?? JSON.stringify(exampleRecords, null, 2)}</textarea>
<p><button type="submit" name="action" value="dry-run">Chạy thử</button></p>
${extra.results !== undefined
  ? html`${resultsTable(extra.results)}<p>\
<button type="submit" name="action" value="save" data-action="save-connector">Lưu kết nối</button></p>`
  : html`<p class="muted">Chạy thử trước khi lưu.</p>`}
</section>` : ''}
${extra.issues !== undefined
  ? html`<section class="card"><h2>Kết nối chưa hợp lệ</h2><ul>${extra.issues.map(i =>
    html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul></section>`
  : ''}
</form>`
    })
  }

  app.get('/console/connectors/new', consoleRoute, async (request, reply) => {
    registryOf(ctx); return await render(request, reply, {})
  })

  app.post<{ Body: Body }>('/console/connectors/new', consoleRoute, async (request, reply) => {
    const registry = registryOf(ctx)
    const body = request.body ?? {}
    let manifest: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(body.manifest ?? '')
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
      manifest = parsed as Record<string, unknown>
    } catch {
      return await render(request, reply, body, { error: 'Bản kê khai không phải một đối tượng JSON hợp lệ.' })
    }
    const registration = {
      ...manifest,
      ...(manifest.config !== undefined
        ? { config: { ...(manifest.config as object), values: configValues(manifest, body) } }
        : {})
    }
    if (body.action === 'form') return await render(request, reply, body, { manifest })
    let results: DryRunResult[]
    try {
      const samples: unknown = JSON.parse(body.samples ?? '[]')
      if (!Array.isArray(samples) || samples.length === 0 || samples.length > 50) throw new Error('1 to 50 records')
      const streams = (manifest.streams ?? []) as StreamManifest[]
      results = dryRun({ streams, mapping: manifest.mapping as ConnectorMapping }, ctx.connectors!.mappingValidator,
        streams[0]?.name, samples)
    } catch (err) {
      return await render(request, reply, body, { manifest, error: `Không chạy thử được: ${(err as Error).message}` })
    }
    if (body.action !== 'save') return await render(request, reply, body, { manifest, results })
    try {
      const view = await registry.register(registration)
      logAction(request, 'connector register', { connector: view.id, version: view.version })
      return await done(reply, `/console/connectors/${view.id}`, 'registered')
    } catch (err) {
      if (err instanceof RegistryError) {
        return await render(request, reply, body, {
          manifest, results, issues: err.errors ?? [{ path: '/', message: err.message }]
        })
      }
      throw err
    }
  })
}
