// Matching keys for Vietnamese text: sources mix NFC/NFD, upper/lower case and missing diacritics.

// Strips every combining mark after canonical decomposition; đ/Đ are separate letters, not
// d + mark, so they need their own replacement.
export function foldDiacritics (s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')
}

// Key for code-table names: 'Khơ-me', 'Khơ Me' and 'khome' must meet, so separators go too.
export function compactKey (s: string): string {
  return foldDiacritics(s).toLowerCase().replace(/[^a-z0-9]/g, '')
}
