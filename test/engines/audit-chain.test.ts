// The audit chain scenario against a real MongoDB-protocol server (FerretDB here): concurrent
// writers, group commit and tampering found at the right entry.
import t from 'tap'
import { openMongoStore } from '../../infra/store/mongodb.js'
import { auditChainScenario } from '../security/audit-chain.scenario.js'
import { hint, mongoUri, testDatabase } from './engines.js'

auditChainScenario(t, async () => {
  // A database per scenario case keeps each chain apart without dropping anything.
  try { return await openMongoStore({ uri: mongoUri, database: testDatabase(), timeoutMs: 5000 }) } catch (err) {
    throw new Error(`MongoDB at ${mongoUri} does not answer (${(err as Error).message}); ${hint}`) }
})
