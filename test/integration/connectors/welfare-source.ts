// A sixth source written for the tests: a social-welfare (bảo trợ xã hội) register on loopback with
// its own dialect: Vietnamese parameter names, records under ket_qua.danh_sach, the next page's
// parameters under tiep_theo, an API key header. It can be told to misbehave.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WelfareRecord {
  ma_doi_tuong: string
  so_dinh_danh: string
  ho_ten: string
  ngay_sinh: string
  gioi_tinh: string
  loai_tro_cap: string
  cap_nhat_luc: string
  da_xoa?: boolean
  [field: string]: unknown
}

export type Misbehaviour = 'none' | '500' | 'garbage' | 'no-records' | 'slow' | 'redirect'

export interface WelfareSource {
  url: string
  records: WelfareRecord[]
  requests: () => number
  upsert: (r: WelfareRecord) => void
  misbehave: (m: Misbehaviour, redirectTo?: string) => void
  close: () => Promise<void>
}

export const WELFARE_API_KEY = 'welfare-api-key-0123456789'

export async function startWelfareSource (initial: WelfareRecord[]): Promise<WelfareSource> {
  const records = [...initial]
  let mode: Misbehaviour = 'none'
  let redirectTo = ''
  let requests = 0
  const server: Server = createServer((req, res) => {
    requests++
    const url = new URL(req.url ?? '/', 'http://x')
    const send = (status: number, body: unknown): void => { res.writeHead(status,
      { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body)) }
    if (mode === '500') { send(500, { loi: 'he thong loi' }); return }
    if (mode === 'garbage') { send(200, '<html>bảo trì</html>'); return }
    if (mode === 'no-records') { send(200, { ket_qua: 'khong co' }); return }
    if (mode === 'redirect') { res.writeHead(302, { location: redirectTo }).end(); return }
    if (mode === 'slow') { setTimeout(() => { if (!res.destroyed) send(200,
      { ket_qua: { danh_sach: [] }, tiep_theo: null }) }, 1500); return }
    if (req.headers['x-api-key'] !== WELFARE_API_KEY) { send(401, { loi: 'sai khoa' }); return }
    if (url.pathname !== '/api/doi-tuong') { send(404, { loi: 'khong tim thay' }); return }
    const since = url.searchParams.get('tu_ngay') ?? ''
    const after = url.searchParams.get('sau_ma') ?? ''
    const size = Number(url.searchParams.get('so_luong') ?? '10')
    const sorted = [...records].sort((a, b) => a.cap_nhat_luc === b.cap_nhat_luc
      ? a.ma_doi_tuong.localeCompare(b.ma_doi_tuong) : a.cap_nhat_luc.localeCompare(b.cap_nhat_luc))
    const page = sorted.filter(r => since === '' || r.cap_nhat_luc > since
      || (r.cap_nhat_luc === since && r.ma_doi_tuong > after)).slice(0, size)
    const last = page[page.length - 1]
    send(200, { ket_qua: { danh_sach: page }, tiep_theo: page.length === size && last !== undefined
      ? { tu_ngay: last.cap_nhat_luc, sau_ma: last.ma_doi_tuong } : null })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records,
    requests: () => requests,
    upsert (r) {
      const i = records.findIndex(x => x.ma_doi_tuong === r.ma_doi_tuong)
      if (i >= 0) records[i] = r
      else records.push(r)
    },
    misbehave (m, to = '') { mode = m; redirectTo = to },
    close: async () => { server.closeAllConnections(); await new Promise<void>(resolve =>
      server.close(() => resolve())) }
  }
}

let clock = Date.parse('2026-03-01T08:00:00.000Z')
/** A welfare record with a fresh update time. Ids are synthetic (province 092). */
export function welfareRecord (n: number, extra: Partial<WelfareRecord> = {}): WelfareRecord {
  clock += 1000
  return {
    ma_doi_tuong: `BTXH-${String(n).padStart(4, '0')}`,
    so_dinh_danh: `0921500${String(n).padStart(5, '0')}`,
    ho_ten: 'NGUYỄN THỊ LAN',
    ngay_sinh: '12/03/1950',
    gioi_tinh: 'Nữ',
    loai_tro_cap: 'nguoi-cao-tuoi',
    cap_nhat_luc: new Date(clock).toISOString(),
    ...extra
  }
}

/** The registration an integrator would POST for this source. */
export function welfareRegistration (url: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: 'tro-cap-xa-hoi',
    version: '1.0.0',
    sourceSystem: 'bao-tro-xa-hoi',
    title: 'Social welfare beneficiaries (bảo trợ xã hội)',
    mode: 'poll',
    source: {
      url,
      schedule: '*/1 * * * * *',
      pageSize: 3,
      timeoutMs: 2000,
      headers: { 'x-api-key': { fromConfig: 'apiKey' } },
      paging: { style: 'cursor', params: { updatedSince: 'tu_ngay', afterKey: 'sau_ma', limit: 'so_luong' },
        records: 'ket_qua.danh_sach', next: 'tiep_theo' }
    },
    streams: [{
      name: 'beneficiaries',
      path: '/api/doi-tuong',
      primaryKey: 'ma_doi_tuong',
      cursorField: 'cap_nhat_luc',
      rawSchema: {
        type: 'object',
        required: ['ma_doi_tuong', 'so_dinh_danh', 'ho_ten', 'cap_nhat_luc'],
        properties: {
          ma_doi_tuong: { type: 'string', minLength: 1 },
          so_dinh_danh: { type: 'string', pattern: '^\\d{12}$' },
          ho_ten: { type: 'string' },
          ngay_sinh: { type: 'string' },
          gioi_tinh: { type: 'string' },
          loai_tro_cap: { type: 'string' },
          cap_nhat_luc: { type: 'string', format: 'date-time' },
          da_xoa: { type: 'boolean' }
        }
      }
    }],
    config: {
      schema: { type: 'object', required: ['apiKey'], properties: { apiKey: { type: 'string', writeOnly: true,
        description: 'API key the welfare office issued to the hub' } } },
      values: { apiKey: WELFARE_API_KEY }
    },
    mapping: {
      streams: [{
        stream: 'beneficiaries',
        deleteWhen: { from: 'da_xoa', equals: true },
        entities: [{
          entity: 'person',
          id: { from: 'so_dinh_danh', transform: ['personal-id'] },
          fields: [
            { from: 'so_dinh_danh', to: 'personalId', transform: ['personal-id'] },
            { from: 'ho_ten', to: 'fullName', transform: ['name.full'], required: true },
            { from: 'ngay_sinh', to: 'birthDate', transform: ['date'] },
            { from: 'gioi_tinh', to: 'sex', transform: ['sex'] }
          ]
        }]
      }]
    },
    ...overrides
  }
}
