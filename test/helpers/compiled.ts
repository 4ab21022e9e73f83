// Where the compiled form of a source file lives. Tests that start the hub or a CLI as a process
// run the compiled JavaScript, as `npm start` does: tap's `before` hook (.taprc) runs
// scripts/build-if-stale.mjs, so dist/ always matches the sources a test run sees.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The absolute path of dist/<source>.js; throws with what to do when it was never built. */
export function compiled (source: string): string {
  const file = join(root, 'dist', source.replace(/\.ts$/, '.js'))
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: tap's before hook builds it; outside tap, run \`npm run build\``)
  }
  return file
}
