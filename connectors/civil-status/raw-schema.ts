// The civil-status office's record as its system exports it (Vietnamese field names, ddMMyyyy).
export const civilStatusRawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://lienthong.cantho.gov.vn/schemas/raw/civil-status/cong-dan.json',
  type: 'object',
  required: ['so_dinh_danh', 'ho_va_ten', 'ngay_sinh', 'gioi_tinh', 'ngay_cap_nhat'],
  properties: {
    so_dinh_danh: { type: 'string', pattern: '^\\d{12}$' },
    so_cmnd: { type: 'string', pattern: '^\\d{9}$' },
    ho_va_ten: { type: 'string', minLength: 1, maxLength: 200 },
    ngay_sinh: { type: 'string', pattern: '^\\d{8}$' },
    gioi_tinh: { enum: ['Nam', 'Nữ'] },
    noi_sinh: { type: 'string' },
    dan_toc: { type: 'string', pattern: '^\\d{2}$' },
    quoc_tich: { type: 'string', pattern: '^[A-Z]{2}$' },
    ngay_mat: { type: 'string', pattern: '^\\d{8}$' },
    ngay_tao: { type: 'string', format: 'date-time' },
    ngay_cap_nhat: { type: 'string', format: 'date-time' },
    da_xoa: { type: 'boolean' }
  }
} as const
