// The README's configuration table must list every environment variable the loader reads, so the
// documentation cannot fall behind the code.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { envSettings } from '../../hub/config.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
for (const s of envSettings) {
  t.match(readme, new RegExp(`\\| \`${s.env}\` \\| \`${s.path.replace('.', '\\.')}\` \\|`), `README documents ${s.env}`)
}
