// A regular-expression engine whose running time is linear in the input, for the `pattern`s of
// integrator-registered schemas (ajv's `code.regExp`). V8's backtracking engine takes exponential
// time on patterns like ^(a+)+$; a registered pattern must never be able to block the event loop.
// Patterns compile to a Thompson NFA simulated breadth-first (Pike VM): O(input x pattern) time.
// Each atom matches exactly one character and is tested by V8 on that one character, so the class
// and escape syntax is V8's own ('u' flag). Features that need backtracking are refused when the
// schema compiles: back-references, lookaround, word boundaries. A real RE2 port (re2js) would
// support more; it is not a dependency yet.
import { HubError } from '../../infra/shared/hub-error.js'

/** Thrown at compile time for a pattern this engine does not run; ajv reports it as a schema error. */
export class UnsupportedPatternError extends HubError {
  constructor (pattern: string, why: string) {
    super(`pattern ${JSON.stringify(pattern)} is refused: ${why} (registered patterns must run in linear time)`,
      { code: 'LT_ERR_PATTERN_UNSUPPORTED', status: 422, retriable: false })
  }
}

const MAX_PATTERN_LENGTH = 1000
const MAX_GROUP_DEPTH = 32
const MAX_PROGRAM = 20000
const MAX_REPEAT = 1000

type Node =
  | { t: 'char', re: RegExp }
  | { t: 'begin' } | { t: 'end' }
  | { t: 'seq', items: Node[] }
  | { t: 'alt', options: Node[] }
  | { t: 'repeat', node: Node, min: number, max: number } // max Infinity = unbounded

type Inst =
  | { op: 'char', re: RegExp }
  | { op: 'split', x: number, y: number }
  | { op: 'jmp', x: number }
  | { op: 'begin' } | { op: 'end' } | { op: 'match' }

function parse (pattern: string, flags: string): Node {
  let i = 0
  const fail = (why: string): never => { throw new UnsupportedPatternError(pattern, why) }
  const one = (source: string): Node => ({
    t: 'char',
    re: new RegExp(`^(?:${source})$`, flags.includes('u') ? 'u' : '')
  })

  function alternation (depth: number): Node {
    if (depth > MAX_GROUP_DEPTH) fail(`groups nest deeper than ${MAX_GROUP_DEPTH}`)
    const options = [sequence(depth)]
    while (pattern[i] === '|') { i++; options.push(sequence(depth)) }
    return options.length === 1 ? options[0] : { t: 'alt', options }
  }

  function sequence (depth: number): Node {
    const items: Node[] = []
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const atom = atomAt(depth)
      items.push(quantified(atom))
    }
    return { t: 'seq', items }
  }

  function quantified (atom: Node): Node {
    const c = pattern[i]
    let min: number, max: number
    if (c === '*') {
      min = 0
      max = Infinity
      i++
    } else if (c === '+') {
      min = 1
      max = Infinity
      i++
    } else if (c === '?') {
      min = 0
      max = 1
      i++
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))
      if (m === null) return atom
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) fail(`a repetition count above ${MAX_REPEAT}`)
      i += m[0].length
    } else return atom
    if (pattern[i] === '?') i++ // lazy or greedy: the same for a yes/no match
    if (atom.t === 'begin' || atom.t === 'end') fail('a quantified anchor')
    return { t: 'repeat', node: atom, min, max }
  }

  function atomAt (depth: number): Node {
    const c = pattern[i]
    if (c === '(') {
      i++
      if (pattern.startsWith('?:', i)) i += 2
      else if (pattern.startsWith('?<', i) && pattern[i + 2] !== '=' && pattern[i + 2] !== '!') {
        const close = pattern.indexOf('>', i)
        if (close < 0) fail('an unterminated group name')
        i = close + 1
      } else if (pattern[i] === '?') fail('lookaround')
      const inner = alternation(depth + 1)
      if (pattern[i] !== ')') fail('an unbalanced parenthesis')
      i++
      return inner
    }
    if (c === '^') { i++; return { t: 'begin' } }
    if (c === '$') { i++; return { t: 'end' } }
    if (c === '[') {
      let j = i + 1
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1
      if (j >= pattern.length) fail('an unterminated character class')
      const source = pattern.slice(i, j + 1)
      i = j + 1
      return one(source)
    }
    if (c === '\\') {
      const next = pattern[i + 1] ?? ''
      if (/[1-9k]/.test(next)) fail('a back-reference')
      if (next === 'b' || next === 'B') fail('a word boundary')
      const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|0|[\s\S])/.exec(
        pattern.slice(i)
      ) as RegExpExecArray
      i += m[0].length
      return one(m[0])
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') fail(`an unexpected '${c}'`)
    const ch = String.fromCodePoint(pattern.codePointAt(i) as number)
    i += ch.length
    return one(ch === '.' ? '.' : ch.replace(/[{}]/g, '\\$&'))
  }

  const tree = alternation(0)
  if (i < pattern.length) fail('an unbalanced parenthesis')
  return tree
}

function compile (node: Node, pattern: string): Inst[] {
  const prog: Inst[] = []
  const emit = (inst: Inst): number => {
    if (prog.length >= MAX_PROGRAM) throw new UnsupportedPatternError(pattern, 'it expands to too large a program')
    prog.push(inst)
    return prog.length - 1
  }
  function gen (n: Node): void {
    switch (n.t) {
      case 'char': emit({ op: 'char', re: n.re }); return
      case 'begin': emit({ op: 'begin' }); return
      case 'end': emit({ op: 'end' }); return
      case 'seq': for (const item of n.items) gen(item); return
      case 'alt': {
        const jumps: number[] = []
        n.options.forEach((option, k) => {
          if (k === n.options.length - 1) { gen(option); return }
          const split = emit({ op: 'split', x: prog.length + 1, y: -1 })
          gen(option)
          jumps.push(emit({ op: 'jmp', x: -1 }))
          ;(prog[split] as { y: number }).y = prog.length
        })
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length
        return
      }
      case 'repeat': {
        for (let k = 0; k < n.min; k++) gen(n.node)
        if (n.max === Infinity) {
          const split = emit({ op: 'split', x: prog.length + 1, y: -1 })
          gen(n.node)
          emit({ op: 'jmp', x: split })
          ;(prog[split] as { y: number }).y = prog.length
          return
        }
        const splits: number[] = []
        for (let k = n.min; k < n.max; k++) {
          splits.push(emit({ op: 'split', x: prog.length + 1, y: -1 }))
          gen(n.node)
        }
        for (const s of splits) (prog[s] as { y: number }).y = prog.length
      }
    }
  }
  gen(node)
  emit({ op: 'match' })
  return prog
}

/** Breadth-first simulation: every program position is visited at most once per input position. */
function run (prog: Inst[], input: string): boolean {
  const chars = Array.from(input)
  const mark = new Int32Array(prog.length).fill(-1)
  let current: number[] = []
  let next: number[] = []
  const stack: number[] = []
  // Adds pc and everything reachable from it without consuming a character; true on a match.
  const add = (list: number[], start: number, pos: number, generation: number): boolean => {
    stack.push(start)
    while (stack.length > 0) {
      const pc = stack.pop() as number
      if (mark[pc] === generation) continue
      mark[pc] = generation
      const inst = prog[pc]
      switch (inst.op) {
        case 'jmp': stack.push(inst.x); break
        case 'split': stack.push(inst.y, inst.x); break
        case 'begin': if (pos === 0) stack.push(pc + 1); break
        case 'end': if (pos === chars.length) stack.push(pc + 1); break
        case 'match': stack.length = 0; return true
        case 'char': list.push(pc)
      }
    }
    return false
  }
  for (let pos = 0; pos <= chars.length; pos++) {
    // An unanchored search: a new thread may start at every position.
    if (add(current, 0, pos, pos)) return true
    if (pos === chars.length) break
    next = []
    for (const pc of current) {
      const inst = prog[pc] as { op: 'char', re: RegExp }
      if (inst.re.test(chars[pos]) && add(next, pc + 1, pos + 1, pos + 1)) return true
    }
    current = next
  }
  return false
}

export interface LinearRegExp { test: (input: string) => boolean, toString: () => string }

/** ajv's `code.regExp`: compiles a pattern or throws UnsupportedPatternError. */
export function linearRegExp (pattern: string, flags: string = 'u'): LinearRegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new UnsupportedPatternError(pattern.slice(0, 40) + '…', `longer than ${MAX_PATTERN_LENGTH} characters`)
  }
  // V8 first, for the syntax: whatever it rejects is not a pattern at all.
  // eslint-disable-next-line no-new
  try { new RegExp(pattern, flags) } catch (err) { throw new UnsupportedPatternError(pattern, (err as Error).message) }
  const prog = compile(parse(pattern, flags), pattern)
  return { test: input => run(prog, input), toString: () => `/${pattern}/${flags}` }
}
// Standalone code generation is never used for registered schemas; ajv only requires the name.
linearRegExp.code = 'linearRegExp'
