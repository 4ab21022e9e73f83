// The example the registration page starts from: docs/connectors.md's welfare-office connector,
// and two synthetic records to dry-run its mapping on (one valid, one with a bad personal id).
export const exampleManifest = {
  id: 'tro-cap-xa-hoi',
  version: '1.0.0',
  sourceSystem: 'bao-tro-xa-hoi',
  title: 'Social welfare beneficiaries',
  mode: 'poll',
  source: {
    url: 'https://btxh.cantho.gov.vn',
    schedule: '0 */5 * * * *',
    pageSize: 200,
    timeoutMs: 10000,
    headers: { 'x-api-key': { fromConfig: 'apiKey' } },
    paging: {
      style: 'cursor',
      params: { updatedSince: 'tu_ngay', afterKey: 'sau_ma', limit: 'so_luong' },
      records: 'ket_qua.danh_sach',
      next: 'tiep_theo'
    }
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
        cap_nhat_luc: { type: 'string', format: 'date-time' },
        da_xoa: { type: 'boolean' }
      }
    }
  }],
  config: {
    schema: {
      type: 'object',
      required: ['apiKey'],
      properties: {
        apiKey: { type: 'string', writeOnly: true, description: 'API key the welfare office issued to the hub' }
      }
    }
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
  }
}

export const exampleRecords = [
  {
    ma_doi_tuong: 'DT-0001',
    so_dinh_danh: '092085001234',
    ho_ten: 'Nguyễn Văn An',
    ngay_sinh: '15/03/1985',
    gioi_tinh: 'Nam',
    cap_nhat_luc: '2026-03-01T08:00:00Z'
  },
  { ma_doi_tuong: 'DT-0002', so_dinh_danh: '12345', ho_ten: 'Trần Thị Mai', cap_nhat_luc: '2026-03-01T08:05:00Z' }
]
