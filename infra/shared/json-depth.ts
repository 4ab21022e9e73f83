// How deeply a JSON text nests, found by one pass over its characters: no recursion and no parse,
// so a body nested thousands of levels costs no more than its length. Used before JSON.parse where
// the text comes from outside (request bodies, connector sources), because what consumes a parsed
// value later (ajv, SQLite's JSON functions, recursive walkers) fails or overflows on deep values.

export const MAX_JSON_DEPTH = 64

/** The character offset where `text` first nests deeper than `max`, or undefined when it does not. */
export function jsonTooDeepAt (text: string, max: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) { if (++depth > max) return i } // { [
    else if (c === 0x7d || c === 0x5d) depth-- // } ]
  }
  return undefined
}
