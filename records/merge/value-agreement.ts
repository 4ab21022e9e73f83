// Which sources' values for a field say the same thing, so that only a real disagreement becomes a
// conflict. Names are compared as people write them: case, spacing and Unicode form never matter,
// and a name written without any diacritics (an export that lost them, as 40 % of BHYT names do)
// agrees with every spelling that folds to it. Between two spellings that both carry diacritics
// the marks count: 'Nguyễn Văn Ân' and 'Nguyễn Văn An' are different names. Other fields agree
// when their canonical JSON is equal.
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { nameMatchKey, nameSpellingKey } from '../../schemas/vietnam/names.js'

const NAME_FIELDS = new Set(['fullName', 'familyName', 'middleName', 'givenName', 'otherName'])

/** Groups the positions of `values` that agree; more than one group is a conflict. Deterministic. */
export function agreeingGroups (field: string, values: readonly unknown[]): number[][] {
  if (!NAME_FIELDS.has(field) || !values.every(v => typeof v === 'string')) {
    return byKey(values.map(v => canonicalJson(v)))
  }
  const names = (values as string[]).map(v => ({ spelled: nameSpellingKey(v), folded: nameMatchKey(v) }))
  // Spellings with diacritics first, one group per exact spelling; then each bare spelling joins
  // the first of those it folds to, else the group of its folded form.
  const marked = byKey(names.map(n => n.spelled !== n.folded ? n.spelled : ''))
    .filter(g => names[g[0]].spelled !== names[g[0]].folded)
  const bare = new Map<string, number[]>()
  names.forEach((n, i) => {
    if (n.spelled !== n.folded) return
    const joined = marked.find(g => names[g[0]].folded === n.folded) ?? bare.get(n.folded) ?? []
    if (joined.length === 0) bare.set(n.folded, joined)
    joined.push(i)
  })
  return [...marked, ...bare.values()]
}

/**
 * Where `values[chosen]` is a name written without diacritics, the first of `values` (callers pass
 * them newest first) spelled with diacritics that folds to the same name: the same name, better
 * written. Undefined when there is none, or the field is not a name, or the chosen one has marks.
 */
export function markedSpellingOf (field: string, values: readonly unknown[], chosen: number): number | undefined {
  const bare = values[chosen]
  if (!NAME_FIELDS.has(field) || typeof bare !== 'string' || nameSpellingKey(bare) !== nameMatchKey(bare)) {
    return undefined
  }
  const folded = nameMatchKey(bare)
  const found = values.findIndex(v => typeof v === 'string' && nameMatchKey(v) === folded &&
    nameSpellingKey(v) !== folded)
  return found === -1 ? undefined : found
}

function byKey (keys: string[]): number[][] {
  const groups = new Map<string, number[]>()
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]))
  return [...groups.values()]
}
