// tap's `before` hook (.taprc): brings dist/ up to date with the sources once, before any test file
// runs, for the tests that start the hub or a CLI as a compiled process (test/helpers/compiled.ts).
// The build runs in a child with tap's coverage off (_TAPJS_PROCESSINFO_COVERAGE_=0): tap 21 covers
// the before hook although coverage is disabled here, and printed "ERROR: incomplete coverage" for
// the build script. This file has no branch, so its own coverage is complete.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const env = { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' }
const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', root], { cwd: root, env, stdio: 'inherit' })
process.exitCode = Number(build.status !== 0)
