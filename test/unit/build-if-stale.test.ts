// `npm start` builds only when a source changed since the last good build: a second start runs no
// tsc at all, and an edited source is compiled (incrementally) before the next start.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

t.setTimeout(300000)
const script = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url))

const build = (root: string): { status: number | null, stderr: string } => {
  const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' })
  return { status: r.status, stderr: r.stderr }
}

t.test('builds the first time, skips when nothing changed, rebuilds after an edit', async t => {
  const root = t.testdir({
    'package.json': JSON.stringify({ name: 'fixture', type: 'module' }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext',
      moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: '.', types: [] },
      include: ['main.ts', 'lib/**/*.ts'] }),
    'main.ts': "import { greeting } from './lib/greeting.js'\nexport const text: string = greeting\n",
    lib: { 'greeting.ts': "export const greeting = 'xin chào'\n" }
  })
  const first = build(root)
  t.equal(first.status, 0, first.stderr)
  t.match(first.stderr, /Building/)
  t.match(readFileSync(join(root, 'dist/lib/greeting.js'), 'utf8'), /xin chào/)
  const compiledAt = statSync(join(root, 'dist/main.js')).mtimeMs

  const second = build(root)
  t.same(second, { status: 0, stderr: '' }, 'nothing changed: no tsc, no output')
  t.equal(statSync(join(root, 'dist/main.js')).mtimeMs, compiledAt, 'nothing rewritten')

  const source = join(root, 'lib/greeting.ts')
  writeFileSync(source, "export const greeting = 'chào mừng'\n")
  const later = new Date(Date.now() + 5000) // past any coarse file-system clock
  utimesSync(source, later, later)
  const third = build(root)
  t.equal(third.status, 0, third.stderr)
  t.match(third.stderr, /Sources changed/)
  t.match(readFileSync(join(root, 'dist/lib/greeting.js'), 'utf8'), /chào mừng/)

  writeFileSync(source, 'export const greeting: number = 1\nexport const oops: string = greeting\n')
  utimesSync(source, new Date(Date.now() + 10000), new Date(Date.now() + 10000))
  t.not(build(root).status, 0, 'a type error fails the build')
  t.not(build(root).status, 0, 'and is not forgotten at the next start')
})
