// The port contracts, run against the embedded (SQLite) adapters on a temporary folder.
import t from 'tap'
import { join } from 'node:path'
import { openEmbeddedEventLog } from '../../infra/event-log/embedded.js'
import { openEmbeddedStore } from '../../infra/store/embedded.js'
import { eventLogContract } from '../contract/event-log.contract.js'
import { storeContract } from '../contract/store.contract.js'

const dir = t.testdir({})
t.test('embedded event log', async t => {
  eventLogContract(t, async () => openEmbeddedEventLog({ file: join(dir, 'log.sqlite') }))
})
t.test('embedded store', async t => {
  storeContract(t, async () => openEmbeddedStore({ file: join(dir, 'store.sqlite') }))
})
