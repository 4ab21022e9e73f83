// Relationship to the household head (quan hệ với chủ hộ). The residence database and form CT01
// record it as free text and no official numeric list was found, so the hub defines this one.
// Codes are stable: a new relation gets a new code, an old code never changes meaning.
// 09 takes everything else (relatives not listed, and non-relatives such as a lodger), so any
// source value can be mapped without being rejected.
export const HOUSEHOLD_RELATIONS = [
  { code: '01', name: 'Chủ hộ', meaning: 'head of household' },
  { code: '02', name: 'Vợ, chồng', meaning: 'spouse of the head' },
  { code: '03', name: 'Con', meaning: 'child (natural, adopted or stepchild) of the head' },
  { code: '04', name: 'Cha, mẹ', meaning: 'parent of the head' },
  { code: '05', name: 'Cháu', meaning: 'grandchild of the head' },
  { code: '06', name: 'Anh, chị, em', meaning: 'sibling of the head' },
  { code: '07', name: 'Ông, bà', meaning: 'grandparent of the head' },
  { code: '08', name: 'Con dâu, con rể, cha mẹ vợ/chồng', meaning: 'in-law of the head (child-in-law, parent-in-law)' },
  { code: '09', name: 'Khác', meaning: 'other relative or non-relative (e.g. lodger)' }
] as const

export type HouseholdRelationCode = typeof HOUSEHOLD_RELATIONS[number]['code']

export const HEAD_OF_HOUSEHOLD: HouseholdRelationCode = '01'

const relationCodes = HOUSEHOLD_RELATIONS.map(r => r.code) as HouseholdRelationCode[]

export const relationToHeadSchema = {
  type: 'string',
  enum: relationCodes,
  description: 'Relationship to the household head: ' +
    `${HOUSEHOLD_RELATIONS.map(r => `${r.code} ${r.meaning}`).join(', ')}.`
} as const
