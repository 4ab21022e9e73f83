// Synthetic civil-status (hộ tịch) records in the source's own dialect: Vietnamese field names,
// upper-case names, ddMMyyyy dates, 'Nam'/'Nữ'. All people here are invented.
import { seededRandom, type Random } from '../random.js'

export interface CivilStatusRecord {
  so_dinh_danh: string
  so_cmnd?: string
  ho_va_ten: string
  ngay_sinh: string
  gioi_tinh: 'Nam' | 'Nữ'
  noi_sinh: string
  dan_toc: string
  quoc_tich: string
  ngay_mat?: string
  ngay_cap_nhat: string
  da_xoa?: boolean
}

const FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Huỳnh', 5.1], ['Phan', 4.5], ['Võ', 3.9],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5]
]
const MIDDLE = { male: ['Văn', 'Thanh', 'Hữu', 'Minh', 'Hoàng', 'Gia', 'Bảo'], female: ['Thị', 'Ngọc', 'Kim', 'Bảo', 'Gia'] }
const GIVEN = { male: ['Minh', 'Tuấn', 'Hùng', 'Dũng', 'Phong', 'Khoa', 'Long', 'Nam', 'Huy'], female: ['Lan', 'Mai', 'Linh', 'Hương', 'Ngọc', 'Trang', 'Thảo', 'Yến', 'Vy'] }
const PLACES = ['Cần Thơ', 'Hậu Giang', 'Sóc Trăng']
const PROVINCE_CODES = ['092', '093', '094']

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export function generateCivilStatusRecords (count: number, seed: number, at: Date): CivilStatusRecord[] {
  const random = seededRandom(seed)
  const used = new Set<string>()
  const records: CivilStatusRecord[] = []
  while (records.length < count) {
    const record = invent(random, at)
    if (used.has(record.so_dinh_danh)) continue
    used.add(record.so_dinh_danh)
    records.push(record)
  }
  return records
}

function invent (random: Random, at: Date): CivilStatusRecord {
  const sex = random.next() < 0.5 ? 'male' : 'female'
  const year = random.int(1940, 2024)
  const month = random.int(1, 12)
  const day = random.int(1, 28)
  const provinceIndex = random.weighted([[0, 60], [1, 15], [2, 25]] as const)
  const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0)
  const id = `${PROVINCE_CODES[provinceIndex]}${centuryDigit}${pad(year % 100, 2)}${pad(random.int(0, 999999), 6)}`
  const name = [random.weighted(FAMILY), random.pick(MIDDLE[sex]), random.pick(GIVEN[sex])].join(' ')
  const record: CivilStatusRecord = {
    so_dinh_danh: id,
    ho_va_ten: name.toLocaleUpperCase('vi'),
    ngay_sinh: `${pad(day, 2)}${pad(month, 2)}${year}`,
    gioi_tinh: sex === 'male' ? 'Nam' : 'Nữ',
    noi_sinh: PLACES[provinceIndex],
    dan_toc: random.weighted([['01', 95], ['05', 3.5], ['04', 1.5]] as const),
    quoc_tich: 'VN',
    ngay_cap_nhat: at.toISOString()
  }
  if (year < 1995 && random.next() < 0.3) record.so_cmnd = pad(random.int(300000000, 399999999), 9)
  return record
}
