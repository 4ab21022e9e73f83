// The audit chain scenario on the embedded (SQLite) store; test/engines/audit-chain.test.ts runs
// the same on FerretDB.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { auditChainScenario } from './audit-chain.scenario.js'

const dir = t.testdir({})
let n = 0
auditChainScenario(t, async () => openEmbeddedStore({ file: join(dir, `store-${++n}.sqlite`) }))
