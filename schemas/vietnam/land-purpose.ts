import { fail, type Failure } from './result.js'

// Land-use purpose codes (Circular 08/2024/TT-BTNMT). The term is the usual one for land of
// households and individuals (Land Law 2024 art. 171 long-term, art. 172 50 years); 'varies'
// where it depends on who uses the land and how it was allocated, so no rule should rely on it.
export type LandGroup = 'agricultural' | 'non-agricultural' | 'unused'
export type LandTerm = 'long-term' | '50-years' | 'varies'
export type LandPurpose = { code: string, name: string, group: LandGroup, term: LandTerm }

const A = 'agricultural'
const N = 'non-agricultural'
const U = 'unused'

export const LAND_PURPOSES: readonly LandPurpose[] = [
  { code: 'LUC', name: 'Đất chuyên trồng lúa', group: A, term: '50-years' },
  { code: 'LUK', name: 'Đất trồng lúa còn lại', group: A, term: '50-years' },
  { code: 'HNK', name: 'Đất trồng cây hằng năm khác', group: A, term: '50-years' },
  { code: 'CLN', name: 'Đất trồng cây lâu năm', group: A, term: '50-years' },
  { code: 'RSX', name: 'Đất rừng sản xuất', group: A, term: 'varies' },
  { code: 'RPH', name: 'Đất rừng phòng hộ', group: A, term: 'long-term' },
  { code: 'RDD', name: 'Đất rừng đặc dụng', group: A, term: 'long-term' },
  { code: 'NTS', name: 'Đất nuôi trồng thủy sản', group: A, term: '50-years' },
  { code: 'CNT', name: 'Đất chăn nuôi tập trung', group: A, term: '50-years' },
  { code: 'LMU', name: 'Đất làm muối', group: A, term: '50-years' },
  { code: 'NKH', name: 'Đất nông nghiệp khác', group: A, term: '50-years' },
  { code: 'ONT', name: 'Đất ở tại nông thôn', group: N, term: 'long-term' },
  { code: 'ODT', name: 'Đất ở tại đô thị', group: N, term: 'long-term' },
  { code: 'TSC', name: 'Đất xây dựng trụ sở cơ quan', group: N, term: 'long-term' },
  { code: 'CQP', name: 'Đất quốc phòng', group: N, term: 'long-term' },
  { code: 'CAN', name: 'Đất an ninh', group: N, term: 'long-term' },
  { code: 'DGD', name: 'Đất xây dựng cơ sở giáo dục và đào tạo', group: N, term: 'varies' },
  { code: 'DYT', name: 'Đất xây dựng cơ sở y tế', group: N, term: 'varies' },
  { code: 'TMD', name: 'Đất thương mại, dịch vụ', group: N, term: 'varies' },
  { code: 'SKC', name: 'Đất cơ sở sản xuất phi nông nghiệp', group: N, term: 'varies' },
  { code: 'DGT', name: 'Đất công trình giao thông', group: N, term: 'varies' },
  { code: 'DTL', name: 'Đất công trình thủy lợi', group: N, term: 'varies' },
  { code: 'TON', name: 'Đất tôn giáo', group: N, term: 'long-term' },
  { code: 'TIN', name: 'Đất tín ngưỡng', group: N, term: 'long-term' },
  { code: 'SON', name: 'Đất sông, ngòi, kênh, rạch, suối', group: N, term: 'varies' },
  {
    code: 'NTD',
    name: 'Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng; đất cơ sở lưu giữ tro cốt',
    group: N,
    term: 'varies'
  },
  { code: 'PNK', name: 'Đất phi nông nghiệp khác', group: N, term: 'varies' },
  { code: 'BCS', name: 'Đất bằng chưa sử dụng', group: U, term: 'varies' },
  { code: 'DCS', name: 'Đất đồi núi chưa sử dụng', group: U, term: 'varies' }
]

export type LandPurposeResult = ({ ok: true } & LandPurpose) | Failure<'LT_ERR_LAND_PURPOSE'>

let byCode: Map<string, LandPurpose> | undefined

export function parseLandPurpose (s: string): LandPurposeResult {
  byCode ??= new Map(LAND_PURPOSES.map(p => [p.code, p]))
  const code = typeof s === 'string' ? s.trim().toUpperCase() : ''
  const purpose = byCode.get(code)
  if (!purpose) return fail('LT_ERR_LAND_PURPOSE', `unknown land-use purpose code "${String(s)}"`)
  return { ok: true, ...purpose }
}

// Mixed-use parcels are written 'ONT+CLN' on certificates; every part must be a known code.
export function parseLandPurposes (s: string): { ok: true, purposes: LandPurpose[] } | Failure<'LT_ERR_LAND_PURPOSE'> {
  const parts = typeof s === 'string' ? s.split(/[+,;]/).map(p => p.trim()).filter(p => p !== '') : []
  if (parts.length === 0) return fail('LT_ERR_LAND_PURPOSE', `no land-use purpose code in "${String(s)}"`)
  const purposes: LandPurpose[] = []
  for (const part of parts) {
    const r = parseLandPurpose(part)
    if (!r.ok) return r
    const { ok: _ok, ...purpose } = r
    purposes.push(purpose)
  }
  return { ok: true, purposes }
}
