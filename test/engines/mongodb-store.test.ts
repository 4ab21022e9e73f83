// The store contract against a real MongoDB-protocol server (FerretDB here).
import t from 'tap'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { storeContract } from '../contract/store.contract.js'
import { hint, mongoUri, testDatabase } from './engines.js'

const database = testDatabase()
const open = async () => {
  try { return await openMongoStore({ uri: mongoUri, database, timeoutMs: 5000 }) } catch (err) {
    throw new Error(`MongoDB at ${mongoUri} does not answer (${(err as Error).message}); ${hint}`) }
}
t.test('MongoDB store', async t => { storeContract(t, open) })
