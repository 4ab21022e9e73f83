// Where the real engines started by infra/engines/up.sh listen. These tests never skip: when an
// engine is not running they fail and say how to start it.
import { pino } from 'pino'
import { uniqueName } from '../helpers/wait-for.js'

const env = process.env
export const kafkaBrokers = (env.LT_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',')
export const mongoUri = env.LT_TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:27018/'
export const quietLogger = pino({ level: 'error' })
export const hint = 'start the engines first: npm run infra:up'
/** A database per test file keeps runs apart without dropping anything. */
export const testDatabase = (): string => uniqueName('lt_test').replace(/-/g, '_')
/** A Kafka namespace per test file: its topics and groups are its own, whatever ran before. */
export const testNamespace = (): string => uniqueName('t').toLowerCase().replace(/[^a-z0-9_-]/g, '')
