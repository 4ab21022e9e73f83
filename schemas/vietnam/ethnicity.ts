import { compactKey } from './fold.js'

// The 54 ethnic groups and their codes (GSO list, Decision 121-TCTK/PPCĐ of 1979, used by the
// population database). Aliases are spellings seen in source systems, matched folded and without
// separators, so 'Khơ-me', 'Khơ Me', 'KHOME' and 'Khmer' all find code 05.
export type Ethnicity = { code: string, name: string, aliases: readonly string[] }

export const ETHNICITIES: readonly Ethnicity[] = [
  { code: '01', name: 'Kinh', aliases: ['Việt'] },
  { code: '02', name: 'Tày', aliases: [] },
  { code: '03', name: 'Thái', aliases: [] },
  { code: '04', name: 'Hoa', aliases: ['Người Hoa', 'Hán'] },
  { code: '05', name: 'Khơ-me', aliases: ['Khmer', 'Khơ Me Krôm'] },
  { code: '06', name: 'Mường', aliases: [] },
  { code: '07', name: 'Nùng', aliases: [] },
  { code: '08', name: 'Mông', aliases: ['H\'Mông'] },
  { code: '09', name: 'Dao', aliases: [] },
  { code: '10', name: 'Gia-rai', aliases: ['Jrai'] },
  { code: '11', name: 'Ngái', aliases: [] },
  { code: '12', name: 'Ê-đê', aliases: ['Rhade'] },
  { code: '13', name: 'Ba-na', aliases: ['Bahnar'] },
  { code: '14', name: 'Xơ-đăng', aliases: ['Sedang'] },
  { code: '15', name: 'Sán Chay', aliases: ['Cao Lan', 'Sán Chỉ'] },
  { code: '16', name: 'Cơ-ho', aliases: ['K\'Ho'] },
  { code: '17', name: 'Chăm', aliases: [] },
  { code: '18', name: 'Sán Dìu', aliases: [] },
  { code: '19', name: 'Hrê', aliases: [] },
  { code: '20', name: 'Mnông', aliases: [] },
  { code: '21', name: 'Ra-glai', aliases: [] },
  { code: '22', name: 'Xtiêng', aliases: ['Stiêng'] },
  { code: '23', name: 'Bru-Vân Kiều', aliases: ['Bru', 'Vân Kiều'] },
  { code: '24', name: 'Thổ', aliases: [] },
  { code: '25', name: 'Giáy', aliases: [] },
  { code: '26', name: 'Cơ-tu', aliases: ['Katu'] },
  { code: '27', name: 'Gié-Triêng', aliases: [] },
  { code: '28', name: 'Mạ', aliases: [] },
  { code: '29', name: 'Khơ-mú', aliases: ['Khmu'] },
  { code: '30', name: 'Co', aliases: [] },
  { code: '31', name: 'Tà-ôi', aliases: [] },
  { code: '32', name: 'Chơ-ro', aliases: [] },
  { code: '33', name: 'Kháng', aliases: [] },
  { code: '34', name: 'Xinh-mun', aliases: [] },
  { code: '35', name: 'Hà Nhì', aliases: [] },
  { code: '36', name: 'Chu-ru', aliases: [] },
  { code: '37', name: 'Lào', aliases: [] },
  { code: '38', name: 'La Chí', aliases: [] },
  { code: '39', name: 'La Ha', aliases: [] },
  { code: '40', name: 'Phù Lá', aliases: [] },
  { code: '41', name: 'La Hủ', aliases: [] },
  { code: '42', name: 'Lự', aliases: [] },
  { code: '43', name: 'Lô Lô', aliases: [] },
  { code: '44', name: 'Chứt', aliases: [] },
  { code: '45', name: 'Mảng', aliases: [] },
  { code: '46', name: 'Pà Thẻn', aliases: [] },
  { code: '47', name: 'Cơ Lao', aliases: [] },
  { code: '48', name: 'Cống', aliases: [] },
  { code: '49', name: 'Bố Y', aliases: [] },
  { code: '50', name: 'Si La', aliases: [] },
  { code: '51', name: 'Pu Péo', aliases: [] },
  { code: '52', name: 'Brâu', aliases: [] },
  { code: '53', name: 'Ơ Đu', aliases: [] },
  { code: '54', name: 'Rơ Măm', aliases: [] }
]

let byName: Map<string, Ethnicity> | undefined

function nameIndex (): Map<string, Ethnicity> {
  if (!byName) {
    byName = new Map()
    for (const e of ETHNICITIES) {
      for (const n of [e.name, ...e.aliases]) byName.set(compactKey(n), e)
    }
  }
  return byName
}

// Accepts '05', '5', 5 and ' 05 ': sources drop the leading zero when the column is numeric.
export function ethnicityByCode (code: string | number): Ethnicity | undefined {
  const s = String(code).trim()
  if (!/^\d{1,2}$/.test(s)) return undefined
  return ETHNICITIES.find(e => e.code === s.padStart(2, '0'))
}

// Case, diacritics, Unicode form, spaces, hyphens and apostrophes are ignored; the optional
// "dân tộc" prefix of form answers too.
export function ethnicityByName (name: string): Ethnicity | undefined {
  if (typeof name !== 'string') return undefined
  const key = compactKey(name).replace(/^dantoc/, '')
  return key === '' ? undefined : nameIndex().get(key)
}
