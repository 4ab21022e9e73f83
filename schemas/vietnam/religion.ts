import { compactKey } from './fold.js'

// Religion codes of the population database as given in the project reference (00-05). Other
// recognised religions have codes too, but they are not in the reference, so they are left out
// and an unknown code or name returns undefined rather than a guess.
export type Religion = { code: string, name: string, aliases: readonly string[] }

export const RELIGIONS: readonly Religion[] = [
  { code: '00', name: 'Không', aliases: ['Không tôn giáo', 'Không có', 'None'] },
  { code: '01', name: 'Phật giáo', aliases: ['Phật', 'Đạo Phật', 'Buddhism', 'Buddhist'] },
  { code: '02', name: 'Công giáo', aliases: ['Thiên Chúa giáo', 'Đạo Thiên Chúa', 'Catholic'] },
  { code: '03', name: 'Tin Lành', aliases: ['Đạo Tin Lành', 'Protestant'] },
  { code: '04', name: 'Cao Đài', aliases: ['Đạo Cao Đài'] },
  { code: '05', name: 'Phật giáo Hòa Hảo', aliases: ['Hòa Hảo', 'Đạo Hòa Hảo'] }
]

let byName: Map<string, Religion> | undefined

function nameIndex (): Map<string, Religion> {
  if (!byName) {
    byName = new Map()
    for (const r of RELIGIONS) {
      for (const n of [r.name, ...r.aliases]) byName.set(compactKey(n), r)
    }
  }
  return byName
}

export function religionByCode (code: string | number): Religion | undefined {
  const s = String(code).trim()
  if (!/^\d{1,2}$/.test(s)) return undefined
  return RELIGIONS.find(r => r.code === s.padStart(2, '0'))
}

// Whole-name match only, so 'Phật giáo Hòa Hảo' never falls into 'Phật giáo'.
export function religionByName (name: string): Religion | undefined {
  if (typeof name !== 'string') return undefined
  const key = compactKey(name)
  return key === '' ? undefined : nameIndex().get(key)
}
