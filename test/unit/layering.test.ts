// The layering check (`npm run lint:layers`, run by CI right after npm ci) fails on each kind of
// wrong import: a room importing a sibling or a room above it, an engine client outside infra/,
// a concrete adapter opened below the wiring, a cycle (type-only too), a folder no rule places.
// Run on a small tree with the repository's own configuration, so a rule that stops matching fails here.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

t.setTimeout(120000)
const repo = fileURLToPath(new URL('../../', import.meta.url))

interface Violation { rule: { name: string }, from: string, to: string }

const cruise = (root: string): { errors: number, violations: Violation[], stderr: string } => {
  const r = spawnSync(process.execPath, [join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
    '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json', '.'], { cwd: root, encoding: 'utf8' })
  const summary = r.stdout === '' ? { error: 0, violations: [] } : JSON.parse(r.stdout).summary
  return { errors: summary.error, violations: summary.violations, stderr: r.stderr }
}

const exportOne = 'export const one = 1\n'

t.test('each wrong arrow is reported by its rule; the right ones pass', async t => {
  const root = t.testdir({
    'package.json': JSON.stringify({ name: 'fixture', type: 'module' }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    'main.ts': "import { one } from './hub/start.js'\nexport const two = one + 1\n",
    schemas: {
      // A cycle of types only: still a cycle between the files.
      'a.ts': "import type { B } from './b.js'\nexport interface A { b?: B }\n",
      'b.ts': "import type { A } from './a.js'\nexport interface B { a?: A }\n"
    },
    infra: {
      ports: { 'store.ts': "import type { A } from '../../schemas/a.js'\nexport type Doc = A\n" },
      store: { 'embedded.ts': exportOne }
    },
    records: {
      'reader.ts': "import type { Doc } from '../infra/ports/store.js'\nexport type View = Doc\n",
      'kafka-reader.ts': "import { Kafka } from 'kafkajs'\nexport const kafka = Kafka\n"
    },
    consumers: { 'merger.ts': "import type { View } from '../records/reader.js'\nexport const one: View | 1 = 1\n" },
    gateway: {
      'ok.ts': "import type { View } from '../records/reader.js'\nexport type Body = View\n",
      'sibling.ts': "import { one } from '../consumers/merger.js'\nexport const x = one\n"
    },
    connectors: { 'adapter.ts': "import { one } from '../infra/store/embedded.js'\nexport const x = one\n" },
    hub: { 'start.ts': "import { one } from '../test/helper.js'\nimport '../gateway/ok.js'\nexport { one }\n" },
    test: { 'helper.ts': exportOne },
    console: { 'page.ts': "import type { View } from '../records/reader.js'\nexport type Page = View\n" }
  })
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir')

  // Every violation is an error (the default reporter, which CI uses, then exits non-zero).
  const { errors, violations, stderr } = cruise(root)
  t.equal(errors, violations.length, 'every violation is an error')
  const shortPath = (to: string): string => to.replace(/^.*node_modules\//, 'node_modules/')
  const found = violations.map(v => `${v.rule.name}: ${v.from} -> ${shortPath(v.to)}`).sort()
  t.same(found, [
    'adapters-wired-at-the-top: connectors/adapter.ts -> infra/store/embedded.ts',
    'engines-behind-ports: records/kafka-reader.ts -> node_modules/kafkajs/index.js',
    'every-file-in-a-room: console/page.ts -> records/reader.ts',
    'gateway-imports-only-below: gateway/sibling.ts -> consumers/merger.ts',
    'hub-imports-only-below: hub/start.ts -> test/helper.ts',
    'no-circular: schemas/a.ts -> schemas/b.ts',
    'nothing-imports-test: hub/start.ts -> test/helper.ts'
  ], stderr)
})
