// Which sources' values for a field say the same thing, so that only a real disagreement becomes a
// conflict. Names are compared as people write them: case, spacing and Unicode form never matter,
// and a name written without any diacritics (an export that lost them, as 40 % of BHYT names do)
// agrees with every spelling that folds to it. Between two spellings that both carry diacritics
// the marks count: 'Nguyễn Văn Ân' and 'Nguyễn Văn An' are different names. Other fields agree
// when their canonical JSON is equal.
import { canonicalJson } from '../../infra/shared/canonical-json.js'
import { foldDiacritics } from '../../schemas/vietnam/names.js'

const NAME_FIELDS = new Set(['fullName', 'familyName', 'middleName', 'givenName', 'otherName'])

const plainName = (v: string): string => v.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()

/** Groups the positions of `values` that agree; more than one group is a conflict. Deterministic. */
export function agreeingGroups (field: string, values: readonly unknown[]): number[][] {
  if (!NAME_FIELDS.has(field) || !values.every(v => typeof v === 'string')) return byKey(values.map(v => canonicalJson(v)))
  const names = (values as string[]).map(v => ({ spelled: plainName(v), folded: foldDiacritics(plainName(v)) }))
  const marked = names.map(n => n.spelled !== n.folded)
  // Spellings with diacritics first, each by its exact spelling; then each bare spelling joins the
  // first of them it folds to, or a group of bare spellings of its own.
  const groups = new Map<string, number[]>()
  names.forEach((n, i) => { if (marked[i]) groups.set(`=${n.spelled}`, [...(groups.get(`=${n.spelled}`) ?? []), i]) })
  names.forEach((n, i) => {
    if (marked[i]) return
    const joined = [...groups.entries()].find(([key, members]) => key.startsWith('=') && names[members[0]].folded === n.folded)
    if (joined !== undefined) joined[1].push(i)
    else groups.set(`~${n.folded}`, [...(groups.get(`~${n.folded}`) ?? []), i])
  })
  return [...groups.values()]
}

function byKey (keys: string[]): number[][] {
  const groups = new Map<string, number[]>()
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]))
  return [...groups.values()]
}
