import { foldDiacritics } from './fold.js'

export { foldDiacritics } from './fold.js'

export type PersonName = { full: string, family: string, middle: string, given: string }

// Invisible characters that survive copy-paste from PDFs and web forms.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g

// Upper-case the first letter of the word and of each part after a hyphen or apostrophe
// (ethnic-minority names such as "H'Hen", "Ka-Sô"). After NFC every Vietnamese letter is one
// code point, so [0] is the whole letter with its marks.
function capitalise (word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
}

function clean (raw: string): string {
  return (typeof raw === 'string' ? raw : '').normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

// Order is family, middle..., given. A single word is taken as the given name with an empty family
// name, so that [family, middle, given] joined with spaces always rebuilds `full` exactly.
// Spelling is kept: 'Hoà' and 'Hòa' stay as written; nameMatchKey is the place they meet.
export function normalizeName (raw: string): PersonName {
  const words = clean(raw).split(' ').filter(w => w !== '').map(capitalise)
  const full = words.join(' ')
  if (words.length === 0) return { full, family: '', middle: '', given: '' }
  if (words.length === 1) return { full, family: '', middle: '', given: words[0] as string }
  return {
    full,
    family: words[0] as string,
    middle: words.slice(1, -1).join(' '),
    given: words[words.length - 1] as string
  }
}

// Key for matching the same person across sources with or without diacritics.
export function nameMatchKey (raw: string): string {
  return foldDiacritics(clean(raw)).toLowerCase()
}

// Key for comparing two spellings: case, spacing, invisible characters and Unicode form do not
// count, diacritics do ('Ân' is not 'An').
export function nameSpellingKey (raw: string): string {
  return clean(raw).toLowerCase()
}
