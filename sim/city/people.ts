// Names and ethnicities of the city's people, by pre-merger province. Family name first, then
// middle, then given name, as Vietnamese names are written.
import type { Random } from '../random.js'
import type { Region } from './places.js'

type Sex = 'male' | 'female'
const KINH = '01'
const HOA = '04'
const KHMER = '05'

// Old Cần Thơ and Sóc Trăng from the project reference; Hậu Giang is our assumption (close to old
// Cần Thơ with a larger Khmer minority).
const ETHNICITY_BY_REGION: Record<Region, ReadonlyArray<readonly [string, number]>> = {
  cantho: [[KINH, 97.5], [KHMER, 1.6], [HOA, 0.9]],
  haugiang: [[KINH, 97], [KHMER, 2.5], [HOA, 0.5]],
  soctrang: [[KINH, 64], [KHMER, 30], [HOA, 6]]
}

export function pickEthnicity (random: Random, region: Region): string {
  return random.weighted(ETHNICITY_BY_REGION[region])
}

// Religion codes 00 none, 01 Buddhism, 02 Catholic, 04 Cao Đài, 05 Hòa Hảo (Hòa Hảo is strong in
// the Mekong delta; Khmer people are mostly Theravada Buddhists).
export function pickReligion (random: Random, ethnicity: string): string {
  if (ethnicity === KHMER) return random.weighted([['01', 95], ['00', 5]] as const)
  return random.weighted([['00', 70], ['01', 16], ['05', 8], ['02', 4], ['04', 2]] as const)
}

const KINH_FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Huỳnh', 5.1], ['Phan', 4.5], ['Võ', 3.9],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5]
]
const KHMER_FAMILY: ReadonlyArray<readonly [string, number]> = [['Thạch', 30], ['Sơn', 20], ['Kim', 15], ['Danh', 15],
  ['Lâm', 10], ['Lý', 10]]
const HOA_FAMILY: ReadonlyArray<readonly [string, number]> = [['Lý', 20], ['Trương', 15], ['Quách', 15], ['Lâm', 15],
  ['Mã', 10], ['Tăng', 10], ['Hứa', 10], ['Diệp', 5]]

const MIDDLE: Record<Sex, readonly string[]> = { male: ['Văn', 'Thanh', 'Hữu', 'Minh', 'Hoàng', 'Gia', 'Bảo'],
  female: ['Thị', 'Ngọc', 'Kim', 'Bảo', 'Gia'] }
const GIVEN: Record<Sex, readonly string[]> = {
  male: ['Minh', 'Tuấn', 'Hùng', 'Dũng', 'Phong', 'Khoa', 'Long', 'Nam', 'Huy'],
  female: ['Lan', 'Mai', 'Linh', 'Hương', 'Ngọc', 'Trang', 'Thảo', 'Yến', 'Vy']
}
const KHMER_GIVEN: Record<Sex, readonly string[]> = { male: ['Sa Rát', 'Sóc Khên', 'Sơ Phanh', 'Chanh Đa', 'Sa Muônl',
  'Ny'], female: ['Sà Phia', 'Sóc Pha', 'Sô Phia', 'Sa Ly', 'Chanh Thu', 'Sa Rết'] }
const HOA_GIVEN: Record<Sex, readonly string[]> = { male: ['Phát', 'Tài', 'Hưng', 'Quang', 'Vĩnh', 'Kiệt'],
  female: ['Cẩm', 'Huệ', 'Mỹ', 'Phụng', 'Quyên', 'Lệ'] }

export function pickFamilyName (random: Random, ethnicity: string): string {
  return random.weighted(ethnicity === KHMER ? KHMER_FAMILY : ethnicity === HOA ? HOA_FAMILY : KINH_FAMILY)
}

export function pickPersonName (random: Random, familyName: string, sex: Sex, ethnicity: string): string {
  if (ethnicity === KHMER) {
    const given = random.pick(KHMER_GIVEN[sex])
    return sex === 'female' && random.chance(0.5) ? `${familyName} Thị ${given}` : `${familyName} ${given}`
  }
  const given = random.pick(ethnicity === HOA ? HOA_GIVEN[sex] : GIVEN[sex])
  return `${familyName} ${random.pick(MIDDLE[sex])} ${given}`
}

// A different but plausible spelling of the same person's name, as another office typed it:
// another middle name, a dropped middle name, or a missing tone mark on the given name.
export function misspellName (random: Random, fullName: string, sex: Sex): string {
  const words = fullName.split(' ')
  if (words.length >= 3 && random.chance(0.5)) {
    const others = MIDDLE[sex].filter(m => m !== words[1])
    return random.chance(0.5) ? [words[0], ...words.slice(2)].join(' ')
      : [words[0], random.pick(others), ...words.slice(2)].join(' ')
  }
  const last = words[words.length - 1]
  const stripped = last.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC')
  const changed = stripped !== last ? stripped : `${last}h`
  return [...words.slice(0, -1), changed].join(' ')
}

export const NEIGHBOUR_PREFIXES = ['089', '086', '087', '091', '079', '095', '096', '083', '001'] as const
