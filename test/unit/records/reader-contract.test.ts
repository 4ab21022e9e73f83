// The records reader contract on the embedded (SQLite) store, on a temporary folder; the same
// contract runs on MongoDB in test/engines/records-reader.test.ts.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedStore } from '../../../infra/store/embedded.js'
import { recordsReaderContract } from '../../contract/records-reader.contract.js'

const dir = t.testdir({})
t.test('records reader on the embedded store', async t => {
  recordsReaderContract(t, async () => openEmbeddedStore({ file: join(dir, 'store.sqlite') }))
})
